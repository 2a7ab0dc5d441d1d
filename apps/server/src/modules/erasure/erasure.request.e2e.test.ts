import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, fixtureDossier, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { withMatching } from '../matching/matching.tables.ts';
import { askErasure, ok, rowsMatching, withoutTwoFactor } from './erasure.test-support.ts';

// Erasing a family's request before it became a case: who asks, how to reach them, and the child
// they seek, in the request, its source record, its consent and the match proposals naming it.
const CANARY = /Зозулін|Зозулинська|CANARY|\+380 67 111/i;

let t: TestApp;
let s: CaseSides;
let adminA: Client;
let adminB: Client;
let requestId: string;
let proposalId: string;

const request = {
  sourceId: 'CANARY-REQUEST-9',
  sought: { names: [{ givenName: 'Олександр', familyName: 'Зозулін' }], sex: 'male', birthDate: '2012-03-05', birthPlace: 'Маріуполь' },
  requester: { name: 'Марта Зозулинська', relationship: 'mother', contact: { phone: '+380 67 111 2233', email: 'canary@example.invalid' } },
};

beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
  s = await caseSides(t);
  await withoutTwoFactor(t, [s.holdingParty.id, s.familyParty.id]);
  adminA = await t.login(['administrator'], s.familyParty);
  adminB = await t.login(['administrator'], s.familyParty);
  ok(await s.holder.post('/api/v1/dossiers', fixtureDossier({ names: [{ givenName: 'Александр', familyName: 'Зозулин' }] })), 201);
  requestId = ok<{ id: string }>(await s.family.post('/api/v1/requests', request), 201).id;
  const given = ok<{ id: string }>(await s.family.post('/api/v1/consents', { subjectType: 'request', subjectId: requestId, purpose: 'tracing', givenBy: 'parent', how: 'written', givenOn: '2026-05-30' }), 201);
  ok(await s.family.post(`/api/v1/consents/${given.id}/withdraw`, { reason: 'CANARY: the mother withdrew it by telephone' }));
  ok(await s.family.post('/api/v1/consents', { subjectType: 'request', subjectId: requestId, purpose: 'tracing', givenBy: 'parent', how: 'in-person', givenOn: '2026-05-31' }), 201);
  const reviewer = await t.login(['match-reviewer'], s.familyParty);
  proposalId = ok<{ items: Array<{ id: string }> }>(await reviewer.post(`/api/v1/requests/${requestId}/match`)).items[0]!.id;
  expect((await rowsMatching(t, CANARY)).length).toBeGreaterThan(3);
}, 60_000);
afterAll(() => t.close());

describe('erasing a request', () => {
  it('happens when a second administrator of the filing party approves it, and no personal data stays', async () => {
    expect((await (await t.login(['administrator'], s.holdingParty)).post('/api/v1/erasures', { subjectType: 'request', subjectId: requestId, reasonCode: 'data-subject-request' })).statusCode).toBe(404);
    const approvalId = await askErasure(adminA, { subjectType: 'request', subjectId: requestId, reasonCode: 'data-subject-request' });
    ok(await adminB.post(`/api/v1/approvals/${approvalId}/approve`, {}));
    expect(await rowsMatching(t, CANARY)).toEqual([]);
    const read = await s.family.get(`/api/v1/requests/${requestId}`);
    expect([read.statusCode, read.json().code]).toEqual([410, 'RECORD_ERASED']);
    expect(ok<{ items: Array<{ id: string }> }>(await s.family.get('/api/v1/requests')).items.map((r) => r.id)).not.toContain(requestId);
  });

  it('takes its proposals out of the queue with the reason in their history, and empties their evidence', async () => {
    const db = withMatching(t.database.db);
    const p = await db.selectFrom('match_proposal').select(['status', 'evidence']).where('id', '=', proposalId).executeTakeFirstOrThrow();
    expect(p).toEqual({ status: 'superseded', evidence: [] });
    const events = await db.selectFrom('match_proposal_event').select(['status', 'reason']).where('proposal_id', '=', proposalId).orderBy('id').execute();
    expect(events.at(-1)).toEqual({ status: 'superseded', reason: 'The record was erased.' });
  });

  it('keeps its consent history as ids, purposes and dates, with the reasons minimised', async () => {
    const rows = await t.database.db.selectFrom('consent').leftJoin('consent_withdrawal as w', 'w.consent_id', 'consent.id').select(['purpose', 'given_on', 'w.reason']).where('subject_id', '=', requestId).orderBy('seq').execute();
    expect(rows).toEqual([
      { purpose: 'tracing', given_on: '2026-05-30', reason: '[minimised]' },
      { purpose: 'tracing', given_on: '2026-05-31', reason: null },
    ]);
  });

  it('lets the same source be filed again as a new record, never refilling the erased one', async () => {
    const again = ok<{ id: string }>(await s.family.post('/api/v1/requests', request), 201);
    expect(again.id).not.toBe(requestId);
    expect((await s.family.get(`/api/v1/requests/${requestId}`)).statusCode).toBe(410);
  });
});
