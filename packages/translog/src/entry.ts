import canonicalize from 'canonicalize';

import { utf8 } from './bytes.ts';
import { TranslogError } from './errors.ts';
import { hashLeaf } from './merkle.ts';

/** Kinds of log entries. Each carries hashes, opaque ids and codes, never personal data. */
export type LogEntryKind =
  'attestation' | 'status-transition' | 'exchange-bundle' | 'key-registration' | 'key-revocation' | 'erasure';

type Scalar = string | number | boolean | null;

interface EntryBase<K extends LogEntryKind> {
  v: 1;
  kind: K;
  /** Opaque id of this entry (UUID). */
  id: string;
  /** ISO 8601 UTC time the server accepted the entry. */
  time: string;
  /** Party id that caused the entry. */
  party: string;
  /** Further non-personal metadata: codes, ids, counts. */
  meta?: Record<string, Scalar>;
}

/** An attestation: the log commits to the DSSE envelope and to the salted subject digest. */
export interface AttestationEntry extends EntryBase<'attestation'> {
  /** Hex SHA-256 of the envelope's RFC 8785 canonical JSON (see `envelopeDigest`). */
  envelopeSha256: string;
  /** The statement's subject digest: the salted commitment, hex. */
  subjectDigest: string;
  /** Opaque subject reference, e.g. `homeward:dossier/<uuid>@v3`. */
  subjectRef: string;
  claim: string;
  keyId: string;
}

export interface StatusTransitionEntry extends EntryBase<'status-transition'> {
  /** e.g. `case/<uuid>` */
  subjectRef: string;
  from: string;
  to: string;
  /** Hex SHA-256 of the audit row, when the server wants to bind it. */
  auditSha256?: string;
}

export interface ExchangeBundleEntry extends EntryBase<'exchange-bundle'> {
  bundleId: string;
  bundleSha256: string;
  toParty: string;
  recordCount: number;
}

export interface KeyRegistrationEntry extends EntryBase<'key-registration'> {
  keyId: string;
  /** Base64 32-byte Ed25519 public key. */
  publicKey: string;
  /** What the key signs: attestations, checkpoints (log) or cosignatures (witness). */
  purpose: 'attestation' | 'log' | 'witness';
  validFrom: string;
  validUntil: string | null;
}

export interface KeyRevocationEntry extends EntryBase<'key-revocation'> {
  keyId: string;
  revokedAt: string;
  reason: 'compromised' | 'superseded' | 'retired';
}

/** Records that a subject's salt was destroyed; its attestations now verify as "subject erased". */
export interface ErasureEntry extends EntryBase<'erasure'> {
  subjectRef: string;
  subjectDigests: string[];
}

export type LogEntry =
  | AttestationEntry
  | StatusTransitionEntry
  | ExchangeBundleEntry
  | KeyRegistrationEntry
  | KeyRevocationEntry
  | ErasureEntry;

// Field names that name a person or their traits. Matched on the lowercased key with
// separators removed, so `first_name`, `firstName` and `FIRST-NAME` are all caught.
const PERSONAL_KEYS = new Set(
  (
    'name firstname lastname surname givenname familyname patronymic middlename fullname birthdate ' +
    'dateofbirth dob birthplace placeofbirth age gender sex address street city postcode zip phone ' +
    'phonenumber mobile email passport passportnumber nationalid taxid photo photos image face ' +
    'biometric fingerprint diagnosis medical health religion ethnicity mother father guardian parent ' +
    'relative note notes comment description biography text location latitude longitude gps school '
  )
    .trim()
    .split(' '),
);
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE = /^\+?[\d\s().-]{9,}$/;
// An opaque id, even one whose hex digits happen to be all decimal, is not a phone number.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STRING = 200;

/**
 * Refuses values that could carry personal data into the log: personal field names, nested
 * arrays of free values, e-mail addresses, phone numbers, and strings over 200 characters.
 * This is a guard against mistakes, not a proof of anonymity: callers must only log hashes,
 * opaque ids and codes.
 * @example assertNonPersonal({ kind: 'status-transition', firstName: 'Ivan' }) // throws PERSONAL_DATA_REFUSED
 */
export function assertNonPersonal(value: unknown, path = '$'): void {
  const refuse = (why: string): never => {
    throw new TranslogError('PERSONAL_DATA_REFUSED', `${path}: ${why}`, { path });
  };
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse('numbers must be finite');
    return;
  }
  if (typeof value === 'string') {
    if (value.length > MAX_STRING) refuse('long free text is not allowed in the log');
    if (EMAIL.test(value)) refuse('looks like an e-mail address');
    if (PHONE.test(value) && !/^\d+$/.test(value) && !UUID.test(value))
      refuse('looks like a phone number or a date');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v !== 'string') refuse('arrays may only hold strings (hashes or ids)');
      assertNonPersonal(v, `${path}[${i}]`);
    });
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (PERSONAL_KEYS.has(k.toLowerCase().replace(/[^a-z]/g, ''))) {
        throw new TranslogError(
          'PERSONAL_DATA_REFUSED',
          `${path}.${k}: personal field names are not allowed in the log`,
          {
            path: `${path}.${k}`,
          },
        );
      }
      assertNonPersonal(v, `${path}.${k}`);
    }
    return;
  }
  refuse(`unsupported value of type ${typeof value}`);
}

/** RFC 8785 canonical JSON text of any JSON value (throws on values JSON cannot represent). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TranslogError('INVALID_INPUT', 'value has no JSON form');
  return text;
}

/**
 * The leaf data of an entry: UTF-8 of its RFC 8785 canonical JSON, after the personal-data guard.
 * @example const leafHash = hashLeaf(encodeEntry(entry)); // store leafHash with the entry
 */
export function encodeEntry(entry: LogEntry): Uint8Array {
  if (entry.v !== 1) throw new TranslogError('INVALID_INPUT', 'unsupported entry version');
  assertNonPersonal(entry);
  return utf8(canonicalJson(entry));
}

/** `hashLeaf(encodeEntry(entry))`: the hash the server stores and appends to the tree. */
export function entryLeafHash(entry: LogEntry): Uint8Array {
  return hashLeaf(encodeEntry(entry));
}
