import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, fixtureDossier, fixtureRequest, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { overrideConsent } from '../../../test/two-person.ts';
import { matchChangedSince } from '../matching/matching.runs.ts';
import { withMatching } from '../matching/matching.tables.ts';

let t: TestApp;
let s: CaseSides;
let reviewer: Client;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
  s = await caseSides(t);
  reviewer = await t.login(['match-reviewer'], s.familyParty);
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

/** A request and a dossier about the same child, each with a distinct family name. */
async function pair(family: string) {
  const d = (await s.holder.post('/api/v1/dossiers', fixtureDossier({ names: [{ givenName: 'Александр', familyName: family, patronymic: 'Сергеевич' }] }))).json().id as string;
  const r = (await s.family.post('/api/v1/requests', fixtureRequest({ names: [{ givenName: 'Олександр', familyName: family, patronymic: 'Сергійович' }] }))).json().id as string;
  return { d, r };
}

async function proposedFor(requestId: string) {
  const res = await reviewer.post(`/api/v1/requests/${requestId}/match`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Array<{ id: string; rightId: string }>).map((p) => p.rightId);
}

describe('search and reads check tracing consent', () => {
  it('hides a dossier whose tracing consent is withdrawn from other parties’ searches and reads, not from its own party', async () => {
    const { d } = await pair('Гнатюк');
    const search = (c: Client) => c.post('/api/v1/dossiers/search', { name: 'Гнатюк' });
    const idsOf = async (c: Client) => ((await search(c)).json().items as Array<{ id: string }>).map((i) => i.id);
    expect(await idsOf(s.family)).toContain(d);
    expect((await s.family.get(`/api/v1/dossiers/${d}`)).statusCode).toBe(200);

    const given = (await s.holder.post('/api/v1/consents', consent('dossier', d))).json();
    expect((await s.holder.post(`/api/v1/consents/${given.id}/withdraw`, { reason: 'The guardian withdrew consent to tracing.' })).statusCode).toBe(200);
    expect(await idsOf(s.family)).not.toContain(d);
    expect((await s.family.get(`/api/v1/dossiers/${d}`)).statusCode).toBe(404);
    // The holding party keeps its own record, history and all.
    expect(await idsOf(s.holder)).toContain(d);
    expect((await s.holder.get(`/api/v1/dossiers/${d}`)).statusCode).toBe(200);
  });
});

describe('matching checks tracing consent', () => {
  it('matches records without consent records as before (authority mandate)', async () => {
    const { d, r } = await pair('Ткаченко');
    expect(await proposedFor(r)).toContain(d);
  });

  it('withdrawing a dossier’s tracing consent takes it out of the queues at once, and out of later runs', async () => {
    const { d, r } = await pair('Бондаренко');
    expect(await proposedFor(r)).toContain(d);
    const given = (await s.holder.post('/api/v1/consents', consent('dossier', d))).json();
    const w = await s.holder.post(`/api/v1/consents/${given.id}/withdraw`, { reason: 'The guardian withdrew consent to tracing.' });
    expect(w.statusCode, w.body).toBe(200);

    const proposals = await withMatching(t.database.db).selectFrom('match_proposal').select(['id', 'status']).where('right_id', '=', d).execute();
    expect(proposals.length).toBeGreaterThan(0);
    expect(proposals.every((p) => p.status === 'superseded')).toBe(true);
    const events = await withMatching(t.database.db).selectFrom('match_proposal_event').select(['status', 'reason']).where('proposal_id', '=', proposals[0]!.id).orderBy('id').execute();
    expect(events.at(-1)).toEqual({ status: 'superseded', reason: 'Consent for tracing is withdrawn.' });
    expect(await proposedFor(r)).not.toContain(d);
    await matchChangedSince({ db: t.database.db, clock: t.clock }, null);
    expect(await proposedFor(r)).not.toContain(d);

    // An override brings it back (and the history stays).
    const admin = await t.login(['administrator'], s.holdingParty);
    const admin2 = await t.login(['administrator'], s.holdingParty);
    await overrideConsent(admin, admin2, { subjectType: 'dossier', subjectId: d, purpose: 'tracing', legalBasis: 'best-interests-of-the-child', reason: 'Court order: the search for the family continues.' });
    expect(await proposedFor(r)).toContain(d);
  });

  it('a family refusing tracing on its request stops matching of the request', async () => {
    const { d, r } = await pair('Шевченко');
    const refused = await s.family.post('/api/v1/consents', consent('request', r, { givenBy: 'parent', decision: 'refused' }));
    expect(refused.statusCode, refused.body).toBe(201);
    expect(await proposedFor(r)).toEqual([]);
    const open = await withMatching(t.database.db).selectFrom('match_proposal').select('id').where('left_id', '=', r).where('status', '=', 'proposed').execute();
    expect(open).toEqual([]);
    // Consent given again: matched again at once.
    await s.family.post('/api/v1/consents', consent('request', r, { givenBy: 'parent' }));
    expect(await proposedFor(r)).toContain(d);
  });
});

async function photo(partyId: string, dossierId: string) {
  const hash = 'b'.repeat(64);
  const row = await t.database.db
    .insertInto('media_file')
    .values({ subject_type: 'dossier', subject_id: dossierId, kind: 'photo', status: 'ready', source_type: 'image/jpeg', source_hash: hash, content_hash: hash, taken_on: null, captured_at: null, supplied_by: 'family', party_id: partyId, uploaded_by: null, position: 1, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('photos shown to another party check photo-use consent', () => {
  it('hides a child’s photos from other parties once photo-use is withdrawn; the holding party keeps them', async () => {
    const d = (await s.holder.post('/api/v1/dossiers', fixtureDossier())).json().id as string;
    const m = await photo(s.holdingParty.id, d);
    expect((await s.family.get(`/api/v1/media/${m}`)).statusCode).toBe(200);
    const given = (await s.holder.post('/api/v1/consents', consent('dossier', d, { purpose: 'photo-use' }))).json();
    expect((await s.family.get(`/api/v1/media/${m}`)).statusCode).toBe(200);
    await s.holder.post(`/api/v1/consents/${given.id}/withdraw`, { reason: 'The child does not want the photo shown.' });
    expect((await s.family.get(`/api/v1/media/${m}`)).statusCode).toBe(404);
    expect((await s.family.get(`/api/v1/dossiers/${d}/media`)).statusCode).toBe(404);
    expect((await s.holder.get(`/api/v1/media/${m}`)).statusCode).toBe(200);
    // The dossier itself stays visible.
    expect((await s.family.get(`/api/v1/dossiers/${d}`)).statusCode).toBe(200);
  });
});
