import {
  createAttestation,
  envelopeDigest,
  generateEd25519KeyPair,
  keyIdOf,
  newSalt,
  privateKeyToPem,
  toBase64,
  utf8,
  envelopePayload,
  type DsseEnvelope,
  type Ed25519KeyPair,
} from '@homeward/translog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAttestation } from '../attestations/attestations.repository.ts';
import { coveredContent, subjectRefOf } from '../attestations/covered-content.ts';
import { verifyStoredLog } from './log-export.service.ts';
import { appendLogEntry, newEntry } from './log.service.ts';
import { attestAs, createDossier, createWorld, type World } from './transparency-fixtures.ts';

// Attestations made outside the server (a stolen or wrong key, a backdated signature, edited
// bytes) and slipped into the database with a log entry: every checker must refuse them.
let w: World;
let imported: Ed25519KeyPair;
let dossier: { id: string };
beforeAll(async () => {
  w = await createWorld();
  imported = generateEd25519KeyPair();
  const admin = await w.t.login(['administrator'], w.parties.ua);
  const res = await admin.post(`/api/v1/parties/${w.parties.ua.id}/keys`, {
    privateKeyPem: privateKeyToPem(imported.privateKey),
  });
  expect(res.json().keyId).toBe(keyIdOf(imported.publicKey));
  dossier = await createDossier(w);
  await attestAs(w.mediator, dossier.id);
});
afterAll(() => w.t.close());

async function slipIn(
  signer: Ed25519KeyPair,
  opts: { party?: string; signedAt?: Date; edit?: (e: DsseEnvelope) => DsseEnvelope } = {},
) {
  const db = w.t.database.db;
  const row = await db
    .selectFrom('dossier')
    .selectAll()
    .where('id', '=', dossier.id)
    .executeTakeFirstOrThrow();
  const fields = ['names', 'sex', 'birthDate', 'birthPlace'];
  const salt = newSalt();
  const subjectRef = subjectRefOf('dossier', row.id, row.version);
  const party = opts.party ?? w.parties.ua.id;
  const now = w.t.clock.now();
  const made = createAttestation(
    {
      subjectRef,
      covered: coveredContent(row, fields),
      salt,
      claim: 'identity-verified',
      coveredFields: fields,
      party,
      signer: { userId: w.ua.userId },
      time: opts.signedAt ?? now,
    },
    { keyId: keyIdOf(signer.publicKey), privateKey: signer.privateKey },
  );
  const envelope = opts.edit ? opts.edit(made.envelope) : made.envelope;
  const keyId = keyIdOf(imported.publicKey);
  const id = await db.transaction().execute(async (trx) => {
    const envelopeSha256 = envelopeDigest(envelope);
    const logIndex = await appendLogEntry(
      trx,
      newEntry(
        {
          kind: 'attestation',
          party,
          envelopeSha256,
          subjectDigest: made.subjectDigest,
          subjectRef,
          claim: 'identity-verified',
          keyId,
        },
        now,
      ),
    );
    const a = {
      subjectType: 'dossier' as const,
      subjectId: row.id,
      subjectVersion: row.version,
      subjectRef,
      claim: 'identity-verified',
      decision: 'verified',
      coveredFields: fields,
      subjectCommitment: made.subjectDigest,
      envelope,
      envelopeSha256,
      partyId: party,
      signerUserId: w.ua.userId,
      keyId,
      signedAt: now,
      logIndex,
    };
    return insertAttestation(trx, a, salt);
  });
  return { id, check: (await w.ua.get(`/api/v1/attestations/${id}`)).json().attestation.check };
}

const identityStatus = async () =>
  (await w.ua.get(`/api/v1/verification/dossiers/${dossier.id}`))
    .json()
    .claims.find((c: { claim: string }) => c.claim === 'identity-verified').status;

describe('forged attestations are refused', () => {
  it('accepts the imported key itself (the control case)', async () => {
    w.t.clock.advance(1000);
    const { check } = await slipIn(imported);
    expect(check.status).toBe('valid');
  });

  it('refuses a signature by an unregistered key', async () => {
    const { check } = await slipIn(generateEd25519KeyPair());
    expect(check).toMatchObject({ status: 'invalid', code: 'SIGNATURE_INVALID' });
  });

  it('refuses a signature dated before the key became valid', async () => {
    const { check } = await slipIn(imported, { signedAt: new Date(w.t.clock.now().getTime() - 86_400_000) });
    expect(check).toMatchObject({ status: 'invalid', code: 'KEY_NOT_VALID_AT_SIGNING' });
  });

  it('refuses a statement claiming another party', async () => {
    const { check } = await slipIn(imported, { party: w.parties.mediator.id });
    expect(check).toMatchObject({ status: 'invalid', code: 'WRONG_PARTY_KEY' });
  });

  it('refuses altered content under a valid signature', async () => {
    const { check } = await slipIn(imported, {
      edit: (e) => {
        const statement = JSON.parse(new TextDecoder().decode(envelopePayload(e)));
        statement.predicate.coveredFields = ['names'];
        return { ...e, payload: toBase64(utf8(JSON.stringify(statement))) };
      },
    });
    expect(check).toMatchObject({ status: 'invalid', code: 'SIGNATURE_INVALID' });
  });

  it('counts none of them toward the verification status, and log verify names each', async () => {
    // Only the mediator and the imported-key control attestation are genuine: with the forgeries
    // after it, UA's latest is invalid and ignored, so the control one still counts.
    expect(await identityStatus()).toBe('verified');
    const { report } = await verifyStoredLog(w.t.database.db, { now: w.t.clock.now() });
    const codes = report.findings.filter((f) => f.severity === 'error').map((f) => f.code);
    expect(codes.sort()).toEqual([
      'KEY_NOT_VALID_AT_SIGNING',
      'SIGNATURE_INVALID',
      'SIGNATURE_INVALID',
      'WRONG_PARTY_KEY',
    ]);
    expect(report.attestations.invalid).toBe(4);
  });
});

describe('erasure', () => {
  it('destroys the salts: attestations still verify, as "subject erased", and the log stays intact', async () => {
    const d = await createDossier(w);
    const a = (await attestAs(w.mediator, d.id)).json();
    const { eraseAttestedSubject } = await import('../attestations/attestations.service.ts');
    const { systemActor } = await import('../auth/actor.ts');
    const db = w.t.database.db;
    const erased = await db
      .transaction()
      .execute((trx) =>
        eraseAttestedSubject(
          trx,
          systemActor(),
          { subjectType: 'dossier', subjectId: d.id },
          w.t.clock.now(),
        ),
      );
    expect(erased).toBe(1);
    expect((await w.ua.get(`/api/v1/attestations/${a.id}`)).json().attestation.check).toMatchObject({
      status: 'subject-erased',
      code: 'SUBJECT_ERASED',
    });
    const { report } = await verifyStoredLog(db, { now: w.t.clock.now() });
    expect(
      report.findings.find((f) => f.code === 'SUBJECT_ERASED' && f.entryIndex === a.logIndex),
    ).toBeDefined();
    const entries = (await w.ua.get(`/api/v1/log/entries?from=${a.logIndex}`))
      .json()
      .items.map((e: { entry: { kind: string } }) => e.entry);
    expect(entries.at(-1)).toMatchObject({
      kind: 'erasure',
      subjectRef: `dossier/${d.id}`,
      subjectDigests: [a.subjectCommitment],
    });
  });
});
