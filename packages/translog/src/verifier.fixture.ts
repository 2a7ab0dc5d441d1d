// Test support for verifier.test.ts: a small but complete exported log of three parties.
import { createAttestation, photoRef, type PartyKey } from './attestation.ts';
import { toBase64, toHex, utf8 } from './bytes.ts';
import { signCheckpoint } from './checkpoint.ts';
import { createCosigner } from './cosignature.ts';
import { envelopeDigest, type DsseEnvelope } from './dsse.ts';
import { entryLeafHash, type AttestationEntry, type LogEntry } from './entry.ts';
import { generateEd25519KeyPair, keyIdOf, publicKeyToRaw, type Ed25519KeyPair } from './keys.ts';
import { MerkleTree } from './merkle-tree.ts';
import {
  createNoteSigner,
  encodeVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  signNote,
  parseNote,
} from './note.ts';
import type { LogExport } from './verifier.ts';

export const ORIGIN = 'homeward.example/log';
export const NOW = new Date('2026-06-01T12:00:00Z');
const T0 = Date.parse('2026-06-01T09:00:00Z');
const time = (minutes: number) => new Date(T0 + minutes * 60_000);

const logKey = generateEd25519KeyPair();
const witnessKeys = ['ua.example/witness', 'ru.example/witness', 'icrc.example/witness'].map((name) => ({
  name,
  key: generateEd25519KeyPair(),
}));
export const parties = { UA: generateEd25519KeyPair(), RU: generateEd25519KeyPair() };

export function partyKey(party: string, pk: Ed25519KeyPair, validUntil: string | null = null): PartyKey {
  const validFrom = '2026-01-01T00:00:00.000Z';
  return {
    party,
    keyId: keyIdOf(pk.publicKey),
    publicKey: toBase64(publicKeyToRaw(pk.publicKey)),
    validFrom,
    validUntil,
  };
}

export function registration(index: number, k: PartyKey): LogEntry {
  const { party, keyId, publicKey, validFrom, validUntil } = k;
  const base = {
    v: 1 as const,
    kind: 'key-registration' as const,
    id: `e-${index}`,
    time: time(index).toISOString(),
  };
  return { ...base, party, keyId, publicKey, purpose: 'attestation', validFrom, validUntil };
}

export const covered = { biography: 'text of the biography', photos: [photoRef(utf8('photo-1'))] };
export const salt = new Uint8Array(32).fill(9);

/** Signs an attestation and returns its envelope and log entry. */
export function attestation(
  index: number,
  party: 'UA' | 'RU',
  signer: Ed25519KeyPair,
  signedAt = time(index),
): { envelope: DsseEnvelope; entry: AttestationEntry } {
  const subjectRef = 'homeward:dossier/0b9e6a55@v2';
  const { envelope, subjectDigest } = createAttestation(
    {
      subjectRef,
      covered,
      salt,
      claim: 'identity-verified',
      coveredFields: ['biography', 'photos'],
      party,
      signer: { userId: `u-${party}` },
      time: signedAt,
    },
    { keyId: keyIdOf(signer.publicKey), privateKey: signer.privateKey },
  );
  const entry: AttestationEntry = {
    v: 1,
    kind: 'attestation',
    id: `e-${index}`,
    time: time(index).toISOString(),
    party,
    envelopeSha256: envelopeDigest(envelope),
    subjectDigest,
    subjectRef,
    claim: 'identity-verified',
    keyId: keyIdOf(signer.publicKey),
  };
  return { envelope, entry };
}

/** The log operator signs checkpoints at `sizes`; `cosigners` witnesses cosign each. */
export function checkpoints(
  entries: readonly LogEntry[],
  sizes: number[],
  cosigners = 3,
  at = NOW.getTime() / 1000 - 60,
): string[] {
  const tree = MerkleTree.fromLeafHashes(entries.map(entryLeafHash));
  const log = createNoteSigner(ORIGIN, logKey.privateKey);
  return sizes.map((size) => {
    const note = signCheckpoint({ origin: ORIGIN, size, rootHash: tree.root(size) }, log);
    const signers = witnessKeys
      .slice(0, cosigners)
      .map((w) => createCosigner(w.name, w.key.privateKey, () => at));
    return signNote(parseNote(note), signers);
  });
}

/** A consistent export: two key registrations, a transition, attestations by UA and RU, a bundle. */
export function makeExport(): LogExport {
  const keys = [partyKey('UA', parties.UA), partyKey('RU', parties.RU, '2027-01-01T00:00:00.000Z')];
  const a3 = attestation(3, 'UA', parties.UA);
  const a4 = attestation(4, 'RU', parties.RU);
  const base = (i: number) => ({ v: 1 as const, id: `e-${i}`, time: time(i).toISOString() });
  const entries: LogEntry[] = [
    registration(0, keys[0] as PartyKey),
    registration(1, keys[1] as PartyKey),
    {
      ...base(2),
      kind: 'status-transition',
      party: 'UA',
      subjectRef: 'case/51c2',
      from: 'confirmed',
      to: 'verification',
    },
    a3.entry,
    a4.entry,
    {
      ...base(5),
      kind: 'exchange-bundle',
      party: 'RU',
      bundleId: 'b-1',
      bundleSha256: toHex(new Uint8Array(32)),
      toParty: 'UA',
      recordCount: 12,
    },
  ];
  return withEntries(
    {
      origin: ORIGIN,
      logKey: encodeVerifierKey(ORIGIN, SIG_TYPE_ED25519, logKey.publicKey),
      entries: [],
      checkpoints: [],
      envelopes: [a3.envelope, a4.envelope],
      partyKeys: keys,
      witnesses: {
        keys: witnessKeys.map((w) => encodeVerifierKey(w.name, SIG_TYPE_COSIGNATURE_V1, w.key.publicKey)),
        quorum: 3,
        maxAgeSeconds: 3600,
      },
      subjects: [{ subjectDigest: a3.entry.subjectDigest, salt: toBase64(salt), covered }],
    },
    entries,
  );
}

/** Replaces the entries (with their stored leaf hashes) and has the operator sign checkpoints 4 and n. */
export function withEntries(exp: LogExport, entries: LogEntry[], sizes = [4, entries.length]): LogExport {
  return {
    ...exp,
    entries: entries.map((entry, index) => ({ index, entry, leafHash: toHex(entryLeafHash(entry)) })),
    checkpoints: checkpoints(entries, sizes),
  };
}
