import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, totpSecrets, type TestApp } from '../../../test/test-app.ts';
import { base32Decode, hotp, timeStep } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (email: string, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD, ...extra } });
const codeFor = (email: string, offsetSteps = 0) => hotp(base32Decode(totpSecrets.get(email)!), timeStep(t.clock.now()) + offsetSteps);

describe('two-factor authentication', () => {
  it('holds a new official at enrolment until a code is confirmed', async () => {
    const party = await t.party();
    const { createUser } = await import('../users/users.service.ts');
    const { systemActor } = await import('./actor.ts');
    await createUser(t.database.db, systemActor(), { email: 'new@test.invalid', partyCode: party.code, roles: ['caseworker'], password: TEST_PASSWORD });
    const res = await login('new@test.invalid');
    expect(res.json().twoFactor).toBe('enrolment-required');
    const headers = { cookie: `hw_session=${res.cookies[0]!.value}`, 'x-csrf-token': res.json().csrfToken };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/dossiers', headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    const enrol = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/2fa/enrol', headers })).json();
    expect(enrol.otpauthUri).toMatch(/^otpauth:\/\/totp\/Homeward%3Anew%40test\.invalid\?secret=/);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/2fa/confirm', headers, payload: { code: '000000' } });
    expect(wrong.json().code).toBe('TWO_FACTOR_INVALID');
    const code = hotp(base32Decode(enrol.secret), timeStep(t.clock.now()));
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/2fa/confirm', headers, payload: { code } });
    expect(ok.json().recoveryCodes).toHaveLength(10);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dossiers', headers })).statusCode).toBe(200);
    const stored = await t.database.db.selectFrom('app_user').select(['totp_secret']).where('email', '=', 'new@test.invalid').executeTakeFirstOrThrow();
    expect(stored.totp_secret).not.toContain(enrol.secret);
  });

  it('then asks for the code at every login, and refuses a replayed code', async () => {
    const c = await t.login(['verifier']);
    const without = await login(c.email);
    expect(without.statusCode).toBe(401);
    expect(without.json().code).toBe('TWO_FACTOR_REQUIRED');
    expect(without.cookies).toEqual([]);
    t.clock.advance(30_000);
    const code = codeFor(c.email);
    const first = await login(c.email, { totp: code });
    expect(first.statusCode).toBe(200);
    expect(first.json().twoFactor).toBe('done');
    const replay = await login(c.email, { totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('TWO_FACTOR_INVALID');
  });

  it('accepts each recovery code once', async () => {
    const party = await t.party();
    const { createUser } = await import('../users/users.service.ts');
    const { systemActor } = await import('./actor.ts');
    await createUser(t.database.db, systemActor(), { email: 'rec@test.invalid', partyCode: party.code, roles: ['auditor'], password: TEST_PASSWORD });
    const res = await login('rec@test.invalid');
    const headers = { cookie: `hw_session=${res.cookies[0]!.value}`, 'x-csrf-token': res.json().csrfToken };
    const { secret } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/2fa/enrol', headers })).json();
    const { recoveryCodes } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/2fa/confirm', headers, payload: { code: hotp(base32Decode(secret), timeStep(t.clock.now())) } })).json();
    expect((await login('rec@test.invalid', { recoveryCode: recoveryCodes[3] })).statusCode).toBe(200);
    expect((await login('rec@test.invalid', { recoveryCode: recoveryCodes[3] })).json().code).toBe('TWO_FACTOR_INVALID');
  });

  it('lets an administrator of the same party reset it, with a second administrator, ending the user’s sessions', async () => {
    const party = await t.party();
    const admin = await t.login(['administrator'], party);
    const second = await t.login(['administrator'], party);
    const user = await t.login(['caseworker'], party);
    const outsider = await t.login(['administrator']);
    expect((await outsider.post(`/api/v1/users/${user.userId}/2fa/reset`)).statusCode).toBe(404);
    const asked = await admin.post(`/api/v1/users/${user.userId}/2fa/reset`);
    expect(asked.statusCode).toBe(202);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await second.post(`/api/v1/approvals/${asked.json().approval.id}/approve`, {})).statusCode).toBe(200);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login(user.email)).json().twoFactor).toBe('enrolment-required');
  });

  it('is not required of viewers, nor where the party has switched it off', async () => {
    const viewer = await t.login(['viewer']);
    expect((await viewer.get('/api/v1/auth/me')).json().twoFactor).toBe('not-required');
    const relaxed = await t.party();
    await t.database.db.updateTable('party').set({ require_two_factor: false }).where('id', '=', relaxed.id).execute();
    const c = await t.login(['caseworker'], relaxed);
    expect((await c.get('/api/v1/auth/me')).json().twoFactor).toBe('not-required');
  });
});
