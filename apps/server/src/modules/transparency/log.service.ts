import {
  createNoteSigner,
  decryptPrivateKey,
  encodeVerifierKey,
  encryptPrivateKey,
  entryLeafHash,
  generateEd25519KeyPair,
  keyIdOf,
  publicKeyToRaw,
  SIG_TYPE_ED25519,
  signCheckpoint,
  toBase64,
  toHex,
  type EncryptedPrivateKey,
  type LogEntry,
} from '@homeward/translog';
import type { Kysely } from 'kysely';
import { createHmac, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.repository.ts';
import { findSigningKey, insertPartyKey, type PartyKeyRow } from './keys.repository.ts';
import {
  findLatestCheckpoint,
  insertCheckpoint,
  insertLogEntry,
  lockLogForAppend,
  nextLogIndex,
} from './log.repository.ts';
import { currentTree } from './log-tree.ts';

export interface LogDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret derived from the master key; private keys are encrypted under a key derived from it. */
  secret: Buffer;
}

/**
 * What every key-registration entry states besides the key: its algorithm. The entry's `keyId`
 * is the key's fingerprint (hex SHA-256 of the 32-byte public key), `validFrom`/`validUntil` its
 * validity; a later key-revocation entry ends it.
 */
export const KEY_META = { algorithm: 'Ed25519' } as const;

/** The operator's pseudo-party in log entries about the log's own key. */
export const OPERATOR = 'homeward-operator';

type EntryBody<E> = E extends LogEntry ? Omit<E, 'v' | 'id' | 'time'> : never;

/** Fills in version, id and time of a new entry. */
export function newEntry(body: EntryBody<LogEntry>, now: Date): LogEntry {
  return { v: 1, id: randomUUID(), time: now.toISOString(), ...body } as LogEntry;
}

/**
 * Appends one entry in the caller's transaction: takes the append lock, gives it the next
 * gap-free index, and stores its leaf hash beside it. The personal-data guard runs here.
 * Call `publishCheckpoint` after the transaction commits.
 */
export async function appendLogEntry(trx: Executor, entry: LogEntry): Promise<number> {
  const leafHash = toHex(entryLeafHash(entry));
  await lockLogForAppend(trx);
  const index = await nextLogIndex(trx);
  await insertLogEntry(trx, { index, entry, leafHash });
  return index;
}

/** The secret private keys are encrypted with, derived from the server secret for this purpose only. */
export function keyEncryptionSecret(secret: Buffer): Buffer {
  return createHmac('sha256', secret).update('homeward:translog:private-keys').digest();
}

const decrypted = new Map<string, KeyObject>();

/** Decrypts a stored private key (scrypt is slow, so each key is decrypted once per process). */
export function privateKeyOf(row: PartyKeyRow, secret: Buffer): KeyObject {
  const hit = decrypted.get(row.key_id);
  if (hit) return hit;
  if (!row.encrypted_private_key) throw new Error('key has no private half on this server');
  const key = decryptPrivateKey(
    row.encrypted_private_key as EncryptedPrivateKey,
    keyEncryptionSecret(secret),
  );
  decrypted.set(row.key_id, key);
  return key;
}

/** Generates a key, stores it encrypted, and returns what a key-registration entry needs. */
export async function createStoredKey(
  trx: Executor,
  secret: Buffer,
  k: {
    partyId: string | null;
    purpose: 'attestation' | 'log';
    name: string | null;
    validFrom: Date;
    privateKey?: KeyObject;
  },
) {
  const privateKey = k.privateKey ?? generateEd25519KeyPair().privateKey;
  const keyId = keyIdOf(privateKey);
  const publicKey = toBase64(publicKeyToRaw(privateKey));
  const encryptedPrivateKey = encryptPrivateKey(privateKey, keyEncryptionSecret(secret));
  await insertPartyKey(trx, {
    keyId,
    partyId: k.partyId,
    purpose: k.purpose,
    name: k.name,
    publicKey,
    encryptedPrivateKey,
    validFrom: k.validFrom,
    validUntil: null,
  });
  decrypted.set(keyId, privateKey);
  return { keyId, publicKey, validFrom: k.validFrom.toISOString(), validUntil: null };
}

/** The log operator's checkpoint key, created (and registered in the log) on first need. */
export async function ensureLogKey(deps: LogDeps): Promise<PartyKeyRow> {
  const existing = await findSigningKey(deps.db, null, 'log', deps.clock.now());
  if (existing) return existing;
  await deps.db.transaction().execute(async (trx) => {
    await lockLogForAppend(trx);
    if (await findSigningKey(trx, null, 'log', deps.clock.now())) return;
    const now = deps.clock.now();
    const origin = `homeward.local/log-${randomBytes(4).toString('hex')}`;
    const k = await createStoredKey(trx, deps.secret, {
      partyId: null,
      purpose: 'log',
      name: origin,
      validFrom: now,
    });
    await appendLogEntry(
      trx,
      newEntry({ kind: 'key-registration', party: OPERATOR, purpose: 'log', ...k, meta: KEY_META }, now),
    );
  });
  return (await findSigningKey(deps.db, null, 'log', deps.clock.now()))!;
}

export function logVerifierKey(row: PartyKeyRow): string {
  return encodeVerifierKey(row.name!, SIG_TYPE_ED25519, Buffer.from(row.public_key, 'base64'));
}

/**
 * Signs a checkpoint for the current size if none exists yet, and returns the latest one.
 * Called after every commit that appended entries; safe to call from several processes
 * (Ed25519 is deterministic, so two processes sign the same size identically).
 */
export async function publishCheckpoint(deps: LogDeps) {
  const logKey = await ensureLogKey(deps);
  const tree = await currentTree(deps.db);
  const latest = await findLatestCheckpoint(deps.db);
  if (!latest || latest.size < tree.size) {
    const rootHash = tree.root();
    const signer = createNoteSigner(logKey.name!, privateKeyOf(logKey, deps.secret));
    const note = signCheckpoint({ origin: logKey.name!, size: tree.size, rootHash }, signer);
    await insertCheckpoint(deps.db, { size: tree.size, rootHash: toBase64(rootHash), note });
  }
  const cp = (await findLatestCheckpoint(deps.db))!;
  return {
    origin: logKey.name!,
    logKey: logVerifierKey(logKey),
    size: cp.size,
    rootHash: cp.root_hash,
    note: cp.note,
  };
}

/**
 * The hook for workflow modules: logs a status transition of a dossier, request or case in the
 * caller's transaction (only ids and status codes reach the log). Call `publishCheckpoint`
 * after the commit.
 * @example await logStatusTransition(trx, { subjectType: 'dossier', subjectId: id, from: 'open', to: 'closed', partyId }, now);
 */
export async function logStatusTransition(
  trx: Executor,
  t: {
    subjectType: 'dossier' | 'tracing-request' | 'case';
    subjectId: string;
    from: string;
    to: string;
    partyId: string;
  },
  now: Date,
): Promise<number> {
  return appendLogEntry(
    trx,
    newEntry(
      {
        kind: 'status-transition',
        party: t.partyId,
        subjectRef: `${t.subjectType}/${t.subjectId}`,
        from: t.from,
        to: t.to,
      },
      now,
    ),
  );
}
