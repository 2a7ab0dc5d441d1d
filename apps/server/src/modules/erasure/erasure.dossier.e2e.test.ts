import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithPrivateExif } from '../../../../../packages/media/test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { attestWithTwo, confirmMatch, overrideConsent } from '../../../test/two-person.ts';
import { filesUnder, upload, useTemporaryMediaFolder } from '../media/media.test-support.ts';
import { verifyStoredLog } from '../transparency/log-export.service.ts';
import { askErasure, ok, rowsMatching, withoutTwoFactor } from './erasure.test-support.ts';

// Erasing a child's dossier, with everything that hangs off it: files, consent, a match, a case
// with its messages and history, attestations and an age-out entry. The dossier's own values are
// canaries (Russian spellings the family's request, which stays, does not use).
const CANARY = /Канарейкин|Канарейск|Canary street|CANARY/i;

let t: TestApp;
let blobDir: string;
const party = { holding: { id: '', code: '' }, family: { id: '', code: '' }, other: { id: '', code: '' } };
let holder: Client;
let family: Client;
let adminA: Client;
let adminB: Client;
let dossierId: string;
let requestId: string;
let caseId: string;
let photoId: string;
const attestations = { dossier: '', case: '' };
/** An attestation still waiting for its second verifier when the dossier is erased. */
let pendingAttestation: string;

beforeAll(async () => {
  blobDir = useTemporaryMediaFolder();
  t = await createTestApp(new Date().toISOString());
  party.holding = await t.party('holding-country-authority');
  party.family = await t.party('home-country-authority');
  party.other = await t.party('mediator');
  await withoutTwoFactor(t, [party.holding.id, party.family.id, party.other.id]);
  holder = await t.login(['caseworker'], party.holding);
  family = await t.login(['caseworker'], party.family);
  adminA = await t.login(['administrator'], party.holding);
  adminB = await t.login(['administrator'], party.holding);

  dossierId = ok<{ id: string }>(
    await holder.post('/api/v1/dossiers', {
      sourceId: 'CANARY-SOURCE-1',
      names: [{ givenName: 'Александр', familyName: 'Канарейкин', patronymic: 'Сергеевич' }],
      sex: 'male',
      birthDate: '2011-09-13',
      birthPlace: 'Канарейск',
      displacement: { place: 'Канарейск', kind: 'evacuated-from-front-line', date: '2022-04-10' },
      currentLocation: { region: 'CANARY region', placement: 'foster-family', address: 'Canary street 7' },
      biography: 'CANARY biography of the child',
      services: { medical: { receiving: true, summary: 'CANARY medical summary' } },
      languages: ['uk'],
    }),
    201,
  ).id;
  requestId = ok<{ id: string }>(
    await family.post('/api/v1/requests', {
      sought: { names: [{ givenName: 'Олександр', familyName: 'Канарейкін', patronymic: 'Сергійович' }], sex: 'male', birthDate: '2011-09-13', birthPlace: 'Маріуполь' },
      requester: { name: 'Ірина Канарейкіна', relationship: 'mother', contact: { phone: '+380 50 000 0000' } },
    }),
    201,
  ).id;
  photoId = ok<{ id: string }>(await upload(holder, `/api/v1/dossiers/${dossierId}/media`, await jpegWithPrivateExif(300, 200)), 201).id;

  // Consent, with its evidence, a withdrawal and a legal-basis override, each with a reason.
  const given = ok<{ id: string }>(
    await holder.post('/api/v1/consents', { subjectType: 'dossier', subjectId: dossierId, purpose: 'photo-use', givenBy: 'guardian', how: 'written', givenOn: '2026-01-01', evidenceMediaId: photoId }),
    201,
  );
  ok(await holder.post(`/api/v1/consents/${given.id}/withdraw`, { reason: 'CANARY withdrawal by the guardian' }));
  await overrideConsent(adminA, adminB, { subjectType: 'dossier', subjectId: dossierId, purpose: 'photo-use', legalBasis: 'best-interests-of-the-child', reason: 'CANARY override: the family must see the photo' });

  // The match, confirmed by both sides with a reason: the case opens.
  const reviewerF = await t.login(['match-reviewer'], party.family);
  const reviewerH = await t.login(['match-reviewer'], party.holding);
  const proposal = ok<{ items: Array<{ id: string; rightId: string }> }>(await reviewerF.post(`/api/v1/requests/${requestId}/match`)).items.find((p) => p.rightId === dossierId);
  expect(proposal, 'the request and the dossier are proposed as a match').toBeDefined();
  await confirmMatch(reviewerF, reviewerH, proposal!.id, { reason: 'CANARY: same scar on the left hand' });
  caseId = (await t.database.db.selectFrom('tracing_case').select('id').where('dossier_id', '=', dossierId).executeTakeFirstOrThrow()).id;

  // The case's life: a message, a suspension lifted by a second officer, attestations.
  ok(await family.post(`/api/v1/cases/${caseId}/messages`, { body: 'CANARY: we are waiting for you' }), 201);
  ok(await holder.post(`/api/v1/cases/${caseId}/contact-suspension`, { reason: 'CANARY suspension reason' }), 201);
  ok(await adminA.post(`/api/v1/cases/${caseId}/contact-suspension/lift`, { reason: 'CANARY lifted' }));
  // Each signed once a second verifier of the family's party approves it (two-person rule).
  const [verifierA, verifierB] = [await t.login(['verifier'], party.family), await t.login(['verifier'], party.family)];
  attestations.dossier = (await attestWithTwo(verifierA, verifierB, { subjectType: 'dossier', subjectId: dossierId, claim: 'identity-verified' })).attestation.id;
  attestations.case = (await attestWithTwo(verifierA, verifierB, { subjectType: 'case', subjectId: caseId, claim: 'family-link-verified' })).attestation.id;
  pendingAttestation = ok<{ approval: { id: string } }>(await verifierA.post('/api/v1/attestations', { subjectType: 'dossier', subjectId: dossierId, claim: 'circumstances-verified' }), 202).approval.id;
  // An age-out entry with the young person's decision and an official's notes (the age-out flow has its own tests).
  const now = t.clock.now();
  const entry = await sql<{ id: string }>`insert into age_out (dossier_id, dossier_version, case_id, eligible_on, adult_from, approximate, found_on, deadline_on, created_at, updated_at)
    values (${dossierId}, 1, ${caseId}, '2029-09-13', '2029-09-13', false, '2029-06-15', '2029-10-13', ${now}, ${now}) returning id`.execute(t.database.db);
  await sql`insert into age_out_consent (age_out_id, decision, recorded_how, replaces, notes, at) values (${entry.rows[0]!.id}, 'return', 'self', 'guardian', 'CANARY notes', ${now})`.execute(t.database.db);
  expect((await rowsMatching(t, CANARY)).length).toBeGreaterThan(10);
}, 120_000);
afterAll(() => t.close());

describe('asking for an erasure', () => {
  it('is refused to a role without record.erase, and another party’s record is not there for its officers', async () => {
    const body = { subjectType: 'dossier', subjectId: dossierId, reasonCode: 'data-subject-request' };
    expect((await holder.post('/api/v1/erasures', body)).statusCode).toBe(403);
    const otherAdmin = await t.login(['administrator'], party.family);
    expect((await otherAdmin.post('/api/v1/erasures', body)).statusCode).toBe(404);
    expect((await otherAdmin.post('/api/v1/erasures', { ...body, subjectId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await adminA.post('/api/v1/erasures', { ...body, reasonCode: 'because' })).statusCode).toBe(400);
  });

  it('needs a second officer of the same party with record.erase: never the first one, nor someone without the permission', async () => {
    const approvalId = await askErasure(adminA, { subjectType: 'dossier', subjectId: dossierId, reasonCode: 'legal-obligation', legalReference: 'Court order 17/2026' });
    // Nothing is erased yet.
    expect((await holder.get(`/api/v1/dossiers/${dossierId}`)).json().biography).toBe('CANARY biography of the child');
    expect((await adminA.post(`/api/v1/approvals/${approvalId}/approve`, {})).json().code).toBe('SAME_PERSON');
    const reviewer = await t.login(['match-reviewer'], party.holding);
    expect((await reviewer.post(`/api/v1/approvals/${approvalId}/approve`, {})).json().code).toBe('NOT_ELIGIBLE_SECOND');
    expect((await holder.post(`/api/v1/approvals/${approvalId}/approve`, {})).statusCode).toBe(403);
    expect((await (await t.login(['administrator'], party.other)).post(`/api/v1/approvals/${approvalId}/approve`, {})).statusCode).toBe(404);
    const approved = ok<{ status: string }>(await adminB.post(`/api/v1/approvals/${approvalId}/approve`, {}));
    expect(approved.status).toBe('approved');
  });
});

describe('an erased dossier', () => {
  it('leaves no personal data in any table', async () => {
    expect(await rowsMatching(t, CANARY)).toEqual([]);
  });

  it('leaves a tombstone: who asked, who approved, why, and counts of what went, seen by the parties of its case', async () => {
    const [tombstone] = ok<{ items: Array<Record<string, unknown>> }>(await adminA.get(`/api/v1/erasures?subjectId=${dossierId}`)).items;
    expect(tombstone).toMatchObject({ subjectType: 'dossier', subjectId: dossierId, partyId: party.holding.id, reasonCode: 'legal-obligation', legalReference: 'Court order 17/2026', requestedBy: adminA.userId, erasedBy: adminB.userId });
    expect(tombstone!.summary).toMatchObject({ 'dossier.fields': 1, 'media_file.blobs': 1, 'case_message.body': 1, 'age_out.row': 1, 'attestation_salt.row': 2 });
    // The family's side sees its case's child as erased; a party with no case sees nothing.
    expect(ok<{ items: unknown[] }>(await family.get(`/api/v1/erasures?subjectId=${dossierId}`)).items).toHaveLength(1);
    expect(ok<{ items: unknown[] }>(await (await t.login(['caseworker'], party.other)).get(`/api/v1/erasures?subjectId=${dossierId}`)).items).toEqual([]);
    const read = await holder.get(`/api/v1/dossiers/${dossierId}`);
    expect(read.statusCode).toBe(410);
    expect(read.json()).toMatchObject({ code: 'RECORD_ERASED', details: { erasureId: tombstone!.id, reasonCode: 'legal-obligation' } });
    expect((await family.get(`/api/v1/dossiers/${dossierId}`)).statusCode).toBe(404);
    expect((await adminA.post('/api/v1/exports', { kind: 'subject-access', dossierId })).statusCode).toBe(410);
    expect(ok<{ items: Array<{ id: string }> }>(await holder.get('/api/v1/dossiers')).items.map((d) => d.id)).not.toContain(dossierId);
  });

  it('keeps the case, its statuses and who acted, and stops its contact', async () => {
    const kase = ok<{ dossierId: string; history: unknown[] }>(await family.get(`/api/v1/cases/${caseId}`));
    expect(kase.dossierId).toBe(dossierId);
    const sent = await family.post(`/api/v1/cases/${caseId}/messages`, { body: 'Привіт' });
    expect(sent.statusCode).toBe(410);
    expect(sent.json().code).toBe('RECORD_ERASED');
  });

  it('crypto-shreds its files: the content is gone from the store, the hash stays', async () => {
    expect((await holder.get(`/api/v1/media/${photoId}/original`)).statusCode).toBe(404);
    const blobs = await t.database.db.selectFrom('media_blob').selectAll().where('media_id', '=', photoId).execute();
    expect(blobs.length).toBeGreaterThan(0);
    expect(blobs.every((b) => b.wrapped_key === null)).toBe(true);
    expect(filesUnder(blobDir).filter((f) => blobs.some((b) => f.includes(b.id)))).toEqual([]);
  });

  it('leaves its attestations verifying as "subject erased", and the log verifiable with the erasure entered (ids only)', async () => {
    const verifier = await t.login(['verifier'], party.family);
    for (const id of [attestations.dossier, attestations.case]) {
      expect(ok<{ attestation: { check: { status: string } } }>(await verifier.get(`/api/v1/attestations/${id}`)).attestation.check.status).toBe('subject-erased');
    }
    const { report, database } = await verifyStoredLog(t.database.db, { now: t.clock.now() });
    expect(database).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.attestations.invalid).toBe(0);
    const entries = await t.database.db.selectFrom('log_entry').select(['entry']).where('kind', '=', 'erasure').execute();
    expect(entries.map((e) => e.entry)).toContainEqual(expect.objectContaining({ subjectRef: `dossier/${dossierId}`, meta: { reasonCode: 'legal-obligation' } }));
    // The attestation still waiting for its second verifier ended with the record: it can never be signed.
    expect((await t.database.db.selectFrom('pending_approval').select('status').where('id', '=', pendingAttestation).executeTakeFirstOrThrow()).status).toBe('expired');
  });

  it('audits the erasure in its own transaction, and cannot be erased twice', async () => {
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'record.erase').where('record_id', '=', dossierId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: adminB.userId, reason: null });
    expect(audit[0]!.details).toMatchObject({ reasonCode: 'legal-obligation', requestedBy: adminA.userId, caseIds: [caseId] });
    const again = await adminA.post('/api/v1/erasures', { subjectType: 'dossier', subjectId: dossierId, reasonCode: 'legal-obligation' });
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('RECORD_ERASED');
  });
});
