import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, totpSecrets, type Client, type TestApp } from '../../../test/test-app.ts';
import { systemActor } from '../auth/actor.ts';
import { base32Decode, hotp, timeStep } from '../auth/totp.ts';
import { resetTwoFactor } from './users.approvals.ts';

// The two-person rule on accounts (issue 13): granting roles and resetting two-factor wait for a
// second administrator of the same party; never the first person, never the account itself.
let t: TestApp;
let party: { id: string; code: string };
let first: Client;
let second: Client;
let reviewer: Client;
let otherAdmin: Client;

beforeAll(async () => {
  t = await createTestApp();
  party = await t.party();
  first = await t.login(['administrator'], party);
  second = await t.login(['administrator'], party);
  // Holds approval.give but not user.admin.
  reviewer = await t.login(['match-reviewer'], party);
  otherAdmin = await t.login(['administrator'], await t.party());
});
afterAll(() => t.close());

async function signIn(email: string) {
  t.clock.advance(30_000);
  const secret = totpSecrets.get(email);
  const totp = secret ? hotp(base32Decode(secret), timeStep(t.clock.now())) : undefined;
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD, ...(totp ? { totp } : {}) } });
}

const rolesOf = async (id: string) => (await t.database.db.selectFrom('app_user').select('roles').where('id', '=', id).executeTakeFirstOrThrow()).roles;
const approvalStatus = async (id: string) => (await t.database.db.selectFrom('pending_approval').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('granting roles', () => {
  it('waits for a second administrator of the party; the first person, a non-administrator and another party cannot be it', async () => {
    const target = await t.login(['viewer'], party);
    const asked = await first.post(`/api/v1/users/${target.userId}/roles/grant`, { roles: ['caseworker', 'auditor'], reason: 'Joined the tracing team' });
    expect(asked.statusCode, asked.body).toBe(202);
    const approval = asked.json().approval;
    expect(approval).toMatchObject({ act: 'user.grant-role', subjectType: 'user', subjectId: target.userId, status: 'pending', secondPartyId: party.id, secondPermission: 'user.admin', payload: { userId: target.userId, roles: ['caseworker', 'auditor'] } });
    expect(asked.json().user.roles).toEqual(['viewer']);
    expect(await rolesOf(target.userId)).toEqual(['viewer']);

    // The account shows what it waits for.
    const shown = (await first.get(`/api/v1/users/${target.userId}`)).json();
    expect(shown.pending.map((p: { id: string }) => p.id)).toEqual([approval.id]);
    // Asking the same again: the same approval already waits.
    const twice = await first.post(`/api/v1/users/${target.userId}/roles/grant`, { roles: ['auditor', 'caseworker'] });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'ALREADY_EXISTS']);

    const self = await first.post(`/api/v1/approvals/${approval.id}/approve`, {});
    expect([self.statusCode, self.json().code]).toEqual([409, 'SAME_PERSON']);
    const notAdmin = await reviewer.post(`/api/v1/approvals/${approval.id}/approve`, {});
    expect([notAdmin.statusCode, notAdmin.json().code]).toEqual([403, 'NOT_ELIGIBLE_SECOND']);
    expect((await otherAdmin.post(`/api/v1/approvals/${approval.id}/approve`, {})).statusCode).toBe(404);
    expect(await rolesOf(target.userId)).toEqual(['viewer']);

    // Told: the party's other administrators (not the first person, not the reviewer).
    const told = await t.database.db.selectFrom('notification').select('user_id').where('dedupe_key', '=', `approval:${approval.id}`).execute();
    expect(told.map((r) => r.user_id)).toEqual([second.userId]);

    const ok = await second.post(`/api/v1/approvals/${approval.id}/approve`, { payloadHash: approval.payloadHash, reason: 'Checked with HR' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', secondUserId: second.userId });
    expect(await rolesOf(target.userId)).toEqual(['caseworker', 'auditor', 'viewer']);
    // The user signs in again to use them (and must set up two-factor now).
    expect((await target.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await signIn(target.email)).json().twoFactor).toBe('enrolment-required');

    const audit = await t.database.db.selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', 'user.grant-role').where('record_id', '=', target.userId).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_user_id: second.userId, details: { roles: ['caseworker', 'auditor'], sessionsEnded: 1, approvalId: approval.id, requestedBy: first.userId } });
    expect((await first.get(`/api/v1/users/${target.userId}`)).json().pending).toEqual([]);
  });

  it('refuses a grant to oneself, and an administrator approving a grant to their own account', async () => {
    const own = await first.post(`/api/v1/users/${first.userId}/roles/grant`, { roles: ['auditor'] });
    expect([own.statusCode, own.json().code]).toEqual([403, 'USER_SELF_CHANGE']);
    const colleague = await t.login(['administrator'], party);
    const forColleague = await first.post(`/api/v1/users/${colleague.userId}/roles/grant`, { roles: ['auditor'] });
    expect(forColleague.statusCode, forColleague.body).toBe(202);
    const byThemselves = await colleague.post(`/api/v1/approvals/${forColleague.json().approval.id}/approve`, {});
    expect([byThemselves.statusCode, byThemselves.json().code]).toEqual([403, 'USER_SELF_CHANGE']);
    expect(await approvalStatus(forColleague.json().approval.id)).toBe('pending');
    expect(await rolesOf(colleague.userId)).toEqual(['administrator']);
    // Another administrator may give it.
    expect((await second.post(`/api/v1/approvals/${forColleague.json().approval.id}/approve`, {})).statusCode).toBe(200);
    expect(await rolesOf(colleague.userId)).toEqual(['administrator', 'auditor']);
  });

  it('refuses roles already held, and grants to a disabled account', async () => {
    const target = await t.login(['caseworker'], party);
    expect((await first.post(`/api/v1/users/${target.userId}/roles/grant`, { roles: ['caseworker'] })).json().code).toBe('USER_ROLE_ALREADY_HELD');
    expect((await first.post(`/api/v1/users/${target.userId}/roles/grant`, { roles: ['chief'] })).statusCode).toBe(400);
    await first.post(`/api/v1/users/${target.userId}/disable`, {});
    expect((await first.post(`/api/v1/users/${target.userId}/roles/grant`, { roles: ['auditor'] })).json().code).toBe('USER_DISABLED');
  });

  it('ends a waiting grant when the account is disabled meanwhile: nothing is granted', async () => {
    const target = await t.login(['viewer'], party);
    const asked = (await first.post(`/api/v1/users/${target.userId}/roles/grant`, { roles: ['administrator'] })).json().approval;
    expect((await second.post(`/api/v1/users/${target.userId}/disable`, {})).statusCode).toBe(200);
    expect(await approvalStatus(asked.id)).toBe('expired');
    const late = await second.post(`/api/v1/approvals/${asked.id}/approve`, {});
    expect([late.statusCode, late.json().code]).toEqual([409, 'APPROVAL_NOT_PENDING']);
    expect(await rolesOf(target.userId)).toEqual(['viewer']);
  });

  it('creates an account whose roles wait for the second administrator', async () => {
    const res = await first.post('/api/v1/users', { email: 'new.caseworker@test.invalid', password: 'blue kettle on a quiet train', roles: ['caseworker'], reason: 'New colleague' });
    expect(res.statusCode, res.body).toBe(201);
    const { user, approval } = res.json();
    expect(user.roles).toEqual([]);
    expect(user.pending.map((p: { id: string }) => p.id)).toEqual([approval.id]);
    expect(approval).toMatchObject({ act: 'user.grant-role', payload: { userId: user.id, roles: ['caseworker'] }, firstReason: 'New colleague' });
    expect((await first.post(`/api/v1/approvals/${approval.id}/approve`, {})).json().code).toBe('SAME_PERSON');
    expect((await second.post(`/api/v1/approvals/${approval.id}/approve`, {})).statusCode).toBe(200);
    expect(await rolesOf(user.id)).toEqual(['caseworker']);
  });

  it('with HOMEWARD_TWO_PERSON=off, one administrator grants at once', async () => {
    const target = await t.login(['viewer'], party);
    process.env.HOMEWARD_TWO_PERSON = 'off';
    try {
      const res = await first.post(`/api/v1/users/${target.userId}/roles/grant`, { roles: ['auditor'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ user: { roles: ['auditor', 'viewer'] }, approval: null });
      // Never for oneself, rule or not.
      expect((await first.post(`/api/v1/users/${first.userId}/roles/grant`, { roles: ['auditor'] })).json().code).toBe('USER_SELF_CHANGE');
    } finally {
      delete process.env.HOMEWARD_TWO_PERSON;
    }
  });
});

describe('resetting two-factor', () => {
  it('waits for a second administrator, then clears the enrolment and the recovery codes and ends the sessions: the user enrols again', async () => {
    const target = await t.login(['caseworker'], party);
    const asked = await first.post(`/api/v1/users/${target.userId}/2fa/reset`, { reason: 'Lost phone' });
    expect(asked.statusCode, asked.body).toBe(202);
    const approval = asked.json().approval;
    expect(approval).toMatchObject({ act: 'two-factor.reset', subjectId: target.userId, payload: { userId: target.userId } });
    // Nothing yet.
    expect((await target.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await first.post(`/api/v1/approvals/${approval.id}/approve`, {})).json().code).toBe('SAME_PERSON');

    expect((await second.post(`/api/v1/approvals/${approval.id}/approve`, {})).statusCode).toBe(200);
    expect((await target.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await signIn(target.email);
    expect(again.statusCode).toBe(200);
    expect(again.json().twoFactor).toBe('enrolment-required');
    const cookie = `hw_session=${again.cookies.find((c) => c.name === 'hw_session')!.value}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dossiers', headers: { cookie } })).json().code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    const codes = await t.database.db.selectFrom('recovery_code').select('used_at').where('user_id', '=', target.userId).execute();
    expect(codes.length).toBe(10);
    expect(codes.every((c) => c.used_at !== null)).toBe(true);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_user_id', 'details', 'reason']).where('action', '=', 'auth.2fa-reset').where('record_id', '=', target.userId).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_user_id: second.userId, reason: 'Lost phone', details: { sessionsEnded: 1, approvalId: approval.id, requestedBy: first.userId } });
    // Nothing left to reset until the user enrols again.
    expect((await first.post(`/api/v1/users/${target.userId}/2fa/reset`, {})).json().code).toBe('USER_TWO_FACTOR_NOT_ENROLLED');
  });

  it('refuses one’s own reset, asking or approving', async () => {
    expect((await first.post(`/api/v1/users/${first.userId}/2fa/reset`, {})).json().code).toBe('USER_SELF_CHANGE');
    const forSecond = (await first.post(`/api/v1/users/${second.userId}/2fa/reset`, {})).json().approval;
    const byThemselves = await second.post(`/api/v1/approvals/${forSecond.id}/approve`, {});
    expect([byThemselves.statusCode, byThemselves.json().code]).toEqual([403, 'USER_SELF_CHANGE']);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(200);
    // The first person withdraws it.
    expect((await first.post(`/api/v1/approvals/${forSecond.id}/decline`, { reason: 'Asked for the wrong person' })).json().status).toBe('declined');
  });

  it('expires a waiting reset whose enrolment changed meanwhile: nothing is done', async () => {
    const target = await t.login(['caseworker'], party);
    const approval = (await first.post(`/api/v1/users/${target.userId}/2fa/reset`, {})).json().approval;
    // The operator reset it directly (the CLI acts as the system): the enrolment asked about is gone.
    await resetTwoFactor({ db: t.database.db, clock: t.clock }, systemActor(party.id), target.userId, {});
    const late = await second.post(`/api/v1/approvals/${approval.id}/approve`, {});
    expect([late.statusCode, late.json().code]).toEqual([409, 'APPROVAL_EXPIRED']);
    expect(await approvalStatus(approval.id)).toBe('expired');
  });
});
