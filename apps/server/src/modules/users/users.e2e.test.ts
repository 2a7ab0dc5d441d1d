import { roles, type Role } from '@homeward/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, totpSecrets, type Client, type TestApp } from '../../../test/test-app.ts';
import { systemActor } from '../auth/actor.ts';
import { base32Decode, hotp, timeStep } from '../auth/totp.ts';
import { revokeRoles, setUserStatus } from './users.service.ts';

// User administration through HTTP (issue 8): an administrator manages the accounts of their own
// party only; revoking and disabling take effect at once. Granting roles and resetting two-factor
// (the two-person rule) are in users-two-person.e2e.test.ts.
let t: TestApp;
let party: { id: string; code: string };
let admin: Client;
let otherAdmin: Client;

beforeAll(async () => {
  t = await createTestApp();
  party = await t.party();
  admin = await t.login(['administrator'], party);
  otherAdmin = await t.login(['administrator'], await t.party('holding-country-authority'));
});
afterAll(() => t.close());

/** Signs in again (a later TOTP step: a code is accepted once). */
async function signIn(email: string) {
  t.clock.advance(30_000);
  const secret = totpSecrets.get(email);
  const totp = secret ? hotp(base32Decode(secret), timeStep(t.clock.now())) : undefined;
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD, ...(totp ? { totp } : {}) } });
}

const bearer = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/dossiers?limit=1', headers: { authorization: `Bearer ${token}` } });

describe('who administers accounts', () => {
  it('refuses every user route to every role but administrator (403), before looking at the account', async () => {
    const target = await t.login(['viewer'], party);
    for (const role of roles.filter((r) => r !== 'administrator')) {
      const c = await t.login([role], party);
      const calls = [
        c.get('/api/v1/users'),
        c.get(`/api/v1/users/${target.userId}`),
        c.post('/api/v1/users', { email: `x-${role}@test.invalid`, password: 'blue kettle on a quiet train', roles: [] }),
        c.patch(`/api/v1/users/${target.userId}`, { displayName: 'Renamed' }),
        c.post(`/api/v1/users/${target.userId}/roles/grant`, { roles: ['auditor'] }),
        c.post(`/api/v1/users/${target.userId}/roles/revoke`, { roles: ['viewer'] }),
        c.post(`/api/v1/users/${target.userId}/disable`, {}),
        c.post(`/api/v1/users/${target.userId}/enable`, {}),
        c.post(`/api/v1/users/${target.userId}/2fa/reset`, {}),
      ];
      for (const res of await Promise.all(calls)) expect([role, res.statusCode, res.json().code]).toEqual([role, 403, 'FORBIDDEN']);
    }
    expect((await t.database.db.selectFrom('app_user').select(['status', 'roles']).where('id', '=', target.userId).executeTakeFirstOrThrow())).toEqual({ status: 'active', roles: ['viewer'] });
  });

  it("shows another party's accounts to nobody: its administrator gets 404 on every route, as for an unknown id", async () => {
    const target = await t.login(['caseworker'], party);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [target.userId, unknown]) {
      const answers = await Promise.all([
        otherAdmin.get(`/api/v1/users/${id}`),
        otherAdmin.patch(`/api/v1/users/${id}`, { displayName: 'Renamed' }),
        otherAdmin.post(`/api/v1/users/${id}/roles/grant`, { roles: ['auditor'] }),
        otherAdmin.post(`/api/v1/users/${id}/roles/revoke`, { roles: ['caseworker'] }),
        otherAdmin.post(`/api/v1/users/${id}/disable`, {}),
        otherAdmin.post(`/api/v1/users/${id}/enable`, {}),
        otherAdmin.post(`/api/v1/users/${id}/2fa/reset`, {}),
      ]);
      for (const res of answers) expect([res.statusCode, res.json()]).toEqual([404, { code: 'NOT_FOUND', message: 'Not found.' }]);
    }
    const listed = (await otherAdmin.get('/api/v1/users?limit=200')).json().items as Array<{ id: string; partyId: string }>;
    expect(listed.map((u) => u.id)).not.toContain(target.userId);
    expect(new Set(listed.map((u) => u.partyId))).toEqual(new Set([otherAdmin.partyId]));
    expect((await t.database.db.selectFrom('app_user').select('status').where('id', '=', target.userId).executeTakeFirstOrThrow()).status).toBe('active');
  });
});

describe('listing and reading accounts', () => {
  it('lists the party’s accounts newest first, by role and status, page by page; audited with the ids', async () => {
    const own = await t.party();
    const a = await t.login(['administrator'], own);
    const ids: string[] = [];
    for (const r of ['caseworker', 'auditor', 'caseworker'] as Role[]) {
      t.clock.advance(1000);
      ids.push((await t.login([r], own)).userId);
    }
    await setUserStatus({ db: t.database.db, clock: t.clock }, systemActor(own.id), ids[2]!, 'disabled', null);

    const all = (await a.get('/api/v1/users')).json();
    expect(all.items.map((u: { id: string }) => u.id)).toEqual([...ids].reverse().concat(a.userId));
    const first = all.items[1];
    expect(first).toMatchObject({ id: ids[1], roles: ['auditor'], status: 'active', twoFactor: 'enabled', partyId: own.id, pending: [] });
    expect(first).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(all)).not.toMatch(/argon2|totp_secret/);

    const caseworkers = (await a.get('/api/v1/users?role=caseworker')).json().items.map((u: { id: string }) => u.id);
    expect(caseworkers).toEqual([ids[2], ids[0]]);
    const activeCaseworkers = (await a.get('/api/v1/users?role=caseworker&status=active')).json().items.map((u: { id: string }) => u.id);
    expect(activeCaseworkers).toEqual([ids[0]]);
    expect((await a.get('/api/v1/users?role=chief')).statusCode).toBe(400);

    const p1 = (await a.get('/api/v1/users?limit=2')).json();
    expect(p1.items).toHaveLength(2);
    const p2 = (await a.get(`/api/v1/users?limit=2&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((u: { id: string }) => u.id)).toEqual([...ids].reverse().concat(a.userId));
    expect(p2.nextCursor).toBeNull();
    expect((await a.get('/api/v1/users?cursor=nonsense')).json().code).toBe('INVALID_CURSOR');

    const audit = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'user.list').where('actor_user_id', '=', a.userId).orderBy('id').execute();
    expect((audit[0]!.details as { ids: string[] }).ids).toEqual([...ids].reverse().concat(a.userId));
    const one = await a.get(`/api/v1/users/${ids[0]}`);
    expect(one.json()).toMatchObject({ id: ids[0], roles: ['caseworker'] });
  });

  it('renames an account (one’s own too), audited without the name', async () => {
    const target = await t.login(['caseworker'], party);
    const res = await admin.patch(`/api/v1/users/${target.userId}`, { displayName: 'Олена Коваль' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().displayName).toBe('Олена Коваль');
    expect((await admin.patch(`/api/v1/users/${admin.userId}`, { displayName: 'Chief administrator' })).json().displayName).toBe('Chief administrator');
    expect((await admin.patch(`/api/v1/users/${target.userId}`, { displayName: '  ' })).statusCode).toBe(400);
    const rows = await t.database.db.selectFrom('audit_log').select(['fields', 'details']).where('action', '=', 'user.update').where('record_id', '=', target.userId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.fields).toEqual(['display_name']);
    expect(JSON.stringify(rows)).not.toContain('Олена');
  });
});

describe('creating an account', () => {
  it('checks the e-mail and the password by the rules of `homeward user create`, never echoing them', async () => {
    const weak = await admin.post('/api/v1/users', { email: 'weak@test.invalid', password: 'Password123!', roles: [] });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().issues).toEqual([expect.objectContaining({ path: 'body.password', message: 'is a commonly used password' })]);
    expect(weak.body).not.toContain('Password123!');
    expect((await admin.post('/api/v1/users', { email: 'not-an-address', password: 'blue kettle on a quiet train' })).statusCode).toBe(400);
    const taken = await admin.post('/api/v1/users', { email: otherAdmin.email.toUpperCase(), password: 'blue kettle on a quiet train' });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'ALREADY_EXISTS']);
    expect(taken.body).not.toContain(otherAdmin.email);
  });

  it('creates an account of the administrator’s party that holds no role yet and can do nothing', async () => {
    const res = await admin.post('/api/v1/users', { email: 'Fresh.Official@Test.invalid', displayName: 'Fresh official', password: 'blue kettle on a quiet train' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ user: { email: 'fresh.official@test.invalid', partyId: party.id, roles: [], status: 'active', twoFactor: 'not-enrolled' }, approval: null });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'fresh.official@test.invalid', password: 'blue kettle on a quiet train' } });
    expect(login.statusCode).toBe(200);
    const cookie = `hw_session=${login.cookies.find((c) => c.name === 'hw_session')!.value}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dossiers', headers: { cookie } })).statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'user.create').where('record_id', '=', res.json().user.id).executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ roles: [], rolesAsked: [], partyId: party.id });
  });
});

describe('revoking roles and disabling take effect at once', () => {
  it('revokes a role: the session and the API token lose it on their next request', async () => {
    const target = await t.login(['caseworker', 'verifier'], party);
    const token = (await admin.post('/api/v1/tokens', { userId: target.userId, name: 'exchange', permissions: ['dossier.write', 'dossier.read'] })).json().token as string;
    expect((await target.post('/api/v1/dossiers', {})).statusCode).toBe(400);
    const res = await admin.post(`/api/v1/users/${target.userId}/roles/revoke`, { roles: ['caseworker'], reason: 'Moved to verification' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().roles).toEqual(['verifier']);
    expect((await target.post('/api/v1/dossiers', {})).json().code).toBe('FORBIDDEN');
    expect((await target.get('/api/v1/dossiers?limit=1')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}` }, payload: {} })).json().code).toBe('FORBIDDEN');
    const again = await admin.post(`/api/v1/users/${target.userId}/roles/revoke`, { roles: ['caseworker'] });
    expect([again.statusCode, again.json().code]).toEqual([409, 'USER_ROLE_NOT_HELD']);
    const audit = await t.database.db.selectFrom('audit_log').select(['details', 'reason']).where('action', '=', 'user.revoke-role').where('record_id', '=', target.userId).executeTakeFirstOrThrow();
    expect(audit).toEqual({ details: { roles: ['caseworker'] }, reason: 'Moved to verification' });
  });

  it('disables an account: its session and API token are refused at once, and it cannot sign in; enabling lets it sign in again', async () => {
    const target = await t.login(['caseworker'], party);
    const token = (await admin.post('/api/v1/tokens', { userId: target.userId, name: 'exchange', permissions: ['dossier.read'] })).json().token as string;
    expect((await bearer(token)).statusCode).toBe(200);
    const res = await admin.post(`/api/v1/users/${target.userId}/disable`, { reason: 'Left the service' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await target.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await bearer(token)).json().code).toBe('TOKEN_INVALID');
    expect((await signIn(target.email)).json().code).toBe('INVALID_CREDENTIALS');
    expect((await admin.post(`/api/v1/users/${target.userId}/disable`, {})).json().code).toBe('INVALID_TRANSITION');

    const audit = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'user.disable').where('record_id', '=', target.userId).executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ from: 'active', to: 'disabled', sessionsEnded: 1, tokensRevoked: 1 });

    const enabled = await admin.post(`/api/v1/users/${target.userId}/enable`);
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json().status).toBe('active');
    expect((await signIn(target.email)).statusCode).toBe(200);
    // What disabling ended stays ended.
    expect((await target.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('refuses to revoke one’s own roles or disable oneself', async () => {
    const own = await admin.post(`/api/v1/users/${admin.userId}/roles/revoke`, { roles: ['administrator'] });
    expect([own.statusCode, own.json().code]).toEqual([403, 'USER_SELF_CHANGE']);
    expect((await admin.post(`/api/v1/users/${admin.userId}/disable`, {})).json().code).toBe('USER_SELF_CHANGE');
    expect((await admin.get('/api/v1/auth/me')).json().user.roles).toEqual(['administrator']);
  });

  it('never leaves a party without an active administrator (even for the operator’s CLI)', async () => {
    const lone = await t.party();
    const only = await t.login(['administrator'], lone);
    const deps = { db: t.database.db, clock: t.clock };
    await expect(revokeRoles(deps, systemActor(lone.id), only.userId, { roles: ['administrator'] })).rejects.toMatchObject({ code: 'USER_LAST_ADMINISTRATOR' });
    await expect(setUserStatus(deps, systemActor(lone.id), only.userId, 'disabled', null)).rejects.toMatchObject({ code: 'USER_LAST_ADMINISTRATOR' });
    const helper = await t.login(['administrator'], lone);
    expect((await helper.post(`/api/v1/users/${only.userId}/disable`, {})).statusCode).toBe(200);
    await expect(revokeRoles(deps, systemActor(lone.id), helper.userId, { roles: ['administrator'] })).rejects.toMatchObject({ code: 'USER_LAST_ADMINISTRATOR' });
  });
});

describe('the contract', () => {
  it('is in the OpenAPI document, request and answer, like every route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/users', '/api/v1/users/{id}', '/api/v1/users/{id}/roles/grant', '/api/v1/users/{id}/2fa/reset']));
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.properties.password).toBeTruthy();
    expect(Object.keys(doc.paths['/api/v1/users/{id}/roles/grant'].post.responses)).toEqual(expect.arrayContaining(['200', '202']));
  });
});

describe('the audit trail of user administration', () => {
  it('holds ids and role names only: no e-mail address or name', async () => {
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'details', 'reason']).where('action', 'like', 'user.%').execute();
    expect(rows.length).toBeGreaterThan(5);
    const text = JSON.stringify(rows.map((r) => r.details));
    expect(text).not.toMatch(/@|Олена|Fresh official/);
  });
});
