import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDossier, fixtureRequest } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { withMatching } from '../matching/matching.tables.ts';

// The two-person rule (issue 13) through HTTP: a case-opening match needs a second reviewer of
// the party holding the dossier; a consent override a second administrator of the same party.
let t: TestApp;
let familyParty: { id: string; code: string };
let holdingParty: { id: string; code: string };
let family: Client;
let holder: Client;
/** First reviewer (the family's party). */
let reviewer: Client;
/** Another reviewer of the family's party: not eligible as the second (the other party is). */
let colleague: Client;
/** Two reviewers of the holding party: both eligible as the second. */
let second: Client;
let second2: Client;
/** A reviewer of a third party: sees nothing. */
let stranger: Client;

beforeAll(async () => {
  t = await createTestApp();
  familyParty = await t.party('home-country-authority');
  holdingParty = await t.party('holding-country-authority');
  family = await t.login(['caseworker'], familyParty);
  holder = await t.login(['caseworker'], holdingParty);
  reviewer = await t.login(['match-reviewer'], familyParty);
  colleague = await t.login(['match-reviewer'], familyParty);
  second = await t.login(['match-reviewer'], holdingParty);
  second2 = await t.login(['match-reviewer'], holdingParty);
  stranger = await t.login(['match-reviewer'], await t.party('holding-country-authority'));
});
afterAll(() => t.close());

let n = 0;
/** A request and a dossier for one child (unique per call), and the request↔dossier proposal. */
async function proposed() {
  const birthDate = `2010-0${1 + (n % 9)}-1${n % 10}`;
  const familyName = [
    'Гончаренко',
    'Кравчук',
    'Мороз',
    'Руденко',
    'Литвиненко',
    'Савчук',
    'Бойко',
    'Ткачук',
    'Зінченко',
  ][n++ % 9]!;
  const d = await holder.post(
    '/api/v1/dossiers',
    fixtureDossier({ birthDate, names: [{ givenName: 'Александр', familyName, patronymic: 'Сергеевич' }] }),
  );
  expect(d.statusCode, d.body).toBe(201);
  const r = await family.post(
    '/api/v1/requests',
    fixtureRequest({ birthDate, names: [{ givenName: 'Олександр', familyName, patronymic: 'Сергійович' }] }),
  );
  expect(r.statusCode, r.body).toBe(201);
  const items = (await reviewer.post(`/api/v1/requests/${r.json().id}/match`)).json().items as Array<{
    id: string;
    rightId: string;
  }>;
  const p = items.find((i) => i.rightId === d.json().id);
  expect(p, 'proposed').toBeDefined();
  return { proposalId: p!.id, dossierId: d.json().id as string, requestId: r.json().id as string };
}

async function firstConfirm(proposalId: string, reason = 'Birth certificate matches') {
  const res = await reviewer.post(`/api/v1/matches/${proposalId}/confirm`, { reason });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('awaiting-second');
  return res.json().approvalId as string;
}

const casesOf = (requestId: string) =>
  t.database.db.selectFrom('tracing_case').select('id').where('request_id', '=', requestId).execute();
const requestStatus = async (requestId: string) =>
  (await family.get(`/api/v1/requests/${requestId}`)).json().status as string;
const pendingIds = async (c: Client) =>
  ((await c.get('/api/v1/approvals?status=pending')).json().items as Array<{ id: string }>).map((i) => i.id);

describe('two-person rule: a match that opens a case', () => {
  it('waits for a second reviewer of the holding party; the first person and their colleagues cannot be it', async () => {
    const { proposalId, requestId } = await proposed();
    const approvalId = await firstConfirm(proposalId);
    expect(await requestStatus(requestId)).toBe('open');
    expect(await casesOf(requestId)).toEqual([]);

    // The same person, by either route.
    const self = await reviewer.post(`/api/v1/approvals/${approvalId}/approve`, {});
    expect([self.statusCode, self.json().code]).toEqual([409, 'SAME_PERSON']);
    expect((await reviewer.post(`/api/v1/matches/${proposalId}/confirm`, {})).json().code).toBe(
      'SAME_PERSON',
    );
    // A colleague of the same party: not the party the policy names.
    const mate = await colleague.post(`/api/v1/approvals/${approvalId}/approve`, {});
    expect([mate.statusCode, mate.json().code]).toEqual([403, 'NOT_ELIGIBLE_SECOND']);
    expect((await colleague.post(`/api/v1/matches/${proposalId}/confirm`, {})).json().code).toBe(
      'NOT_ELIGIBLE_SECOND',
    );
    // The holding party's caseworker lacks the permission; a third party does not see it at all.
    expect((await holder.post(`/api/v1/approvals/${approvalId}/approve`, {})).statusCode).toBe(403);
    expect((await stranger.post(`/api/v1/approvals/${approvalId}/approve`, {})).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/matches/${proposalId}/confirm`, {})).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/approvals/${approvalId}`)).statusCode).toBe(404);
    expect(await requestStatus(requestId)).toBe('open');

    // What awaits whom: only the eligible second people.
    expect(await pendingIds(second)).toContain(approvalId);
    expect(await pendingIds(second2)).toContain(approvalId);
    expect(await pendingIds(reviewer)).not.toContain(approvalId);
    expect(await pendingIds(colleague)).not.toContain(approvalId);
    expect(await pendingIds(stranger)).not.toContain(approvalId);
    // ...and they were told.
    const told = await t.database.db
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'approval.needed')
      .where('dedupe_key', '=', `approval:${approvalId}`)
      .execute();
    expect(told.map((r) => r.user_id).sort()).toEqual([second.userId, second2.userId].sort());

    const shown = (await second.get(`/api/v1/approvals/${approvalId}`)).json();
    expect(shown).toMatchObject({
      act: 'match.confirm-case',
      subjectId: proposalId,
      status: 'pending',
      firstUserId: reviewer.userId,
      secondPartyId: holdingParty.id,
      secondPermission: 'match.review',
    });
    const wrongHash = await second.post(`/api/v1/approvals/${approvalId}/approve`, {
      payloadHash: '0'.repeat(64),
    });
    expect(wrongHash.json().code).toBe('APPROVAL_CHANGED');

    const ok = await second.post(`/api/v1/approvals/${approvalId}/approve`, {
      payloadHash: shown.payloadHash,
      reason: 'Same child: photo and birth record',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', secondUserId: second.userId });
    expect(await requestStatus(requestId)).toBe('matched');
    expect(await casesOf(requestId)).toHaveLength(1);
    expect((await reviewer.get(`/api/v1/matches/${proposalId}`)).json()).toMatchObject({
      status: 'confirmed',
      decidedBy: second.userId,
    });

    // Audit: both steps, and the act itself by the second person.
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'record_id'])
      .where((eb) => eb.or([eb('record_id', '=', approvalId), eb('record_id', '=', proposalId)]))
      .orderBy('id')
      .execute();
    const acts = audit
      .filter((a) => a.action.startsWith('approval.') || a.action === 'match.confirm')
      .filter((a) => a.action !== 'approval.list');
    expect(acts.map((a) => [a.action, a.actor_user_id])).toEqual([
      ['approval.request', reviewer.userId],
      ['approval.approve', second.userId],
      ['match.confirm', second.userId],
    ]);
    // Done once: neither route does it again.
    expect((await second2.post(`/api/v1/approvals/${approvalId}/approve`, {})).json().code).toBe(
      'APPROVAL_NOT_PENDING',
    );
    // (The holding party lists request↔dossier proposals only while one waits for it.)
    expect((await second2.post(`/api/v1/matches/${proposalId}/confirm`, {})).statusCode).toBe(404);
    expect((await reviewer.post(`/api/v1/matches/${proposalId}/confirm`, {})).json().code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('completes exactly once when two eligible reviewers approve at the same time', async () => {
    const { proposalId, requestId } = await proposed();
    const approvalId = await firstConfirm(proposalId);
    const answers = await Promise.all([
      second.post(`/api/v1/approvals/${approvalId}/approve`, {}),
      second2.post(`/api/v1/approvals/${approvalId}/approve`, {}),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().code).toBe('APPROVAL_NOT_PENDING');
    expect(await casesOf(requestId)).toHaveLength(1);
    const events = await withMatching(t.database.db)
      .selectFrom('match_proposal_event')
      .select('status')
      .where('proposal_id', '=', proposalId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.status)).toEqual(['proposed', 'awaiting-second', 'confirmed']);
  });

  it('a decline leaves nothing done: the proposal goes back to the queue, with the reason in its history', async () => {
    const { proposalId, requestId } = await proposed();
    const approvalId = await firstConfirm(proposalId);
    expect((await second.post(`/api/v1/approvals/${approvalId}/decline`, {})).statusCode).toBe(400);
    expect(
      (await colleague.post(`/api/v1/approvals/${approvalId}/decline`, { reason: 'no' })).json().code,
    ).toBe('NOT_ELIGIBLE_SECOND');
    const declined = await second.post(`/api/v1/approvals/${approvalId}/decline`, {
      reason: 'The dossier child has a different mother',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({
      status: 'declined',
      secondUserId: second.userId,
      endReason: 'The dossier child has a different mother',
    });
    expect(await requestStatus(requestId)).toBe('open');
    expect(await casesOf(requestId)).toEqual([]);
    const p = (await reviewer.get(`/api/v1/matches/${proposalId}`)).json();
    expect(p.status).toBe('proposed');
    expect(p.history.at(-1)).toMatchObject({
      status: 'proposed',
      actorUserId: second.userId,
      reason: 'Second approval declined: The dossier child has a different mother',
    });
    expect((await second.post(`/api/v1/approvals/${approvalId}/approve`, {})).json().code).toBe(
      'APPROVAL_NOT_PENDING',
    );
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'reason'])
      .where('record_id', '=', approvalId)
      .where('action', '=', 'approval.decline')
      .execute();
    expect(audit).toEqual([
      {
        action: 'approval.decline',
        actor_user_id: second.userId,
        reason: 'The dossier child has a different mother',
      },
    ]);
    // It can be confirmed again, and then needs a second person again.
    const again = await firstConfirm(proposalId);
    expect(again).not.toBe(approvalId);
  });

  it('the first reviewer finds their waiting confirmation under /approvals/mine and withdraws it', async () => {
    const { proposalId, requestId } = await proposed();
    const approvalId = await firstConfirm(proposalId);
    const mine = async (c: Client) =>
      ((await c.get('/api/v1/approvals/mine')).json().items as Array<{ id: string }>).map((i) => i.id);
    expect(await mine(reviewer)).toContain(approvalId);
    expect(await mine(second)).not.toContain(approvalId);
    expect(await pendingIds(reviewer)).not.toContain(approvalId);
    const withdrawn = await reviewer.post(`/api/v1/approvals/${approvalId}/decline`, { reason: 'Confirmed the wrong pair' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'declined', secondUserId: null, endReason: 'Confirmed the wrong pair' });
    expect(await mine(reviewer)).not.toContain(approvalId);
    expect((await reviewer.get(`/api/v1/matches/${proposalId}`)).json().status).toBe('proposed');
    expect(await casesOf(requestId)).toEqual([]);
  });

  it('a rejection at the second step rejects the proposal and ends the approval', async () => {
    const { proposalId, requestId } = await proposed();
    const approvalId = await firstConfirm(proposalId);
    const rejected = await second.post(`/api/v1/matches/${proposalId}/reject`, {
      reason: 'Different birth place on the record',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().status).toBe('rejected');
    expect((await second.get(`/api/v1/approvals/${approvalId}`)).json().status).toBe('declined');
    expect(await requestStatus(requestId)).toBe('open');
    expect(await pendingIds(second)).not.toContain(approvalId);
  });

  it('expires when no second reviewer answers in time; a new confirmation asks again', async () => {
    const { proposalId, requestId } = await proposed();
    const approvalId = await firstConfirm(proposalId);
    // Fifteen days on (moving the clock would end the sessions too).
    await t.database.db
      .updateTable('pending_approval')
      .set({ expires_at: new Date(t.clock.now().getTime() - 1000) })
      .where('id', '=', approvalId)
      .execute();
    {
      expect(await pendingIds(second)).not.toContain(approvalId);
      const late = await second.post(`/api/v1/approvals/${approvalId}/approve`, {});
      expect(late.json().code).toBe('APPROVAL_EXPIRED');
      expect((await second.get(`/api/v1/approvals/${approvalId}`)).json()).toMatchObject({
        status: 'expired',
        endReason: 'No second person approved it in time.',
      });
      expect((await reviewer.get(`/api/v1/matches/${proposalId}`)).json().status).toBe('proposed');
      expect(await requestStatus(requestId)).toBe('open');
      const again = await firstConfirm(proposalId);
      expect(again).not.toBe(approvalId);
    }
  });

  it('with HOMEWARD_TWO_PERSON=off, one confirmation opens the case as before', async () => {
    const { proposalId, requestId } = await proposed();
    process.env.HOMEWARD_TWO_PERSON = 'off';
    try {
      const res = await reviewer.post(`/api/v1/matches/${proposalId}/confirm`, {});
      expect(res.json()).toMatchObject({ status: 'confirmed', approvalId: null });
    } finally {
      delete process.env.HOMEWARD_TWO_PERSON;
    }
    expect(await casesOf(requestId)).toHaveLength(1);
  });
});

describe('two-person rule: a consent override', () => {
  it('needs a second administrator of the same party; declined, nothing is recorded', async () => {
    const admin = await t.login(['administrator'], holdingParty);
    const admin2 = await t.login(['administrator'], holdingParty);
    const otherAdmin = await t.login(['administrator'], familyParty);
    const d = await holder.post('/api/v1/dossiers', fixtureDossier({ birthDate: '2009-09-09' }));
    const body = {
      subjectType: 'dossier',
      subjectId: d.json().id,
      purpose: 'tracing',
      legalBasis: 'best-interests-of-the-child',
      reason: 'Court order 7/2026: tracing continues in the best interests of the child.',
    };
    const overrides = async () =>
      (
        (await admin.get(`/api/v1/consents?subjectType=dossier&subjectId=${d.json().id}`)).json()
          .items as Array<{ basis: string }>
      ).filter((i) => i.basis === 'override');

    const asked = await admin.post('/api/v1/consents/overrides', body);
    expect(asked.statusCode, asked.body).toBe(202);
    const approval = asked.json().approval;
    expect(approval).toMatchObject({
      act: 'consent.override',
      status: 'pending',
      secondPartyId: holdingParty.id,
      secondPermission: 'consent.override',
    });
    expect(await overrides()).toEqual([]);
    // The same request twice is one approval.
    expect((await admin.post('/api/v1/consents/overrides', body)).json()).toMatchObject({
      code: 'ALREADY_EXISTS',
      details: { approvalId: approval.id },
    });

    expect((await admin.post(`/api/v1/approvals/${approval.id}/approve`, {})).json().code).toBe(
      'SAME_PERSON',
    );
    expect((await otherAdmin.post(`/api/v1/approvals/${approval.id}/approve`, {})).statusCode).toBe(404);
    const holderReviewer = await t.login(['match-reviewer'], holdingParty);
    expect((await holderReviewer.post(`/api/v1/approvals/${approval.id}/approve`, {})).json().code).toBe(
      'NOT_ELIGIBLE_SECOND',
    );
    expect(await pendingIds(admin2)).toContain(approval.id);
    expect(await pendingIds(holderReviewer)).not.toContain(approval.id);

    const declined = await admin2.post(`/api/v1/approvals/${approval.id}/decline`, {
      reason: 'Ask the court for the order first',
    });
    expect(declined.json().status).toBe('declined');
    expect(await overrides()).toEqual([]);

    const again = (await admin.post('/api/v1/consents/overrides', body)).json().approval;
    const ok = await admin2.post(`/api/v1/approvals/${again.id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    const made = await overrides();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ recordedBy: admin.userId, reason: body.reason });
  });

  it('the first administrator may withdraw the request', async () => {
    const admin = await t.login(['administrator'], holdingParty);
    const d = await holder.post('/api/v1/dossiers', fixtureDossier({ birthDate: '2008-08-08' }));
    const asked = await admin.post('/api/v1/consents/overrides', {
      subjectType: 'dossier',
      subjectId: d.json().id,
      purpose: 'photo-use',
      legalBasis: 'vital-interests',
      reason: 'The child is missing: the photo must be shown to the police.',
    });
    const withdrawn = await admin.post(`/api/v1/approvals/${asked.json().approval.id}/decline`, {
      reason: 'Sent by mistake',
    });
    expect(withdrawn.json()).toMatchObject({ status: 'declined', secondUserId: null });
  });
});
