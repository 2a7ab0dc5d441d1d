import {
  checkQuorum,
  cosignatureTimestamp,
  createCosignatureVerifier,
  createNoteVerifier,
  encodeVerifierKey,
  formatSignatureLine,
  isTranslogError,
  keyIdOf,
  noteKeyId,
  openCheckpoint,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  toBase64,
} from '@homeward/translog';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findPartyById } from '../parties/parties.repository.ts';
import { findAllPartyKeys, findLogKey, insertPartyKey, type PartyKeyRow } from './keys.repository.ts';
import { findCheckpoint } from './log.repository.ts';
import { appendLogEntry, logVerifierKey, newEntry, publishCheckpoint, type LogDeps } from './log.service.ts';

const invalid = (message: string) => new AppError('COSIGNATURE_INVALID', message);

const witnessVkey = (row: PartyKeyRow) =>
  encodeVerifierKey(row.name!, SIG_TYPE_COSIGNATURE_V1, Buffer.from(row.public_key, 'base64'));

async function activeWitnesses(db: Executor) {
  return (await findAllPartyKeys(db, 'witness')).filter((k) => !k.revoked_at);
}

/** Registers a party's witness key (a type 0x04 vkey from `homeward witness init`) in the log. */
export async function registerWitnessKey(deps: LogDeps, actor: Actor, partyId: string, vkey: string) {
  if ((actor.kind !== 'system' && actor.partyId !== partyId) || !(await findPartyById(deps.db, partyId)))
    throw notFound('PARTY_NOT_FOUND');
  let parsed;
  try {
    parsed = parseVerifierKey(vkey);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.type !== SIG_TYPE_COSIGNATURE_V1)
    throw new AppError('VALIDATION_FAILED', 'Not a witness key (name+id+key of type 0x04).', {
      issues: [{ path: 'vkey', message: 'not a witness key' }],
    });
  const keyId = keyIdOf(parsed.publicKey);
  const publicKey = toBase64(parsed.publicKey);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await insertPartyKey(trx, {
      keyId,
      partyId,
      purpose: 'witness',
      name: parsed.name,
      publicKey,
      encryptedPrivateKey: null,
      validFrom: now,
      validUntil: null,
    });
    await appendLogEntry(
      trx,
      newEntry(
        {
          kind: 'key-registration',
          party: partyId,
          purpose: 'witness',
          keyId,
          publicKey,
          validFrom: now.toISOString(),
          validUntil: null,
        },
        now,
      ),
    );
    await recordAudit(trx, actor, {
      action: 'key.witness.register',
      recordType: 'party_key',
      recordId: keyId,
      details: { partyId },
    });
  });
  await publishCheckpoint(deps);
  return { keyId, name: parsed.name, vkey };
}

/**
 * Accepts a checkpoint note carrying witnesses' cosignatures: it must be a checkpoint this log
 * signed, and each cosignature must verify under a registered witness key. Returns the
 * checkpoint's witness status.
 */
export async function addCosignatures(deps: LogDeps, note: string) {
  const logKey = await findLogKey(deps.db);
  if (!logKey) throw invalid('The log has no checkpoint yet.');
  let opened;
  try {
    opened = openCheckpoint(note, createNoteVerifier(logVerifierKey(logKey)), logKey.name!);
  } catch (err) {
    throw invalid(`Not a checkpoint signed by this log${isTranslogError(err) ? ` (${err.code})` : ''}.`);
  }
  const { checkpoint, note: parsed } = opened;
  const stored = await findCheckpoint(deps.db, checkpoint.size);
  if (!stored || stored.root_hash !== toBase64(checkpoint.rootHash))
    throw invalid('This log never signed that checkpoint.');
  const witnesses = await activeWitnesses(deps.db);
  let accepted = 0;
  for (const sig of parsed.unknown) {
    const w = witnesses.find(
      (k) =>
        k.name === sig.name &&
        noteKeyId(k.name!, SIG_TYPE_COSIGNATURE_V1, Buffer.from(k.public_key, 'base64')) === sig.keyId,
    );
    if (!w || !createCosignatureVerifier(witnessVkey(w)).verify(parsed.text, sig.signature)) continue;
    await deps.db
      .insertInto('log_cosignature')
      .values({
        checkpoint_size: checkpoint.size,
        witness_key_id: w.key_id,
        signature_line: formatSignatureLine(sig),
        cosigned_at: new Date(cosignatureTimestamp(sig.signature) * 1000),
      })
      .onConflict((oc) => oc.columns(['checkpoint_size', 'witness_key_id']).doNothing())
      .execute();
    accepted++;
  }
  if (accepted === 0) throw invalid('No cosignature verifies under a registered witness key.');
  return witnessStatus(deps, checkpoint.size);
}

/**
 * Whether a checkpoint is trusted: cosigned by the policy's quorum of registered witnesses
 * (all of them unless set), each within the freshness window. Stale or unwitnessed checkpoints
 * say so.
 */
export async function witnessStatus(deps: LogDeps, size: number) {
  const [logKey, stored, witnesses, policy, cosigs] = await Promise.all([
    findLogKey(deps.db),
    findCheckpoint(deps.db, size),
    activeWitnesses(deps.db),
    deps.db.selectFrom('witness_policy').selectAll().executeTakeFirst(),
    deps.db
      .selectFrom('log_cosignature')
      .select('signature_line')
      .where('checkpoint_size', '=', size)
      .execute(),
  ]);
  if (!logKey || !stored) throw notFound();
  const cosignedNote = stored.note + cosigs.map((c) => c.signature_line).join('');
  const quorum = policy?.quorum ?? witnesses.length;
  const maxAgeSeconds = policy?.max_age_seconds ?? 3600;
  if (witnesses.length === 0)
    return {
      cosignedNote,
      status: 'no-witnesses' as const,
      quorum: 0,
      witnesses: 0,
      cosigners: [],
      message: 'no witness is registered',
    };
  if (quorum > witnesses.length) {
    return {
      cosignedNote,
      status: 'quorum-not-met' as const,
      quorum,
      witnesses: witnesses.length,
      cosigners: [],
      message: `the policy needs ${quorum} witnesses but ${witnesses.length} are registered`,
    };
  }
  const r = checkQuorum(
    cosignedNote,
    {
      logVerifier: createNoteVerifier(logVerifierKey(logKey)),
      origin: logKey.name!,
      witnesses: witnesses.map((w) => createCosignatureVerifier(witnessVkey(w))),
      quorum,
      maxAgeSeconds,
    },
    Math.floor(deps.clock.now().getTime() / 1000),
  );
  return {
    cosignedNote,
    status: r.status,
    quorum,
    witnesses: witnesses.length,
    cosigners: r.cosigners.map((c) => ({ name: c.name, timestamp: c.timestamp, fresh: c.fresh })),
    message: r.message,
  };
}

/** The witness keys and quorum as published in an export, for parties to check against their own. */
export async function publishedWitnessPolicy(db: Executor) {
  const witnesses = await activeWitnesses(db);
  if (witnesses.length === 0) return undefined;
  const policy = await db.selectFrom('witness_policy').selectAll().executeTakeFirst();
  return {
    keys: witnesses.map(witnessVkey),
    quorum: Math.min(policy?.quorum ?? witnesses.length, witnesses.length),
    maxAgeSeconds: policy?.max_age_seconds ?? 3600,
  };
}
