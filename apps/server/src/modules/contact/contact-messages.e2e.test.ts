import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { contactCase } from './contact.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

const BODY = 'Мама тебя любит, скоро увидимся';
const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((i) => i.id);

/** A ready photo row, as the media module leaves it after an upload (bytes are not needed here). */
async function photo(partyId: string, subjectType: 'dossier' | 'tracing_request', subjectId: string) {
  const hash = 'a'.repeat(64);
  const row = await t.database.db
    .insertInto('media_file')
    .values({ subject_type: subjectType, subject_id: subjectId, kind: 'photo', status: 'ready', source_type: 'image/jpeg', source_hash: hash, content_hash: hash, taken_on: null, captured_at: null, supplied_by: 'family', party_id: partyId, uploaded_by: null, position: 1, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('message relay', () => {
  it('holds a message from the recipient side until a reviewer approves it, and keeps its history', async () => {
    const c = await contactCase(t);
    const familyReviewer = await c.familyAs(['communications-officer']);
    const holdingReviewer = await c.holderAs(['communications-officer']);
    const sent = await c.family.post(`/api/v1/cases/${c.caseId}/messages`, { body: BODY });
    expect(sent.statusCode, sent.body).toBe(201);
    const m = sent.json();
    expect(m).toMatchObject({ direction: 'family-to-child', status: 'pending-review', body: BODY, senderPartyId: c.familyParty.id, reviewedAt: null });

    // The child's side sees nothing yet, except its reviewers; the family's side sees its own message.
    expect(ids(await c.holder.get(`/api/v1/cases/${c.caseId}/messages`))).toEqual([]);
    expect((await c.holder.get(`/api/v1/messages/${m.id}`)).statusCode).toBe(404);
    expect(ids(await c.family.get(`/api/v1/cases/${c.caseId}/messages`))).toEqual([m.id]);
    expect(ids(await holdingReviewer.get(`/api/v1/cases/${c.caseId}/messages`))).toEqual([m.id]);

    // Both parties' reviewers are told, by id only.
    const notes = await t.database.db.selectFrom('notification').selectAll().where('dedupe_key', '=', `message-review:${m.id}`).execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([familyReviewer.userId, holdingReviewer.userId].sort());
    expect(JSON.stringify(notes)).not.toContain('Мама');

    const approved = await holdingReviewer.post(`/api/v1/messages/${m.id}/review`, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', reviewedBy: holdingReviewer.userId, reviewedAt: '2026-06-01T10:00:00.000Z' });
    expect(ids(await c.holder.get(`/api/v1/cases/${c.caseId}/messages`))).toEqual([m.id]);
    const delivered = await t.database.db.selectFrom('notification').select('user_id').where('dedupe_key', '=', `message-delivered:${m.id}`).execute();
    expect(delivered.map((d) => d.user_id)).toContain(c.holder.userId);

    const again = await familyReviewer.post(`/api/v1/messages/${m.id}/review`, { decision: 'return', reason: 'Too late' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MESSAGE_ALREADY_REVIEWED');
    const full = (await c.holder.get(`/api/v1/messages/${m.id}`)).json();
    expect(full.history.map((h: { status: string }) => h.status)).toEqual(['pending-review', 'approved']);
    await expect(t.database.db.deleteFrom('case_message_event').where('message_id', '=', m.id).execute()).rejects.toThrow(/append-only/);

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('record_type', '=', 'case_message').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['message.submit', 'message.list', 'message.approve', 'message.read']));
    expect(JSON.stringify(audit)).not.toContain('Мама');
  });

  it('refuses self-review, needs a reason to return, and tells the sender; a returned message never reaches the other side', async () => {
    const c = await contactCase(t);
    const officer = await c.holderAs(['communications-officer']);
    const m = (await officer.post(`/api/v1/cases/${c.caseId}/messages`, { body: 'Drawing for grandma' })).json();
    expect(m.direction).toBe('child-to-family');
    const self = await officer.post(`/api/v1/messages/${m.id}/review`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('MESSAGE_SELF_REVIEW');

    const familyReviewer = await c.familyAs(['communications-officer']);
    expect((await familyReviewer.post(`/api/v1/messages/${m.id}/review`, { decision: 'return' })).statusCode).toBe(400);
    const returned = await familyReviewer.post(`/api/v1/messages/${m.id}/review`, { decision: 'return', reason: 'Names the foster family' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: 'Names the foster family' });
    expect(ids(await c.family.get(`/api/v1/cases/${c.caseId}/messages`))).toEqual([]);
    expect(ids(await c.holder.get(`/api/v1/cases/${c.caseId}/messages`))).toEqual([m.id]);
    const told = await t.database.db.selectFrom('notification').selectAll().where('dedupe_key', '=', `message-returned:${m.id}`).execute();
    expect(told.map((n) => n.user_id)).toContain(officer.userId);
    expect(JSON.stringify(told)).not.toContain('foster');
  });

  it('answers 404 to a third party, 403 to roles without the permission, and hides text from the identity tier', async () => {
    const c = await contactCase(t);
    const m = (await c.family.post(`/api/v1/cases/${c.caseId}/messages`, { body: BODY })).json();
    const strangerReviewer = await t.login(['communications-officer']);
    expect((await strangerReviewer.post(`/api/v1/messages/${m.id}/review`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await strangerReviewer.get(`/api/v1/messages/${m.id}`)).statusCode).toBe(404);
    expect((await strangerReviewer.get(`/api/v1/cases/${c.caseId}/messages`)).statusCode).toBe(404);
    expect((await strangerReviewer.post(`/api/v1/cases/${c.caseId}/messages`, { body: 'x' })).statusCode).toBe(404);
    // A caseworker relays but does not review.
    expect((await c.holder.post(`/api/v1/messages/${m.id}/review`, { decision: 'approve' })).statusCode).toBe(403);
    const reviewer = await c.familyAs(['match-reviewer']);
    const seen = (await reviewer.get(`/api/v1/cases/${c.caseId}/messages`)).json().items[0];
    expect(seen).toMatchObject({ id: m.id, body: null, withheld: ['body', 'mediaId'] });
  });

  it("accepts only a photo the sender's party added to this case, and no message once the child is home", async () => {
    const c = await contactCase(t);
    const own = await photo(c.familyParty.id, 'tracing_request', c.requestId);
    const others = await photo(c.holdingParty.id, 'dossier', c.dossierId);
    const elsewhere = await photo(c.familyParty.id, 'dossier', c.dossierId.replace(/.$/, (x) => (x === '0' ? '1' : '0')));
    for (const mediaId of [others, elsewhere, '00000000-0000-4000-8000-000000000000']) {
      const res = await c.family.post(`/api/v1/cases/${c.caseId}/messages`, { body: 'Photo', mediaId });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues[0].path).toBe('mediaId');
    }
    const ok = await c.family.post(`/api/v1/cases/${c.caseId}/messages`, { body: 'Photo', mediaId: own });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().mediaId).toBe(own);

    const home = await contactCase(t, { status: 'reunited' });
    const late = await home.family.post(`/api/v1/cases/${home.caseId}/messages`, { body: 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CONTACT_CASE_NOT_ACTIVE');
  });
});
