import type { claimStatus } from '@homeward/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { attestAs, createDossier, createWorld, pairVerifier, type World } from './transparency-fixtures.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const status = async (id: string) => (await w.ua.get(`/api/v1/verification/dossiers/${id}`)).json();
const claimOf = (s: { claims: Array<z.infer<typeof claimStatus>> }, claim: string) =>
  s.claims.find((c) => c.claim === claim)!;

describe('attestations and verification status', () => {
  it('verifies identity only with the home country and the mediator, and logs each attestation', async () => {
    const d = await createDossier(w);
    expect(claimOf(await status(d.id), 'identity-verified').status).toBe('unverified');

    const a1 = await attestAs(w.ua, d.id);
    expect(a1.statusCode).toBe(201);
    const att = a1.json();
    expect(att).toMatchObject({
      claim: 'identity-verified',
      partyId: w.ua.partyId,
      coveredFields: ['names', 'sex', 'birthDate', 'birthPlace'],
      check: { status: 'valid' },
    });
    expect(att.envelope.payloadType).toBe('application/vnd.in-toto+json');
    const afterOne = claimOf(await status(d.id), 'identity-verified');
    expect(afterOne.status).toBe('unverified');
    expect(afterOne.requirements).toEqual([
      { label: 'a party other than the supplier', satisfiedBy: w.ua.partyId },
      { label: 'the mediator', satisfiedBy: null },
    ]);

    expect((await attestAs(w.mediator, d.id)).statusCode).toBe(201);
    const s = await status(d.id);
    expect(claimOf(s, 'identity-verified').status).toBe('verified');
    expect(s.verified).toBe(false); // the other claims are not attested yet

    const entry = (
      await w.viewer.get(`/api/v1/log/entries?from=${att.logIndex}&to=${att.logIndex + 1}`)
    ).json().items[0];
    expect(entry.entry).toMatchObject({
      kind: 'attestation',
      claim: 'identity-verified',
      party: w.ua.partyId,
      subjectDigest: att.subjectCommitment,
    });
    // The log holds the salted commitment and ids, never the content.
    expect(JSON.stringify(entry)).not.toMatch(/Олена|Вигадана|2013-04-17|Херсон/);
  });

  it('drops the status when covered content changes, and not when other fields change', async () => {
    const d = await createDossier(w);
    await attestAs(w.ua, d.id);
    await attestAs(w.mediator, d.id);
    expect(claimOf(await status(d.id), 'identity-verified').status).toBe('verified');

    const other = await w.holder.patch(`/api/v1/dossiers/${d.id}`, {
      version: d.version,
      biography: 'A fictional biography.',
    });
    expect(other.statusCode).toBe(200);
    expect(claimOf(await status(d.id), 'identity-verified').status).toBe('verified');

    const covered = await w.holder.patch(`/api/v1/dossiers/${d.id}`, {
      version: other.json().version,
      birthPlace: 'Миколаїв',
    });
    expect(covered.statusCode).toBe(200);
    const s = claimOf(await status(d.id), 'identity-verified');
    expect(s.status).toBe('unverified');
    expect(s.attestations.map((a) => a.status)).toEqual(['stale', 'stale']);
    const list = (await w.ua.get(`/api/v1/attestations?subjectType=dossier&subjectId=${d.id}`)).json().items;
    expect(list[0].check).toMatchObject({ status: 'stale', code: 'STALE_CONTENT' });

    // Attesting the new version again restores it.
    await attestAs(w.ua, d.id);
    await attestAs(w.mediator, d.id);
    expect(claimOf(await status(d.id), 'identity-verified').status).toBe('verified');
  });

  it('does not count the supplier verifying its own dossier, nor a later rejection', async () => {
    const supplierVerifier = await w.t.login(['verifier'], w.parties.holder);
    await pairVerifier(w.t, supplierVerifier, w.parties.holder);
    const d = await createDossier(w);
    expect((await attestAs(supplierVerifier, d.id, 'services-overview-verified')).statusCode).toBe(201);
    expect(claimOf(await status(d.id), 'services-overview-verified').status).toBe('unverified');
    expect((await attestAs(w.ua, d.id, 'services-overview-verified')).statusCode).toBe(201);
    expect(claimOf(await status(d.id), 'services-overview-verified').status).toBe('verified');
    await attestAs(w.ua, d.id, 'services-overview-verified', { decision: 'rejected' });
    expect(claimOf(await status(d.id), 'services-overview-verified').status).toBe('unverified');
  });

  it('lists what awaits a party in its verification queue', async () => {
    const d = await createDossier(w);
    const queue = async () =>
      (await w.mediator.get('/api/v1/verification/queue?limit=100')).json().items as Array<{
        subjectId: string;
        claim: string;
        reason: string;
      }>;
    expect(
      (await queue())
        .filter((i) => i.subjectId === d.id)
        .map((i) => i.claim)
        .sort(),
    ).toEqual(['circumstances-verified', 'identity-verified', 'services-overview-verified']);
    await attestAs(w.mediator, d.id);
    expect(
      (await queue())
        .filter((i) => i.subjectId === d.id)
        .map((i) => i.claim)
        .sort(),
    ).toEqual(['circumstances-verified', 'services-overview-verified']);
  });

  it('refuses attestations from a viewer, about an unknown subject, for an unknown claim, or with another party’s key', async () => {
    const d = await createDossier(w);
    expect((await attestAs(w.viewer, d.id)).statusCode).toBe(403);
    expect((await attestAs(w.ua, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const unknown = await attestAs(w.ua, d.id, 'no-such-claim');
    expect(unknown.json().code).toBe('CLAIM_UNKNOWN');
    const mediatorKey = (await attestAs(w.mediator, d.id)).json().keyId;
    const stolen = await attestAs(w.ua, d.id, 'identity-verified', { keyId: mediatorKey });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().code).toBe('KEY_NOT_FOUND');
  });
});
