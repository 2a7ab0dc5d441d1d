import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDossier, fixtureRequest } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { confirmMatch } from '../../../test/two-person.ts';
import { withMatching } from '../matching/matching.tables.ts';

let t: TestApp;
let family: Client;
let reviewer: Client;
let holder: Client;
let holdingReviewer: Client;
let stranger: Client;
let familyParty: { id: string; code: string };
let holdingParty: { id: string; code: string };

beforeAll(async () => {
  t = await createTestApp();
  familyParty = await t.party('home-country-authority');
  holdingParty = await t.party('holding-country-authority');
  family = await t.login(['caseworker'], familyParty);
  reviewer = await t.login(['match-reviewer'], familyParty);
  holder = await t.login(['caseworker'], holdingParty);
  holdingReviewer = await t.login(['match-reviewer'], holdingParty);
  stranger = await t.login(['caseworker'], await t.party('holding-country-authority'));
});
afterAll(() => t.close());

/** A dossier and a request for the same child (names unique per call), matched but not decided. */
async function proposedPair(given: string, familyName: string) {
  const names = { names: [{ givenName: given, familyName, patronymic: 'Сергеевич' }] };
  const d = await holder.post('/api/v1/dossiers', fixtureDossier(names));
  expect(d.statusCode, d.body).toBe(201);
  const r = await family.post('/api/v1/requests', fixtureRequest({ names: [{ givenName: given, familyName, patronymic: 'Сергійович' }] }));
  expect(r.statusCode, r.body).toBe(201);
  const run = await reviewer.post(`/api/v1/requests/${r.json().id}/match`);
  const proposal = (run.json().items as Array<{ id: string; rightId: string }>).find((p) => p.rightId === d.json().id);
  expect(proposal, 'the dossier is proposed for the request').toBeDefined();
  return { dossierId: d.json().id as string, requestId: r.json().id as string, proposalId: proposal!.id };
}

/** A pair confirmed through the API, and the case that confirming opened. */
async function confirmedCase(given: string, familyName: string) {
  const pair = await proposedPair(given, familyName);
  // Two-person rule: the family's reviewer confirms, the holding party's reviewer is the second.
  await confirmMatch(reviewer, holdingReviewer, pair.proposalId);
  const list = await family.get(`/api/v1/cases?requestId=${pair.requestId}`);
  expect(list.json().items).toHaveLength(1);
  return { ...pair, caseId: list.json().items[0].id as string };
}

const move = (c: Client, caseId: string, body: Record<string, unknown>) => c.post(`/api/v1/cases/${caseId}/transitions`, body);

async function logEntriesOf(caseId: string) {
  const rows = await t.database.db.selectFrom('log_entry').select(['idx', 'entry']).orderBy('idx').execute();
  return rows.map((r) => r.entry as { kind: string; subjectRef?: string; from?: string; to?: string }).filter((e) => e.subjectRef === `case/${caseId}`);
}

describe('opening cases', () => {
  it('opens a located case when a request↔dossier match is confirmed, seen by both sides', async () => {
    const { caseId, dossierId, requestId, proposalId } = await confirmedCase('Тимофій', 'Гончаренко');
    const seen = await holder.get(`/api/v1/cases/${caseId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      dossierId,
      requestId,
      matchProposalId: proposalId,
      holdingPartyId: holdingParty.id,
      familyPartyId: familyParty.id,
      side: 'holding',
      status: 'located',
      priority: 'normal',
      version: 1,
      // The second reviewer's confirmation opens it (two-person rule).
      openedBy: holdingReviewer.userId,
      closedAt: null,
    });
    expect(seen.json().history).toEqual([{ from: null, to: 'located', reason: null, actorUserId: holdingReviewer.userId, at: t.clock.now().toISOString() }]);
    expect(seen.json().allowedTransitions).toEqual([
      { to: 'verified', needsReason: false },
      { to: 'declined', needsReason: true },
      { to: 'unable-to-proceed', needsReason: true },
      { to: 'transferred', needsReason: true },
    ]);
    expect((await family.get(`/api/v1/cases/${caseId}`)).json().side).toBe('family');
    expect(JSON.stringify(seen.json())).not.toContain('Гончаренко');

    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', caseId).where('action', '=', 'case.open').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(holdingReviewer.userId);
    expect(await logEntriesOf(caseId)).toEqual([expect.objectContaining({ kind: 'status-transition', from: 'none', to: 'located' })]);

    // Asking again names the case that exists.
    const again = await family.post('/api/v1/cases', { proposalId });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_EXISTS', details: { caseId } });
  });

  it('opens a case through the API for a proposal confirmed before, from the holding side', async () => {
    const { proposalId, requestId } = await proposedPair('Ярина', 'Бондар');
    const refused = await family.post('/api/v1/cases', { proposalId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('MATCH_NOT_CONFIRMED');
    expect((await family.get(`/api/v1/cases?requestId=${requestId}`)).json().items).toEqual([]);

    // As if confirmed before cases existed: the decision is there, the case is not.
    await withMatching(t.database.db).updateTable('match_proposal').set({ status: 'confirmed' }).where('id', '=', proposalId).execute();
    expect((await stranger.post('/api/v1/cases', { proposalId })).statusCode).toBe(404);
    const opened = await holder.post('/api/v1/cases', { proposalId });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ status: 'located', requestId, side: 'holding', openedBy: holder.userId, matchProposalId: proposalId });
  });

  it('refuses a duplicate-dossier proposal and an unknown one', async () => {
    const a = (await holder.post('/api/v1/dossiers', fixtureDossier())).json().id as string;
    const b = (await holder.post('/api/v1/dossiers', fixtureDossier())).json().id as string;
    const [left, right] = a < b ? [a, b] : [b, a];
    const pair = await withMatching(t.database.db)
      .insertInto('match_proposal')
      .values({ kind: 'dossier-dossier', left_id: left, right_id: right, party_id: holdingParty.id, other_party_id: holdingParty.id, score: 0.99, decision: 'match', evidence: '[]', status: 'confirmed', version_hash: 'x', decided_by: null, decided_at: null, reason: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await holder.post('/api/v1/cases', { proposalId: pair.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MATCH_NOT_REQUEST_DOSSIER');
    expect((await holder.post('/api/v1/cases', { proposalId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await holder.post('/api/v1/cases', {})).statusCode).toBe(400);
  });
});

describe('moving cases', () => {
  it('follows the main line by hand up to the plan, and refuses in-transit, which the plan starts', async () => {
    const { caseId } = await confirmedCase('Остап', 'Кравчук');
    for (const [i, [who, to]] of ([[family, 'verified'], [holder, 'in-contact'], [family, 'reunification-planned']] as const).entries()) {
      t.clock.advance(60_000);
      const res = await move(who, caseId, { to, version: i + 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: to, version: i + 2 });
    }
    const transit = await move(holder, caseId, { to: 'in-transit', version: 4 });
    expect(transit.statusCode).toBe(409);
    expect(transit.json().code).toBe('INVALID_TRANSITION');
    expect(transit.json().message).toMatch(/reunification workflow/);
    expect(transit.json().details.allowed).toEqual(['in-contact', 'declined', 'unable-to-proceed', 'transferred']);

    const detail = (await family.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.status).toBe('reunification-planned');
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual(['located', 'verified', 'in-contact', 'reunification-planned']);
    expect(detail.history[2].actorUserId).toBe(holder.userId);
    expect(detail.reservedTransitions).toEqual([{ to: 'in-transit', via: 'reunification-start' }]);

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('record_id', '=', caseId).where('action', '=', 'case.transition').orderBy('id').execute();
    expect(audit.map((a) => a.details)).toEqual([
      { from: 'located', to: 'verified' },
      { from: 'verified', to: 'in-contact' },
      { from: 'in-contact', to: 'reunification-planned' },
    ]);
    expect((await logEntriesOf(caseId)).map((e) => `${e.from}→${e.to}`)).toEqual(['none→located', 'located→verified', 'verified→in-contact', 'in-contact→reunification-planned']);
    const [checkpoint] = await t.database.db.selectFrom('log_checkpoint').select('size').orderBy('size', 'desc').limit(1).execute();
    const size = await t.database.db.selectFrom('log_entry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(checkpoint!.size)).toBe(Number(size.n));
  });

  it('takes a side exit only with a reason, keeps the reason out of the log, and closes from there', async () => {
    const { caseId } = await confirmedCase('Злата', 'Шевчук');
    for (const reason of [undefined, '   ']) {
      const res = await move(holder, caseId, { to: 'declined', version: 1, ...(reason === undefined ? {} : { reason }) });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().issues)).toContain('reason');
    }
    const reason = 'The young adult does not wish contact at this time';
    const declined = await move(holder, caseId, { to: 'declined', version: 1, reason });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', statusReason: reason, closedAt: null });
    expect(declined.json().allowedTransitions).toEqual([
      { to: 'in-contact', needsReason: true },
      { to: 'closed', needsReason: true },
    ]);

    const closed = await move(family, caseId, { to: 'closed', version: 2, reason: 'Family informed; no further action' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: t.clock.now().toISOString(), allowedTransitions: [] });
    expect((await move(family, caseId, { to: 'in-contact', version: 3, reason: 'x' })).json().details.allowed).toEqual([]);

    const audit = await t.database.db.selectFrom('audit_log').select(['reason']).where('record_id', '=', caseId).where('action', '=', 'case.transition').orderBy('id').execute();
    expect(audit[0]!.reason).toBe(reason);
    const entries = await logEntriesOf(caseId);
    expect(entries.map((e) => e.to)).toEqual(['located', 'declined', 'closed']);
    expect(JSON.stringify(entries)).not.toContain('young adult');
  });

  it('refuses an illegal jump naming the allowed moves, and a stale version', async () => {
    const { caseId } = await confirmedCase('Назар', 'Ткаченко');
    const jump = await move(family, caseId, { to: 'reunited', version: 1 });
    expect(jump.statusCode).toBe(409);
    expect(jump.json()).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'located', to: 'reunited', allowed: ['verified', 'declined', 'unable-to-proceed', 'transferred'] } });
    expect(jump.json().message).toContain('verified, declined, unable-to-proceed, transferred');

    expect((await move(family, caseId, { to: 'verified', version: 1 })).statusCode).toBe(200);
    const stale = await move(holder, caseId, { to: 'verified', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    expect((await move(holder, caseId, { to: 'nowhere', version: 2 })).statusCode).toBe(400);
    expect((await family.get(`/api/v1/cases/${caseId}`)).json().history).toHaveLength(2);
  });
});

describe('who sees and moves cases', () => {
  it("hides a case from a third party's caseworker (404) and leaves it out of their list", async () => {
    const { caseId, requestId } = await confirmedCase('Мирослава', 'Литвиненко');
    expect((await stranger.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/cases/${caseId}`)).json()).toEqual((await stranger.get('/api/v1/cases/00000000-0000-4000-8000-000000000000')).json());
    expect((await move(stranger, caseId, { to: 'verified', version: 1 })).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/cases')).json().items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await stranger.get(`/api/v1/cases?requestId=${requestId}`)).json().items).toEqual([]);
    expect((await family.get(`/api/v1/cases/${caseId}`)).json().version).toBe(1);
  });

  it('refuses viewers and auditors (403), and lets a match reviewer read but not move', async () => {
    const { caseId } = await confirmedCase('Святослав', 'Мороз');
    for (const role of ['viewer', 'auditor']) {
      const c = await t.login([role], familyParty);
      for (const res of [await c.get('/api/v1/cases'), await c.get(`/api/v1/cases/${caseId}`), await move(c, caseId, { to: 'verified', version: 1 })]) {
        expect(res.statusCode, role).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
    }
    expect((await reviewer.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await move(reviewer, caseId, { to: 'verified', version: 1 })).statusCode).toBe(403);
  });

  it('lists by status (one or several), priority and dossier, page by page, and audits the ids returned', async () => {
    t.clock.advance(1000);
    const a = await confirmedCase('Вероніка', 'Савченко');
    t.clock.advance(1000);
    const b = await confirmedCase('Данило', 'Руденко');
    expect((await move(holder, b.caseId, { to: 'verified', version: 1 })).statusCode).toBe(200);
    const ids = (url: string) => holder.get(url).then((r) => r.json().items.map((c: { id: string }) => c.id) as string[]);

    const verified = await ids('/api/v1/cases?status=verified');
    expect(verified).toContain(b.caseId);
    expect(verified).not.toContain(a.caseId);
    expect(await ids('/api/v1/cases?status=verified&status=located&limit=200')).toEqual(expect.arrayContaining([a.caseId, b.caseId]));
    expect(await ids('/api/v1/cases?status=located,verified&limit=200')).toEqual(expect.arrayContaining([a.caseId, b.caseId]));
    expect((await holder.get('/api/v1/cases?status=lost')).statusCode).toBe(400);
    expect(await ids(`/api/v1/cases?dossierId=${a.dossierId}`)).toEqual([a.caseId]);
    expect(await ids('/api/v1/cases?priority=age-out')).toEqual([]);

    const first = (await family.get('/api/v1/cases?limit=1')).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([b.caseId]);
    const second = (await family.get(`/api/v1/cases?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((c: { id: string }) => c.id)).toEqual([a.caseId]);

    const audit = await t.database.db.selectFrom('audit_log').select(['details']).where('action', '=', 'case.list').where('actor_user_id', '=', family.userId).orderBy('id').execute();
    expect(audit.map((r) => r.details)).toEqual(expect.arrayContaining([{ ids: [b.caseId] }, { ids: [a.caseId] }]));
  });
});

describe('API contract', () => {
  it('documents the case routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/cases/{id}/transitions']));
    const list = doc.paths['/api/v1/cases'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['status', 'priority', 'dossierId', 'requestId', 'cursor', 'limit']));
    expect(doc.paths['/api/v1/cases/{id}/transitions'].post.requestBody.content['application/json'].schema.properties.to.enum).toContain('in-transit');
  });
});
