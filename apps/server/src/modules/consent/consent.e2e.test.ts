import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, fixtureDossier, fixtureRequest, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { overrideConsent } from '../../../test/two-person.ts';
import { findAuditForRecord } from '../audit/audit.repository.ts';

let t: TestApp;
let s: CaseSides;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
  s = await caseSides(t);
});
afterAll(() => t.close());

const consent = (subjectType: string, subjectId: string, over: Record<string, unknown> = {}) => ({
  subjectType,
  subjectId,
  purpose: 'tracing',
  givenBy: 'guardian',
  how: 'written',
  givenOn: '2026-05-30',
  ...over,
});

async function dossier(over: Record<string, unknown> = {}) {
  const res = await s.holder.post('/api/v1/dossiers', fixtureDossier(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('consent records', () => {
  it('records who gave consent, how and when, and keeps a withdrawal as a new entry', async () => {
    const id = await dossier();
    const given = await s.holder.post('/api/v1/consents', consent('dossier', id, { purpose: 'photo-use' }));
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ basis: 'consent', decision: 'given', givenBy: 'guardian', how: 'written', givenOn: '2026-05-30', recordedBy: s.holder.userId, withdrawnAt: null });

    const listed = await s.holder.get(`/api/v1/consents?subjectType=dossier&subjectId=${id}`);
    expect(listed.json().states).toEqual({ 'photo-use': 'given' });

    const withdrawn = await s.holder.post(`/api/v1/consents/${given.json().id}/withdraw`, { reason: 'The guardian withdrew it by telephone.' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: given.json().id, withdrawnBy: s.holder.userId, withdrawalReason: 'The guardian withdrew it by telephone.' });
    const again = await s.holder.post(`/api/v1/consents/${given.json().id}/withdraw`, { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONSENT_ALREADY_WITHDRAWN');

    const after = (await s.holder.get(`/api/v1/consents?subjectType=dossier&subjectId=${id}`)).json();
    expect(after.items).toHaveLength(1);
    expect(after.states).toEqual({ 'photo-use': 'withdrawn' });
    const audit = await findAuditForRecord(t.database.db, 'consent', given.json().id);
    expect(audit.map((a) => a.action)).toEqual(['consent.record', 'consent.withdraw']);
  });

  it('refuses to change or delete consent history, even for the application itself', async () => {
    const id = await dossier();
    const given = (await s.holder.post('/api/v1/consents', consent('dossier', id))).json();
    await expect(t.database.db.deleteFrom('consent').where('id', '=', given.id).execute()).rejects.toThrow(/append-only/);
    await expect(t.database.db.updateTable('consent').set({ purpose: 'contact' }).where('id', '=', given.id).execute()).rejects.toThrow(/append-only/);
  });

  it('refuses a guardian for someone who is 18, and takes the young person themselves (CONSENT_NO_STANDING)', async () => {
    const id = await dossier({ birthDate: '2007-05-01' });
    const guardian = await s.holder.post('/api/v1/consents', consent('dossier', id));
    expect(guardian.statusCode).toBe(403);
    expect(guardian.json()).toMatchObject({ code: 'CONSENT_NO_STANDING' });
    expect((await s.holder.post('/api/v1/consents', consent('dossier', id, { givenBy: 'child' }))).json().code).toBe('CONSENT_NO_STANDING');
    const own = await s.holder.post('/api/v1/consents', consent('dossier', id, { givenBy: 'young-person', how: 'in-person' }));
    expect(own.statusCode, own.body).toBe(201);
  });

  it("refuses a party recording consent for another party's records or people", async () => {
    const id = await dossier();
    const other = await s.family.post('/api/v1/consents', consent('dossier', id, { givenBy: 'parent' }));
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('CONSENT_NO_STANDING');
    // Someone else's request is not even there for them.
    const r = (await s.family.post('/api/v1/requests', fixtureRequest())).json().id as string;
    expect((await s.holder.post('/api/v1/consents', consent('request', r, { givenBy: 'parent' }))).statusCode).toBe(404);
    expect((await s.family.post('/api/v1/consents', consent('request', r, { givenBy: 'parent' }))).statusCode).toBe(201);

    const c = await openFixtureCase(t, s);
    const familyForChild = await s.family.post('/api/v1/consents', consent('case', c.caseId, { purpose: 'contact', givenBy: 'child' }));
    expect(familyForChild.statusCode).toBe(403);
    expect(familyForChild.json()).toMatchObject({ code: 'CONSENT_NO_STANDING' });
    const familyOwn = await s.family.post('/api/v1/consents', consent('case', c.caseId, { purpose: 'contact', givenBy: 'parent' }));
    expect(familyOwn.json()).toMatchObject({ side: 'family' });
    // Only the recording party withdraws.
    const w = await s.holder.post(`/api/v1/consents/${familyOwn.json().id}/withdraw`, { reason: 'not theirs' });
    expect(w.json().code).toBe('CONSENT_NO_STANDING');
  });

  it('refuses evidence that is not attached to the record, a future date and an unknown party to share with', async () => {
    const id = await dossier();
    const bad = await s.holder.post('/api/v1/consents', consent('dossier', id, { evidenceMediaId: '00000000-0000-4000-8000-000000000000' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('evidenceMediaId');
    expect((await s.holder.post('/api/v1/consents', consent('dossier', id, { givenOn: '2026-06-02' }))).json().issues[0].path).toBe('givenOn');
    expect((await s.holder.post('/api/v1/consents', consent('dossier', id, { purpose: 'sharing:NOBODY' }))).json().issues[0].path).toBe('purpose');
    const shared = await s.holder.post('/api/v1/consents', consent('dossier', id, { purpose: `sharing:${s.familyParty.code}` }));
    expect(shared.statusCode, shared.body).toBe(201);
  });
});

describe('legal-basis overrides', () => {
  it('needs consent.override and a written reason; audited and listed in the report', async () => {
    const id = await dossier();
    const body = { subjectType: 'dossier', subjectId: id, purpose: 'tracing', legalBasis: 'best-interests-of-the-child', reason: 'Court order 12/2026: tracing goes ahead in the best interests of the child.' };
    expect((await s.holder.post('/api/v1/consents/overrides', body)).statusCode).toBe(403);
    const admin = await t.login(['administrator'], s.holdingParty);
    expect((await admin.post('/api/v1/consents/overrides', { ...body, reason: 'because' })).statusCode).toBe(400);
    // Two-person rule: a second administrator of the party approves it; it is recorded as the first's.
    const admin2 = await t.login(['administrator'], s.holdingParty);
    const { approvalId, record } = await overrideConsent(admin, admin2, body);
    const made = { json: () => record };
    expect(record).toMatchObject({ basis: 'override', legalBasis: 'best-interests-of-the-child', reason: body.reason, recordedBy: admin.userId });
    const audit = await findAuditForRecord(t.database.db, 'consent', record.id);
    expect(audit[0]).toMatchObject({ action: 'consent.override', reason: body.reason, actor_user_id: admin2.userId });
    expect(audit[0]!.details).toMatchObject({ approvalId, requestedBy: admin.userId });

    const report = await admin.get('/api/v1/consents/overrides');
    expect(report.json().items.map((i: { id: string }) => i.id)).toContain(made.json().id);
    // The report is the party's own.
    const otherAdmin = await t.login(['administrator'], s.familyParty);
    expect((await otherAdmin.get('/api/v1/consents/overrides')).json().items.map((i: { id: string }) => i.id)).not.toContain(made.json().id);
    // A caseworker cannot end it.
    expect((await s.holder.post(`/api/v1/consents/${made.json().id}/withdraw`, { reason: 'ended' })).json().code).toBe('FORBIDDEN');
    expect((await admin.post(`/api/v1/consents/${made.json().id}/withdraw`, { reason: 'Court order lifted.' })).statusCode).toBe(200);
  });
});
