import {
  createNoteVerifier,
  fromBase64,
  fromHex,
  openCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyLogExport,
} from '@homeward/translog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLogExport } from './log-export.service.ts';
import { attestAs, createDossier, createWorld, type World } from './transparency-fixtures.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const checkpoint = async () => (await w.viewer.get('/api/v1/log/checkpoint')).json();
const b64 = (proof: string[]) => proof.map((p) => fromBase64(p));

describe('transparency log API', () => {
  it('signs a checkpoint that grows with each attestation, with inclusion and consistency proofs', async () => {
    const before = await checkpoint();
    const verifier = createNoteVerifier(before.logKey);
    expect(openCheckpoint(before.note, verifier, before.origin).checkpoint.size).toBe(before.size);

    const d = await createDossier(w);
    const att = (await attestAs(w.ua, d.id)).json();
    const after = await checkpoint();
    expect(after.size).toBeGreaterThan(att.logIndex);
    const cp = openCheckpoint(after.note, verifier, after.origin).checkpoint;

    const inc = (
      await w.viewer.get(`/api/v1/log/proof/inclusion?index=${att.logIndex}&size=${after.size}`)
    ).json();
    expect(
      verifyInclusion(att.logIndex, after.size, fromHex(inc.leafHash), b64(inc.proof), cp.rootHash),
    ).toBe(true);
    // The proof does not fit another entry.
    expect(
      verifyInclusion(att.logIndex - 1, after.size, fromHex(inc.leafHash), b64(inc.proof), cp.rootHash),
    ).toBe(false);

    const cons = (
      await w.viewer.get(`/api/v1/log/proof/consistency?from=${before.size}&to=${after.size}`)
    ).json();
    const old = openCheckpoint(before.note, verifier, before.origin).checkpoint;
    expect(verifyConsistency(before.size, after.size, old.rootHash, cp.rootHash, b64(cons.proof))).toBe(true);

    expect((await w.viewer.get(`/api/v1/attestations/${att.id}`)).statusCode).toBe(403);
    const one = (await w.ua.get(`/api/v1/attestations/${att.id}`)).json();
    expect(one.attestation.check.status).toBe('valid');
    expect(one.inclusion.checkpoint).toBe(after.note);
  });

  it('answers proofs beyond the log with LOG_SIZE_UNKNOWN and bad ranges with VALIDATION_FAILED', async () => {
    const { size } = await checkpoint();
    const far = await w.viewer.get(`/api/v1/log/proof/consistency?from=1&to=${size + 5}`);
    expect(far.json().code).toBe('LOG_SIZE_UNKNOWN');
    expect((await w.viewer.get(`/api/v1/log/proof/inclusion?index=${size}&size=${size}`)).json().code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('registers keys in the log, publishes them, and keeps a rotated key valid for what it signed', async () => {
    const d = await createDossier(w);
    const before = (await attestAs(w.mediator, d.id)).json();
    const admin = await w.t.login(['administrator'], w.parties.mediator);
    w.t.clock.advance(60_000);
    const rotated = await admin.post(`/api/v1/parties/${w.parties.mediator.id}/keys`, {});
    expect(rotated.statusCode).toBe(201);
    const keys = (await w.viewer.get(`/api/v1/parties/${w.parties.mediator.id}/keys`)).json().items;
    expect(keys.map((k: { keyId: string }) => k.keyId)).toEqual([before.keyId, rotated.json().keyId]);
    expect(keys[0]).toMatchObject({ revocationReason: 'superseded' });

    w.t.clock.advance(60_000);
    const after = (await attestAs(w.mediator, d.id)).json();
    expect(after.keyId).toBe(rotated.json().keyId);
    expect((await w.ua.get(`/api/v1/attestations/${before.id}`)).json().attestation.check.status).toBe(
      'valid',
    );

    const entries = (await w.viewer.get('/api/v1/log/entries?from=0'))
      .json()
      .items.map((e: { entry: { kind: string; keyId?: string } }) => e.entry);
    expect(
      entries
        .filter((e: { kind: string; keyId?: string }) => e.keyId === rotated.json().keyId)
        .map((e: { kind: string }) => e.kind),
    ).toEqual(['key-registration', 'attestation']);
    expect(
      entries.some(
        (e: { kind: string; keyId?: string }) => e.kind === 'key-revocation' && e.keyId === before.keyId,
      ),
    ).toBe(true);

    const report = verifyLogExport(await buildLogExport(w.t.database.db), { now: w.t.clock.now() });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('lets only a party’s own administrator rotate its keys', async () => {
    const otherAdmin = await w.t.login(['administrator'], w.parties.ua);
    expect((await otherAdmin.post(`/api/v1/parties/${w.parties.mediator.id}/keys`, {})).statusCode).toBe(404);
    expect((await w.ua.post(`/api/v1/parties/${w.parties.ua.id}/keys`, {})).statusCode).toBe(403);
  });

  it('refuses to rewrite or delete log entries in the database', async () => {
    const db = w.t.database.db;
    await expect(
      db.updateTable('log_entry').set({ kind: 'x' }).where('idx', '=', 0).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('log_entry').where('idx', '=', 0).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('log_checkpoint').execute()).rejects.toThrow(/append-only/);
  });
});
