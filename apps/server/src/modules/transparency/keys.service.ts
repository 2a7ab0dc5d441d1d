import { privateKeyFromPem, type PartyKey } from '@homeward/translog';
import type { KeyObject } from 'node:crypto';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findPartyById } from '../parties/parties.repository.ts';
import {
  findAllPartyKeys,
  findKey,
  findKeysOfParty,
  findSigningKey,
  revokeKey,
  type PartyKeyRow,
} from './keys.repository.ts';
import { appendLogEntry, KEY_META, createStoredKey, newEntry, publishCheckpoint, type LogDeps } from './log.service.ts';

export type PublishedKey = PartyKey & {
  purpose: string;
  revokedAt: string | null;
  revocationReason: string | null;
};

/** A key as published: what a party needs to check signatures, with its validity. */
export function publishKey(row: PartyKeyRow): PublishedKey {
  return {
    party: row.party_id!,
    keyId: row.key_id,
    publicKey: row.public_key,
    purpose: row.purpose,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until ? row.valid_until.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    revocationReason: row.revocation_reason,
  };
}

/** Generates (or imports) a party's attestation key and registers it in the log, in `trx`. */
async function registerKey(trx: Executor, deps: LogDeps, partyId: string, now: Date, privateKey?: KeyObject) {
  const k = await createStoredKey(trx, deps.secret, {
    partyId,
    purpose: 'attestation',
    name: null,
    validFrom: now,
    ...(privateKey ? { privateKey } : {}),
  });
  await appendLogEntry(
    trx,
    newEntry({ kind: 'key-registration', party: partyId, purpose: 'attestation', ...k, meta: KEY_META }, now),
  );
  return (await findKey(trx, k.keyId))!;
}

/** The party's current signing key; generated and registered in the log on first need. */
export async function ensurePartyKey(
  trx: Executor,
  deps: LogDeps,
  partyId: string,
  now: Date,
): Promise<PartyKeyRow> {
  const current = await findSigningKey(trx, partyId, 'attestation', now);
  return current ?? registerKey(trx, deps, partyId, now);
}

async function requireOwnParty(deps: LogDeps, actor: Actor, partyId: string) {
  if (actor.kind !== 'system' && actor.partyId !== partyId) throw notFound('PARTY_NOT_FOUND');
  if (!(await findPartyById(deps.db, partyId))) throw notFound('PARTY_NOT_FOUND');
}

async function retire(
  trx: Executor,
  deps: LogDeps,
  row: PartyKeyRow,
  now: Date,
  reason: 'compromised' | 'superseded' | 'retired',
) {
  await revokeKey(trx, row.key_id, now, reason);
  await appendLogEntry(
    trx,
    newEntry(
      {
        kind: 'key-revocation',
        party: row.party_id!,
        keyId: row.key_id,
        revokedAt: now.toISOString(),
        reason,
      },
      now,
    ),
  );
}

/**
 * Rotates a party's key: registers a new key (generated, or imported from a PKCS#8 PEM) and
 * revokes the current one as 'superseded' from now on, so what it signed before stays valid.
 */
export async function rotatePartyKey(
  deps: LogDeps,
  actor: Actor,
  partyId: string,
  input: { privateKeyPem?: string | undefined },
) {
  await requireOwnParty(deps, actor, partyId);
  let imported: KeyObject | undefined;
  if (input.privateKeyPem) {
    try {
      imported = privateKeyFromPem(input.privateKeyPem);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'The private key is not an Ed25519 PKCS#8 PEM key.', {
        issues: [{ path: 'privateKeyPem', message: 'not an Ed25519 key' }],
      });
    }
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const current = await findSigningKey(trx, partyId, 'attestation', now);
    const fresh = await registerKey(trx, deps, partyId, now, imported);
    if (current) await retire(trx, deps, current, now, 'superseded');
    await recordAudit(trx, actor, {
      action: 'key.rotate',
      recordType: 'party_key',
      recordId: fresh.key_id,
      details: { partyId, previous: current?.key_id ?? null },
    });
    return fresh;
  });
  await publishCheckpoint(deps);
  return publishKey(row);
}

/** Revokes a key (e.g. compromised): attestations logged after the revocation no longer verify with it. */
export async function revokePartyKey(
  deps: LogDeps,
  actor: Actor,
  partyId: string,
  keyId: string,
  reason: 'compromised' | 'retired',
) {
  await requireOwnParty(deps, actor, partyId);
  const row = await deps.db.transaction().execute(async (trx) => {
    const key = await findKey(trx, keyId);
    if (!key || key.party_id !== partyId) throw notFound();
    if (key.revoked_at) throw new AppError('INVALID_TRANSITION', 'This key is already revoked.');
    await retire(trx, deps, key, deps.clock.now(), reason);
    await recordAudit(trx, actor, {
      action: 'key.revoke',
      recordType: 'party_key',
      recordId: keyId,
      details: { partyId, reason },
    });
    return (await findKey(trx, keyId))!;
  });
  await publishCheckpoint(deps);
  return publishKey(row);
}

export async function listPartyKeys(deps: LogDeps, partyId: string): Promise<PublishedKey[]> {
  if (!(await findPartyById(deps.db, partyId))) throw notFound('PARTY_NOT_FOUND');
  return (await findKeysOfParty(deps.db, partyId)).filter((k) => k.purpose === 'attestation').map(publishKey);
}

/** Every party's attestation keys, as the server publishes them. */
export async function listAllPartyKeys(db: Executor): Promise<PublishedKey[]> {
  return (await findAllPartyKeys(db)).map(publishKey);
}

/** Where each key entered the log and, if it did, where it was revoked (log indices). */
export type KeyRegistryIndex = Map<string, { registeredAt: number; revokedAt: number | null }>;

/**
 * The key registry as the log holds it (key-registration and key-revocation entries, in order):
 * what a verifier checks an attestation's key against, rather than the key table, which the
 * operator could edit.
 */
export async function keyRegistryFromLog(db: Executor): Promise<KeyRegistryIndex> {
  const rows = await db
    .selectFrom('log_entry')
    .select(['idx', 'kind', 'entry'])
    .where('kind', 'in', ['key-registration', 'key-revocation'])
    .orderBy('idx')
    .execute();
  const out: KeyRegistryIndex = new Map();
  for (const r of rows) {
    const e = r.entry as { keyId?: string };
    if (!e.keyId) continue;
    const idx = Number(r.idx);
    const known = out.get(e.keyId);
    if (r.kind === 'key-registration') {
      if (!known) out.set(e.keyId, { registeredAt: idx, revokedAt: null });
    } else if (known && known.revokedAt === null) known.revokedAt = idx;
  }
  return out;
}

/**
 * Whether a key may have signed the attestation logged at `logIndex`: registered in the log
 * before it, and not revoked in the log before it. Null when it may; otherwise the refusal.
 */
export function keyOutsideRegistration(registry: KeyRegistryIndex, keyId: string, logIndex: number) {
  const reg = registry.get(keyId);
  if (!reg || reg.registeredAt >= logIndex)
    return {
      code: 'KEY_NOT_REGISTERED',
      message: `key used outside its registered validity: it was not registered in the log before entry ${logIndex}`,
    };
  if (reg.revokedAt !== null && reg.revokedAt < logIndex)
    return {
      code: 'KEY_REVOKED',
      message: `key used outside its registered validity: its revocation (entry ${reg.revokedAt}) precedes entry ${logIndex}`,
    };
  return null;
}
