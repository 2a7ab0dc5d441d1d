import { randomBytes } from 'node:crypto';

import { bytesEqual, fromHex, sha256, sha256Hex, utf8 } from './bytes.ts';
import {
  envelopePayload,
  signEnvelope,
  verifiedSignatures,
  type DsseEnvelope,
  type EnvelopeSigner,
} from './dsse.ts';
import { canonicalJson } from './entry.ts';
import { TranslogError } from './errors.ts';
import { publicKeyFromRaw } from './keys.ts';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const HOMEWARD_PREDICATE_TYPE = 'https://homeward.dev/attestation/v1';

/** Claims named in the issue; parties may define others. */
export type Claim =
  | 'identity-verified'
  | 'circumstances-verified'
  | 'family-link-verified'
  | 'services-overview-verified'
  | 'handover-completed'
  | (string & {});

export interface HomewardPredicate {
  claim: Claim;
  decision: 'verified' | 'rejected' | 'needs-info';
  /** Names of exactly the fields the commitment covers, e.g. ['biography', 'photos']. */
  coveredFields: string[];
  party: string;
  signer: { userId: string };
  /** ISO 8601 UTC time claimed by the signer. */
  timeSigned: string;
  note: string | null;
  policy?: string;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: [{ name: string; digest: { sha256: string } }];
  predicateType: typeof HOMEWARD_PREDICATE_TYPE;
  predicate: HomewardPredicate;
}

/** 32 fresh random bytes: one salt per record version, stored with the record, never logged. */
export function newSalt(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/** A photo referenced by its content hash inside covered content. */
export function photoRef(bytes: Uint8Array): { sha256: string } {
  return { sha256: sha256Hex(bytes) };
}

/**
 * Salted commitment `SHA-256(salt || JCS(covered))`, hex. Without the salt, low-entropy content
 * (a name, a birth date) cannot be guessed from the digest; destroying the salt erases the link.
 * @example subjectCommitment(salt, { biography: '…', photos: [photoRef(jpeg)] })
 */
export function subjectCommitment(salt: Uint8Array, covered: unknown): string {
  if (salt.length < 16) throw new TranslogError('INVALID_INPUT', 'salt must be at least 16 bytes');
  return sha256Hex(salt, utf8(canonicalJson(covered)));
}

export interface AttestInput extends Omit<HomewardPredicate, 'decision' | 'note' | 'timeSigned'> {
  /** Opaque subject name, e.g. `homeward:dossier/<uuid>@v3`. */
  subjectRef: string;
  covered: unknown;
  salt: Uint8Array;
  time: Date;
  decision?: HomewardPredicate['decision'];
  note?: string | null;
}

/**
 * Builds the in-toto Statement and signs it in a DSSE envelope.
 * @example
 * const { envelope, subjectDigest } = createAttestation(
 *   { subjectRef: 'homeward:dossier/4f1c…@v3', covered, salt, claim: 'identity-verified',
 *     coveredFields: ['biography', 'photos'], party: 'UA-MinReint', signer: { userId: 'u-17' }, time: new Date() },
 *   { keyId, privateKey },
 * );
 */
export function createAttestation(
  input: AttestInput,
  signer: EnvelopeSigner,
): { envelope: DsseEnvelope; statement: Statement; subjectDigest: string } {
  const subjectDigest = subjectCommitment(input.salt, input.covered);
  const predicate: HomewardPredicate = {
    claim: input.claim,
    decision: input.decision ?? 'verified',
    coveredFields: [...input.coveredFields],
    party: input.party,
    signer: { userId: input.signer.userId },
    timeSigned: input.time.toISOString(),
    note: input.note ?? null,
    ...(input.policy !== undefined ? { policy: input.policy } : {}),
  };
  const statement: Statement = {
    _type: STATEMENT_TYPE,
    subject: [{ name: input.subjectRef, digest: { sha256: subjectDigest } }],
    predicateType: HOMEWARD_PREDICATE_TYPE,
    predicate,
  };
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, utf8(canonicalJson(statement)), [signer]);
  return { envelope, statement, subjectDigest };
}

/** Parses and checks the statement inside an envelope (throws ENVELOPE_MALFORMED). */
export function parseStatement(env: DsseEnvelope): Statement {
  const bad = (why: string): never => {
    throw new TranslogError('ENVELOPE_MALFORMED', `attestation: ${why}`);
  };
  if (env.payloadType !== IN_TOTO_PAYLOAD_TYPE) bad(`payload type ${env.payloadType} is not in-toto`);
  let s: Statement | undefined;
  try {
    s = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(envelopePayload(env))) as Statement;
  } catch {
    bad('payload is not JSON');
  }
  const st = s as Statement;
  if (st._type !== STATEMENT_TYPE) bad('not an in-toto Statement v1');
  if (st.predicateType !== HOMEWARD_PREDICATE_TYPE) bad('not a Homeward predicate');
  const subj = Array.isArray(st.subject) && st.subject.length === 1 ? st.subject[0] : undefined;
  if (!subj || typeof subj.name !== 'string' || !/^[0-9a-f]{64}$/.test(subj.digest?.sha256 ?? '')) {
    bad('exactly one subject with a sha256 digest is required');
  }
  const p = st.predicate;
  if (typeof p !== 'object' || p === null || typeof p.claim !== 'string' || typeof p.party !== 'string') {
    bad('predicate needs claim and party');
  }
  if (Number.isNaN(Date.parse(p.timeSigned))) bad('predicate.timeSigned is not a time');
  return st;
}

/** A party's public key with its validity period, as published and registered in the log. */
export interface PartyKey {
  party: string;
  keyId: string;
  /** Base64 32-byte Ed25519 public key. */
  publicKey: string;
  validFrom: string;
  validUntil: string | null;
  revokedAt?: string | null;
}

export type AttestationCode =
  | 'OK'
  | 'STALE_CONTENT'
  | 'SUBJECT_ERASED'
  | 'STATEMENT_MALFORMED'
  | 'SIGNATURE_INVALID'
  | 'WRONG_PARTY_KEY'
  | 'KEY_NOT_VALID_AT_SIGNING'
  | 'KEY_REVOKED';

export interface AttestationCheck {
  status: 'valid' | 'stale' | 'subject-erased' | 'invalid';
  code: AttestationCode;
  message: string;
  statement?: Statement;
  /** The key that verified, when one did. */
  key?: PartyKey;
  /** Whether the covered content was compared (false when no content was given). */
  contentChecked: boolean;
}

/** The subject as the verifier holds it: its salt and covered content, or 'erased'. */
export type SubjectContent = { salt: Uint8Array; covered: unknown } | 'erased';

function keyValidAt(key: PartyKey, t: number): AttestationCode {
  if (key.revokedAt && Date.parse(key.revokedAt) <= t) return 'KEY_REVOKED';
  const from = Date.parse(key.validFrom);
  const until = key.validUntil === null ? Infinity : Date.parse(key.validUntil);
  return t >= from && t < until ? 'OK' : 'KEY_NOT_VALID_AT_SIGNING';
}

/**
 * Verifies an attestation envelope against the parties' keys and, when given, the subject.
 * Refuses a signature by no known key or over altered bytes (SIGNATURE_INVALID), a key of
 * another party (WRONG_PARTY_KEY), a key outside its validity at the signing time or revoked
 * (KEY_NOT_VALID_AT_SIGNING, KEY_REVOKED). A valid signature whose subject digest no longer
 * matches the content is 'stale'; with the salt destroyed it is 'subject-erased'.
 * @example verifyAttestation(envelope, partyKeys, { salt, covered }).status // 'valid' | 'stale' | …
 */
export function verifyAttestation(
  envelope: DsseEnvelope,
  keys: readonly PartyKey[],
  subject?: SubjectContent,
): AttestationCheck {
  let statement: Statement;
  try {
    statement = parseStatement(envelope);
  } catch (e) {
    return {
      status: 'invalid',
      code: 'STATEMENT_MALFORMED',
      message: (e as Error).message,
      contentChecked: false,
    };
  }
  const p = statement.predicate;
  const t = Date.parse(p.timeSigned);
  let best: { code: AttestationCode; key: PartyKey } | undefined;
  for (const key of keys) {
    let ok: number[];
    try {
      ok = verifiedSignatures(envelope, publicKeyFromRaw(key.publicKey));
    } catch {
      continue;
    }
    if (ok.length === 0) continue;
    const code = key.party !== p.party ? 'WRONG_PARTY_KEY' : keyValidAt(key, t);
    if (!best || code === 'OK') best = { code, key };
    if (code === 'OK') break;
  }
  const base = { statement, contentChecked: false };
  if (!best) {
    return {
      ...base,
      status: 'invalid',
      code: 'SIGNATURE_INVALID',
      message: 'no signature verifies under a known party key',
    };
  }
  const { key } = best;
  if (best.code === 'WRONG_PARTY_KEY') {
    const message = `signed with a key of ${key.party}, but the statement claims party ${p.party}`;
    return { ...base, key, status: 'invalid', code: best.code, message };
  }
  if (best.code !== 'OK') {
    const message = `key ${key.keyId.slice(0, 16)} was not valid at the signing time ${p.timeSigned}`;
    return { ...base, key, status: 'invalid', code: best.code, message };
  }
  if (subject === undefined) return { ...base, key, status: 'valid', code: 'OK', message: 'signature valid' };
  if (subject === 'erased') {
    const message = 'signature valid; the subject was erased, so its content can no longer be compared';
    return { ...base, key, status: 'subject-erased', code: 'SUBJECT_ERASED', message };
  }
  const expected = fromHex(statement.subject[0].digest.sha256);
  const actual = sha256(subject.salt, utf8(canonicalJson(subject.covered)));
  if (!bytesEqual(expected, actual)) {
    const message = `the covered content (${p.coveredFields.join(', ')}) changed after it was attested`;
    return { ...base, key, contentChecked: true, status: 'stale', code: 'STALE_CONTENT', message };
  }
  return {
    ...base,
    key,
    contentChecked: true,
    status: 'valid',
    code: 'OK',
    message: 'signature and content valid',
  };
}
