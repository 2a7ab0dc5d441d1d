import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, fixtureDossier, fixtureRequest, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { defaultJobSettings } from '../../jobs/job-types.ts';
import { allJobs } from '../../jobs/registry.ts';
import { scanAgeOut } from '../age-out/age-out.scan.ts';
import { withMatching } from '../matching/matching.tables.ts';

// A guardian's consent lapses at 18, seen at the moment of processing with the test clock.
// The child is born on 15 July 2008: 18 on 15 July 2026.
let t: TestApp;
let s: CaseSides;
let reviewer: Client;
let holder: Client;
let family: Client;
let dossierId: string;
let requestId: string;
let caseId: string;
let proposalId: string;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
  s = await caseSides(t);
  reviewer = await t.login(['match-reviewer'], s.familyParty);
  holder = s.holder;
  family = s.family;
  const names = { names: [{ givenName: 'Александр', familyName: 'Дорошенко', patronymic: 'Сергеевич' }], birthDate: '2008-07-15' };
  dossierId = (await s.holder.post('/api/v1/dossiers', fixtureDossier(names))).json().id;
  requestId = (await s.family.post('/api/v1/requests', fixtureRequest({ ...names, names: [{ givenName: 'Олександр', familyName: 'Дорошенко', patronymic: 'Сергійович' }] }))).json().id;
  for (const purpose of ['tracing', 'photo-use', 'contact']) await give(s.holder, 'dossier', dossierId, purpose);
  caseId = (await openFixtureCase(t, s, { dossier: { birthDate: '2008-07-15' } })).caseId;
  const c = await t.database.db.selectFrom('tracing_case').select('dossier_id').where('id', '=', caseId).executeTakeFirstOrThrow();
  await give(s.holder, 'dossier', c.dossier_id, 'contact');
});
afterAll(() => t.close());

/** Moves the clock and signs everyone in again (sessions do not last weeks). */
async function travel(iso: string) {
  t.clock.set(iso);
  holder = await t.login(['caseworker'], s.holdingParty);
  family = await t.login(['caseworker'], s.familyParty);
  reviewer = await t.login(['match-reviewer'], s.familyParty);
}

async function give(client: Client, subjectType: string, subjectId: string, purpose: string, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/consents', { subjectType, subjectId, purpose, givenBy: 'guardian', how: 'written', givenOn: '2026-05-30', ...over });
  expect(res.statusCode, res.body).toBe(201);
}

async function proposed() {
  const res = await reviewer.post(`/api/v1/requests/${requestId}/match`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Array<{ id: string; rightId: string }>;
}

async function runJob(name: string) {
  await allJobs.find((j) => j.name === name)!.handler({ db: t.database.db, clock: t.clock, secret: Buffer.alloc(32, 7), settings: defaultJobSettings }, {});
}

const message = () => family.post(`/api/v1/cases/${caseId}/messages`, { body: 'Привіт' });
const states = async () => (await holder.get(`/api/v1/consents?subjectType=dossier&subjectId=${dossierId}`)).json();

describe("a guardian's consent at 18", () => {
  it('counts while the child is 17', async () => {
    await travel('2026-07-14T23:00:00Z');
    const p = (await proposed()).find((x) => x.rightId === dossierId);
    expect(p).toBeDefined();
    proposalId = p!.id;
    expect((await message()).statusCode).toBe(201);
    expect(await states()).toMatchObject({ states: { tracing: 'given', 'photo-use': 'given', contact: 'given' }, renewalNeeded: [] });
    expect((await scanAgeOut({ db: t.database.db, clock: t.clock }, 30)).created).toBeGreaterThanOrEqual(1);
  });

  it('stops counting on the 18th birthday: no matching, no confirmation, no contact, and the young person must renew it', async () => {
    await travel('2026-07-15T00:30:00Z');
    // A proposal made before the birthday cannot be confirmed after it...
    const confirm = await reviewer.post(`/api/v1/matches/${proposalId}/confirm`, {});
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json()).toMatchObject({ code: 'CONSENT_LAPSED', details: { subjectType: 'dossier', state: 'lapsed' } });
    // ...and the hourly sweep takes it out of the queue, with the reason in its history.
    await runJob('consent.sweep');
    expect((await proposed()).map((x) => x.rightId)).not.toContain(dossierId);
    const events = await withMatching(t.database.db).selectFrom('match_proposal_event').select(['status', 'reason']).where('proposal_id', '=', proposalId).orderBy('id').execute();
    expect(events.at(-1)).toEqual({ status: 'superseded', reason: 'Consent for tracing is lapsed.' });
    const sent = await message();
    expect(sent.statusCode).toBe(409);
    expect(sent.json().code).toBe('CONSENT_LAPSED');
    expect(await states()).toMatchObject({ states: { tracing: 'lapsed', 'photo-use': 'lapsed', contact: 'lapsed' } });
    expect((await states()).renewalNeeded.sort()).toEqual(['contact', 'photo-use', 'tracing']);
    // The guardian can no longer give it.
    const guardian = await holder.post('/api/v1/consents', { subjectType: 'dossier', subjectId: dossierId, purpose: 'tracing', givenBy: 'guardian', how: 'written', givenOn: '2026-07-15' });
    expect(guardian.statusCode).toBe(403);
    expect(guardian.json().details.reason).toBe('guardian-for-adult');
  });

  it('is surfaced by the age-out queue: the eligibility notice names what the young person must renew', async () => {
    await scanAgeOut({ db: t.database.db, clock: t.clock }, 30);
    const entry = await t.database.db.selectFrom('age_out').select('id').where('dossier_id', '=', dossierId).executeTakeFirstOrThrow();
    const notices = await t.database.db.selectFrom('notification').select(['details']).where('kind', '=', 'age-out.eligible').where('subject_id', '=', entry.id).execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => (n.details as Record<string, unknown>).consentRenewal === 'contact,photo-use,tracing')).toBe(true);
  });

  it("is replaced by the young person's own consent, which lets processing go on", async () => {
    await give(holder, 'dossier', dossierId, 'tracing', { givenBy: 'young-person', how: 'in-person', givenOn: '2026-07-15' });
    expect((await proposed()).map((x) => x.rightId)).toContain(dossierId);
    expect((await states()).renewalNeeded.sort()).toEqual(['contact', 'photo-use']);
  });
});

describe('a birth date known only to the year', () => {
  it('ends the guardian’s consent from the earliest day the person may be 18 (1 January), the safer side', async () => {
    await travel('2026-12-31T12:00:00Z');
    const d = (await holder.post('/api/v1/dossiers', fixtureDossier({ birthDate: '2009' }))).json().id as string;
    await give(holder, 'dossier', d, 'photo-use', { givenOn: '2026-12-31' });
    const state = async () => (await holder.get(`/api/v1/consents?subjectType=dossier&subjectId=${d}`)).json().states['photo-use'];
    expect(await state()).toBe('given');
    await travel('2027-01-01T00:30:00Z');
    expect(await state()).toBe('lapsed');
    // From that day the young person may give it themselves, although they may still be 17.
    await give(holder, 'dossier', d, 'photo-use', { givenBy: 'young-person', givenOn: '2027-01-01' });
    expect(await state()).toBe('given');
  });
});
