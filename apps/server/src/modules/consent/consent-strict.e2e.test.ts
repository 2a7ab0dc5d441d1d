import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, fixtureDossier, fixtureRequest, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { overrideConsent } from '../../../test/two-person.ts';
import { findAuditForRecord } from '../audit/audit.repository.ts';
import { planBody } from '../contact/contact.test-support.ts';
import { findBlocked, hasSharingConsent } from './consent.gate.ts';

// Strict mode: the holding party turns strict; the family's party stays transitional (the default).
let t: TestApp;
let s: CaseSides;
let admin: Client;
let reviewer: Client;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
  s = await caseSides(t);
  admin = await t.login(['administrator'], s.holdingParty);
  reviewer = await t.login(['match-reviewer'], s.familyParty);
});
afterAll(() => t.close());

const consent = (subjectType: string, subjectId: string, purpose: string, over: Record<string, unknown> = {}) => ({
  subjectType,
  subjectId,
  purpose,
  givenBy: 'guardian',
  how: 'written',
  givenOn: '2026-05-30',
  ...over,
});

async function give(client: Client, subjectType: string, subjectId: string, purpose: string, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/consents', consent(subjectType, subjectId, purpose, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function pair(family: string) {
  const d = (await s.holder.post('/api/v1/dossiers', fixtureDossier({ names: [{ givenName: 'Александр', familyName: family, patronymic: 'Сергеевич' }] }))).json().id as string;
  const r = (await s.family.post('/api/v1/requests', fixtureRequest({ names: [{ givenName: 'Олександр', familyName: family, patronymic: 'Сергійович' }] }))).json().id as string;
  return { d, r };
}

async function proposedFor(requestId: string) {
  const res = await reviewer.post(`/api/v1/requests/${requestId}/match`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Array<{ rightId: string }>).map((p) => p.rightId);
}

async function photo(dossierId: string) {
  const hash = 'c'.repeat(64);
  const row = await t.database.db
    .insertInto('media_file')
    .values({ subject_type: 'dossier', subject_id: dossierId, kind: 'photo', status: 'ready', source_type: 'image/jpeg', source_hash: hash, content_hash: hash, taken_on: null, captured_at: null, supplied_by: 'authority', party_id: s.holdingParty.id, uploaded_by: null, position: 1, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the consent mode setting', () => {
  it('is transitional by default, set by an administrator only, audited with before and after', async () => {
    expect((await s.holder.get('/api/v1/consents/mode')).json()).toMatchObject({ partyId: s.holdingParty.id, mode: 'transitional', updatedAt: null });
    expect((await s.holder.request({ method: 'PUT', url: '/api/v1/consents/mode', payload: { mode: 'strict' } })).statusCode).toBe(403);
    expect((await admin.request({ method: 'PUT', url: '/api/v1/consents/mode', payload: { mode: 'lenient' } })).statusCode).toBe(400);
    const set = await admin.request({ method: 'PUT', url: '/api/v1/consents/mode', payload: { mode: 'strict' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ mode: 'strict', updatedBy: admin.userId });
    // The other party's mode is its own.
    expect((await s.family.get('/api/v1/consents/mode')).json().mode).toBe('transitional');
    const audit = await findAuditForRecord(t.database.db, 'party', s.holdingParty.id);
    expect(audit.find((a) => a.action === 'consent.mode')?.details).toEqual({ from: 'transitional', to: 'strict' });
  });
});

describe('strict mode: no consent on record, no processing', () => {
  it('does not match a dossier without tracing consent; consent given lets it be matched', async () => {
    const { d, r } = await pair('Гнатенко');
    expect(await proposedFor(r)).not.toContain(d);
    await give(s.holder, 'dossier', d, 'tracing');
    expect(await proposedFor(r)).toContain(d);
  });

  it('hides a dossier without tracing consent from other parties’ searches and reads; its own party keeps it', async () => {
    const { d } = await pair('Мельничук');
    const ids = async (c: Client) => ((await c.post('/api/v1/dossiers/search', { name: 'Мельничук' })).json().items as Array<{ id: string }>).map((i) => i.id);
    expect(await ids(s.family)).not.toContain(d);
    expect((await s.family.get(`/api/v1/dossiers/${d}`)).statusCode).toBe(404);
    expect(await ids(s.holder)).toContain(d);
    await give(s.holder, 'dossier', d, 'tracing');
    expect((await s.family.get(`/api/v1/dossiers/${d}`)).statusCode).toBe(200);
  });

  it('shows photos to another party only with photo-use consent (or an override) on record', async () => {
    const { d } = await pair('Кравчук');
    await give(s.holder, 'dossier', d, 'tracing');
    const m = await photo(d);
    expect((await s.family.get(`/api/v1/media/${m}`)).statusCode).toBe(404);
    expect((await s.holder.get(`/api/v1/media/${m}`)).statusCode).toBe(200);
    const admin2 = await t.login(['administrator'], s.holdingParty);
    await overrideConsent(admin, admin2, { subjectType: 'dossier', subjectId: d, purpose: 'photo-use', legalBasis: 'best-interests-of-the-child', reason: 'The family must see the photo to confirm identity.' });
    expect((await s.family.get(`/api/v1/media/${m}`)).statusCode).toBe(200);
  });

  it("refuses contact until the child's consent to contact is on record (409 CONSENT_REQUIRED); the family's alone is not enough", async () => {
    const c = await openFixtureCase(t, s);
    const plan = () => s.holder.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(s));
    const refused = await plan();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CONSENT_REQUIRED');
    await give(s.family, 'case', c.caseId, 'contact', { givenBy: 'parent' });
    expect((await plan()).json().code).toBe('CONSENT_REQUIRED');
    await give(s.holder, 'case', c.caseId, 'contact', { givenBy: 'child' });
    expect((await plan()).statusCode).toBe(201);
  });

  it('leaves a record out of bundles unless both tracing and sharing with the recipient are on record', async () => {
    const { d } = await pair('Петренко');
    const now = t.clock.now();
    const shareable = () => hasSharingConsent(t.database.db, { type: 'dossier', id: d }, s.familyParty.code, now);
    expect(await shareable()).toBe(false);
    await give(s.holder, 'dossier', d, 'tracing');
    expect(await shareable()).toBe(false);
    await give(s.holder, 'dossier', d, `sharing:${s.familyParty.code}`);
    expect(await shareable()).toBe(true);
    // The batch form the bundle builder uses agrees.
    expect(await findBlocked(t.database.db, 'dossier', [d], `sharing:${s.familyParty.code}`, now)).toEqual(new Set());
  });

  it('reports the mode and the states with the consent history', async () => {
    const { d } = await pair('Олійник');
    await give(s.holder, 'dossier', d, 'tracing');
    const list = (await s.holder.get(`/api/v1/consents?subjectType=dossier&subjectId=${d}`)).json();
    expect(list).toMatchObject({ mode: 'strict', states: { tracing: 'given' }, renewalNeeded: [] });
  });
});

describe('transitional mode: unknown consent goes on, a refusal still stops', () => {
  it('matches, shows and shares records of a transitional party without consent records', async () => {
    await admin.request({ method: 'PUT', url: '/api/v1/consents/mode', payload: { mode: 'transitional' } });
    const { d, r } = await pair('Бойко');
    expect(await proposedFor(r)).toContain(d);
    const m = await photo(d);
    expect((await s.family.get(`/api/v1/media/${m}`)).statusCode).toBe(200);
    expect(await hasSharingConsent(t.database.db, { type: 'dossier', id: d }, s.familyParty.code, t.clock.now())).toBe(true);
    const c = await openFixtureCase(t, s);
    expect((await s.holder.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(s))).statusCode).toBe(201);

    await give(s.holder, 'dossier', d, `sharing:${s.familyParty.code}`, { decision: 'refused' });
    expect(await hasSharingConsent(t.database.db, { type: 'dossier', id: d }, s.familyParty.code, t.clock.now())).toBe(false);
  });

  it("a case is strict when either of its parties is: the family party's strict mode reaches contact too", async () => {
    const familyAdmin = await t.login(['administrator'], s.familyParty);
    await familyAdmin.request({ method: 'PUT', url: '/api/v1/consents/mode', payload: { mode: 'strict' } });
    const c = await openFixtureCase(t, s);
    expect((await s.holder.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(s))).json().code).toBe('CONSENT_REQUIRED');
    await give(s.holder, 'dossier', c.dossierId, 'contact');
    expect((await s.holder.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(s))).statusCode).toBe(201);
    await familyAdmin.request({ method: 'PUT', url: '/api/v1/consents/mode', payload: { mode: 'transitional' } });
  });
});
