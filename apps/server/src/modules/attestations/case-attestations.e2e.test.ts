import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoJpeg } from '../../../../../packages/media/test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { attestWithTwo } from '../../../test/two-person.ts';
import { upload, useTemporaryMediaFolder } from '../media/media.test-support.ts';
import { startedPlan, type Reunification } from '../reunification/reunification.test-support.ts';
import { verifyStoredLog } from '../transparency/log-export.service.ts';

// Attestations about cases (family link, handover) and dossier attestations covering photos.
let t: TestApp;
beforeAll(async () => {
  useTemporaryMediaFolder();
  t = await createTestApp();
});
afterAll(() => t.close());

async function withoutTwoFactor(partyIds: string[]) {
  await sql`update party set require_two_factor = false where id = any(${partyIds}::uuid[])`.execute(t.database.db);
}

type Officials = 'holdingVerifier' | 'familyVerifier' | 'holdingSecond' | 'familySecond' | 'holdingAdmin' | 'familyAdmin';

/** A started plan, with two verifiers (two-person rule) and an administrator on each side. */
async function caseWithOfficials(): Promise<Reunification & Record<Officials, Client>> {
  const r = await startedPlan(t);
  await withoutTwoFactor([r.sides.holdingParty.id, r.sides.familyParty.id]);
  return {
    ...r,
    holdingVerifier: await t.login(['verifier'], r.sides.holdingParty),
    familyVerifier: await t.login(['verifier'], r.sides.familyParty),
    holdingSecond: await t.login(['verifier'], r.sides.holdingParty),
    familySecond: await t.login(['verifier'], r.sides.familyParty),
    holdingAdmin: await t.login(['administrator'], r.sides.holdingParty),
    familyAdmin: await t.login(['administrator'], r.sides.familyParty),
  };
}

/** The first verifier's call alone: refused, or 202 waiting for a second verifier. */
const askCase = (c: Client, caseId: string, claim = 'family-link-verified') => c.post('/api/v1/attestations', { subjectType: 'case', subjectId: caseId, claim });
/** Signed by `first` once `second`, of the same party, approves (two-person rule). */
const attestCase = async (first: Client, second: Client, caseId: string, claim = 'family-link-verified') =>
  (await attestWithTwo(first, second, { subjectType: 'case', subjectId: caseId, claim })).attestation;
const caseClaim = async (c: Client, caseId: string, claim: string) =>
  (await c.get(`/api/v1/verification/cases/${caseId}`)).json().claims.find((x: { claim: string }) => x.claim === claim);

describe('case attestations', () => {
  it('attests a family link by both sides, lists and verifies it, logs only the salted commitment, and goes stale when the link changes', async () => {
    const r = await caseWithOfficials();
    expect((await caseClaim(r.familyVerifier, r.caseId, 'family-link-verified')).status).toBe('unverified');
    const att = await attestCase(r.familyVerifier, r.familySecond, r.caseId);
    expect(att).toMatchObject({
      subjectType: 'case',
      subjectId: r.caseId,
      claim: 'family-link-verified',
      coveredFields: ['dossierId', 'requestId', 'relationship', 'sought'],
      check: { status: 'valid' },
    });
    expect(att.subjectRef).toMatch(new RegExp(`^homeward:case/${r.caseId}@v\\d+$`));
    expect((await caseClaim(r.familyVerifier, r.caseId, 'family-link-verified')).requirements).toEqual([
      { label: 'the holding side', satisfiedBy: null },
      { label: 'the family side', satisfiedBy: r.sides.familyParty.id },
    ]);
    await attestCase(r.holdingVerifier, r.holdingSecond, r.caseId);
    expect((await caseClaim(r.holdingVerifier, r.caseId, 'family-link-verified')).status).toBe('verified');

    const list = (await r.familyVerifier.get(`/api/v1/attestations?subjectType=case&subjectId=${r.caseId}`)).json().items;
    expect(list.map((x: { claim: string }) => x.claim)).toEqual(['family-link-verified', 'family-link-verified']);
    const one = (await r.holdingVerifier.get(`/api/v1/attestations/${att.id}`)).json();
    expect(one.attestation.check.status).toBe('valid');
    expect(one.inclusion).not.toBeNull();

    // A case is seen by its two parties only: others get 404, as for a missing case.
    const outsider = await t.login(['verifier'], await t.party('mediator'));
    expect((await outsider.get(`/api/v1/attestations?subjectType=case&subjectId=${r.caseId}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/attestations/${att.id}`)).statusCode).toBe(404);
    expect((await askCase(outsider, r.caseId)).statusCode).toBe(404);

    const entry = (await t.database.db.selectFrom('log_entry').select('entry').where('idx', '=', att.logIndex).executeTakeFirstOrThrow()).entry;
    expect(entry).toMatchObject({ kind: 'attestation', claim: 'family-link-verified', subjectDigest: att.subjectCommitment });
    expect(JSON.stringify(entry)).not.toMatch(/mother|Коваленко|2012-03-05/);

    // The request's claimed relationship is corrected (as an import could): the link must be attested again.
    const c = await t.database.db.selectFrom('tracing_case').select('request_id').where('id', '=', r.caseId).executeTakeFirstOrThrow();
    await sql`update tracing_request set requester = jsonb_set(requester, '{relationship}', '"aunt"') where id = ${c.request_id}`.execute(t.database.db);
    const stale = await caseClaim(r.familyVerifier, r.caseId, 'family-link-verified');
    expect(stale.status).toBe('unverified');
    expect(stale.attestations.map((x: { status: string }) => x.status)).toEqual(['stale', 'stale']);
    const queue = (await r.familyVerifier.get('/api/v1/verification/queue?limit=100')).json().items;
    expect(queue).toContainEqual({ subjectType: 'case', subjectId: r.caseId, claim: 'family-link-verified', reason: 'stale', requirement: 'the family side' });
  });

  it('signs each side’s handover with its party key, in place of the bare hash entry, and the whole log verifies', async () => {
    const r = await caseWithOfficials();
    for (const [admin, party] of [[r.holdingAdmin, r.sides.holdingParty], [r.familyAdmin, r.sides.familyParty]] as const) {
      expect((await admin.post(`/api/v1/parties/${party.id}/keys`, {})).statusCode).toBe(201);
    }
    // Before its side has recorded the handover, a party has nothing to attest.
    expect((await askCase(r.holdingVerifier, r.caseId, 'handover-completed')).json().code).toBe('ATTESTATION_SUBJECT_NOT_READY');
    const handedOverAt = t.clock.now().toISOString();
    expect((await r.sides.holder.post(`/api/v1/reunification-plans/${r.planId}/handover`, { handedOverAt, notes: 'Олена waited at the gate' })).statusCode).toBe(200);
    expect((await caseClaim(r.holdingVerifier, r.caseId, 'handover-completed')).requirements).toEqual([
      { label: 'the holding side', satisfiedBy: r.sides.holdingParty.id },
      { label: 'the family side', satisfiedBy: null },
    ]);
    expect((await r.sides.family.post(`/api/v1/reunification-plans/${r.planId}/handover`, { handedOverAt })).statusCode).toBe(200);

    const list = (await r.familyVerifier.get(`/api/v1/attestations?subjectType=case&subjectId=${r.caseId}`)).json().items;
    expect(list.map((x: { claim: string; partyId: string; check: { status: string } }) => [x.claim, x.partyId, x.check.status])).toEqual([
      ['handover-completed', r.sides.holdingParty.id, 'valid'],
      ['handover-completed', r.sides.familyParty.id, 'valid'],
    ]);
    expect(list[0].coveredFields).toEqual(['handover']);
    expect((await caseClaim(r.familyVerifier, r.caseId, 'handover-completed')).status).toBe('verified');
    // Each handover record points at its attestation's entry; no bare hash entry was written.
    const records = await t.database.db.selectFrom('reunification_handover').select(['side', 'log_index']).where('plan_id', '=', r.planId).orderBy('side').execute();
    expect(records.map((h) => Number(h.log_index)).sort()).toEqual(list.map((x: { logIndex: number }) => x.logIndex).sort());
    const entries = JSON.stringify(await t.database.db.selectFrom('log_entry').select('entry').execute());
    expect(entries).not.toContain(`reunification-handover/${r.planId}`);
    expect(entries).not.toContain('Олена');

    // The family link attested too: `homeward log verify` passes over case and handover attestations.
    await attestCase(r.familyVerifier, r.familySecond, r.caseId);
    const { report, database } = await verifyStoredLog(t.database.db, { now: t.clock.now() });
    const mine = new Set(list.map((x: { logIndex: number }) => x.logIndex));
    expect([report.ok, report.findings.filter((f) => f.severity === 'error'), database]).toEqual([true, [], []]);
    expect(report.findings.filter((f) => f.entryIndex !== undefined && mine.has(f.entryIndex))).toEqual([]);
    expect(report.attestations.valid).toBeGreaterThanOrEqual(3);

    // A rogue operator re-points a handover attestation at another case: the check names it.
    const other = await startedPlan(t);
    let found: Awaited<ReturnType<typeof verifyStoredLog>> | undefined;
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table attestation disable trigger user`.execute(trx);
        await sql`update attestation set subject_id = ${other.caseId} where id = ${list[0].id}`.execute(trx);
        found = await verifyStoredLog(trx, { now: t.clock.now() });
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    expect(found!.report.ok).toBe(false);
    expect(found!.database).toContainEqual(expect.objectContaining({ code: 'ATTESTATION_ROW_MISMATCH', entryIndex: list[0].logIndex }));
  });
});

describe('photos covered by their content hash', () => {
  it('makes an attestation covering photos stale when a photo is replaced, and leaves one without photos valid', async () => {
    const holdingParty = await t.party('holding-country-authority');
    const homeParty = await t.party('home-country-authority');
    await withoutTwoFactor([holdingParty.id, homeParty.id]);
    const holder = await t.login(['caseworker'], holdingParty);
    const verifier = await t.login(['verifier'], homeParty);
    const second = await t.login(['verifier'], homeParty);
    const d = await holder.post('/api/v1/dossiers', {
      names: [{ givenName: 'Fictional', familyName: 'Child' }],
      sex: 'female',
      birthDate: '2014-05-02',
      displacement: { place: 'Fictional town', date: '2022-04', kind: 'evacuated-from-front-line' },
      currentLocation: { region: 'Fictional region', placement: 'foster-family' },
    });
    const dossierId = d.json().id as string;
    const photo = await upload(holder, `/api/v1/dossiers/${dossierId}/media?kind=photo`, await photoJpeg(64, 48), 'image/jpeg');
    expect(photo.statusCode, photo.body).toBe(201);

    const withPhotos = (await attestWithTwo(verifier, second, { subjectType: 'dossier', subjectId: dossierId, claim: 'identity-verified', coveredFields: ['photos'] })).attestation;
    expect(withPhotos.coveredFields).toEqual(['names', 'sex', 'birthDate', 'birthPlace', 'photos']);
    const plain = (await attestWithTwo(verifier, second, { subjectType: 'dossier', subjectId: dossierId, claim: 'services-overview-verified' })).attestation;
    const bad = await verifier.post('/api/v1/attestations', { subjectType: 'dossier', subjectId: dossierId, claim: 'identity-verified', coveredFields: ['handover'] });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);

    expect((await holder.request({ method: 'DELETE', url: `/api/v1/media/${photo.json().id}` })).statusCode).toBe(204);
    expect((await upload(holder, `/api/v1/dossiers/${dossierId}/media?kind=photo`, await photoJpeg(64, 48), 'image/jpeg')).statusCode).toBe(201);
    const check = async (id: string) => (await verifier.get(`/api/v1/attestations/${id}`)).json().attestation.check;
    expect(await check(withPhotos.id)).toMatchObject({ status: 'stale', code: 'STALE_CONTENT' });
    expect((await check(plain.id)).status).toBe('valid');
    const { report } = await verifyStoredLog(t.database.db, { now: t.clock.now() });
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'STALE_CONTENT', entryIndex: withPhotos.logIndex }));
  });
});
