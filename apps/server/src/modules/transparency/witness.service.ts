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
  canonicalJson,
  sha256Hex,
  toBase64,
  utf8,
} from '@homeward/translog';
import { sql } from 'kysely';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findPartyById } from '../parties/parties.repository.ts';
import { findAllPartyKeys, findLogKey, insertPartyKey, type PartyKeyRow } from './keys.repository.ts';
import { findCheckpoint } from './log.repository.ts';
import { appendLogEntry, KEY_META, logVerifierKey, newEntry, OPERATOR, publishCheckpoint, type LogDeps } from './log.service.ts';

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
          meta: KEY_META,
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
      // A witness re-cosigns an unchanged checkpoint to keep it fresh: the newer cosignature wins.
      .onConflict((oc) =>
        oc
          .columns(['checkpoint_size', 'witness_key_id'])
          .doUpdateSet({
            signature_line: (eb) => eb.ref('excluded.signature_line'),
            cosigned_at: (eb) => eb.ref('excluded.cosigned_at'),
          })
          .where('log_cosignature.cosigned_at', '<', (eb) => eb.ref('excluded.cosigned_at')),
      )
      .execute();
    accepted++;
  }
  if (accepted === 0) throw invalid('No cosignature verifies under a registered witness key.');
  return witnessStatus(deps, checkpoint.size);
}

/** The installation's witness policy as it applies now: the active witness keys, quorum and freshness. */
export async function loadWitnessPolicy(db: Executor) {
  const [witnesses, row, parties] = await Promise.all([
    activeWitnesses(db),
    db.selectFrom('witness_policy').selectAll().executeTakeFirst(),
    db.selectFrom('party').select(['id', 'code']).execute(),
  ]);
  const codeOf = new Map(parties.map((p) => [p.id, p.code]));
  return {
    witnesses: witnesses.map((w) => ({
      keyId: w.key_id,
      name: w.name!,
      vkey: witnessVkey(w),
      partyId: w.party_id!,
      partyCode: codeOf.get(w.party_id!) ?? null,
      registeredAt: w.valid_from.toISOString(),
    })),
    /** The configured quorum; null means every active witness. */
    configuredQuorum: row?.quorum ?? null,
    quorum: row?.quorum ?? witnesses.length,
    maxAgeSeconds: row?.max_age_seconds ?? 3600,
  };
}
type LoadedPolicy = Awaited<ReturnType<typeof loadWitnessPolicy>>;

const cosignedNoteOf = async (db: Executor, size: number, note: string) => {
  const cosigs = await db
    .selectFrom('log_cosignature')
    .select('signature_line')
    .where('checkpoint_size', '=', size)
    .orderBy('witness_key_id')
    .execute();
  return note + cosigs.map((c) => c.signature_line).join('');
};

/** The witness status of one cosigned note under a loaded policy (pure apart from the clock). */
function judge(logVerifierKeyText: string, origin: string, policy: LoadedPolicy, cosignedNote: string, nowSeconds: number) {
  const { witnesses, quorum, maxAgeSeconds } = policy;
  const base = { cosignedNote, quorum, witnesses: witnesses.length };
  if (witnesses.length === 0)
    return { ...base, quorum: 0, status: 'no-witnesses' as const, cosigners: [], message: 'no witness is registered' };
  if (quorum > witnesses.length)
    return {
      ...base,
      status: 'quorum-not-met' as const,
      cosigners: [],
      message: `the policy needs ${quorum} witnesses but ${witnesses.length} are registered`,
    };
  const r = checkQuorum(
    cosignedNote,
    {
      logVerifier: createNoteVerifier(logVerifierKeyText),
      origin,
      witnesses: witnesses.map((w) => createCosignatureVerifier(w.vkey)),
      quorum,
      maxAgeSeconds,
    },
    nowSeconds,
  );
  return {
    ...base,
    status: r.status,
    cosigners: r.cosigners.map((c) => ({ name: c.name, timestamp: c.timestamp, fresh: c.fresh })),
    message: r.message,
  };
}

/**
 * Whether a checkpoint is trusted: cosigned by the policy's quorum of registered witnesses
 * (all of them unless set), each within the freshness window. Stale or unwitnessed checkpoints
 * say so.
 */
export async function witnessStatus(deps: LogDeps, size: number) {
  const [logKey, stored, policy] = await Promise.all([
    findLogKey(deps.db),
    findCheckpoint(deps.db, size),
    loadWitnessPolicy(deps.db),
  ]);
  if (!logKey || !stored) throw notFound();
  const note = await cosignedNoteOf(deps.db, size, stored.note);
  return judge(logVerifierKey(logKey), logKey.name!, policy, note, Math.floor(deps.clock.now().getTime() / 1000));
}

/** How many of the newest cosigned checkpoints are examined when looking for a trusted one. */
const TRUSTED_SEARCH = 50;

/**
 * The newest checkpoint that is trusted now (cosigned by the quorum within the freshness
 * window), or null. What clients, the verification status and the public page rely on: entries
 * at or beyond its size are "awaiting witnesses".
 */
export async function newestTrustedCheckpoint(deps: LogDeps) {
  const [logKey, policy] = await Promise.all([findLogKey(deps.db), loadWitnessPolicy(deps.db)]);
  if (!logKey || policy.witnesses.length === 0 || policy.quorum > policy.witnesses.length) return null;
  const sizes = await deps.db
    .selectFrom('log_cosignature')
    .select('checkpoint_size')
    .distinct()
    .orderBy('checkpoint_size', 'desc')
    .limit(TRUSTED_SEARCH)
    .execute();
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  for (const { checkpoint_size } of sizes) {
    const size = Number(checkpoint_size);
    const stored = await findCheckpoint(deps.db, size);
    if (!stored) continue;
    const note = await cosignedNoteOf(deps.db, size, stored.note);
    const j = judge(logVerifierKey(logKey), logKey.name!, policy, note, nowSeconds);
    if (j.status === 'trusted')
      return { size, rootHash: stored.root_hash, cosignedNote: note, cosigners: j.cosigners };
  }
  return null;
}

/** The witness keys and quorum as published in an export, for parties to check against their own. */
export async function publishedWitnessPolicy(db: Executor) {
  const policy = await loadWitnessPolicy(db);
  if (policy.witnesses.length === 0) return undefined;
  return {
    keys: policy.witnesses.map((w) => w.vkey),
    quorum: Math.min(policy.quorum, policy.witnesses.length),
    maxAgeSeconds: policy.maxAgeSeconds,
  };
}

const POLICY_REF = 'witness-policy';

/** The witness policy as the API shows it, with its version (one per logged change). */
export async function getWitnessPolicy(deps: LogDeps) {
  const policy = await loadWitnessPolicy(deps.db);
  const changes = await deps.db
    .selectFrom('log_entry')
    .select('idx')
    .where('kind', '=', 'status-transition')
    .where(sql<string>`entry->>'subjectRef'`, '=', POLICY_REF)
    .orderBy('idx', 'desc')
    .execute();
  return {
    witnesses: policy.witnesses,
    quorum: policy.configuredQuorum,
    effectiveQuorum: policy.quorum,
    maxAgeSeconds: policy.maxAgeSeconds,
    version: changes.length + 1,
    logIndex: changes[0] ? Number(changes[0].idx) : null,
  };
}

/**
 * Changes the quorum (null: every active witness) and the freshness window. Audited and entered
 * in the log (`witness-policy` from v<n> to v<n+1>, with the new values and the SHA-256 of the
 * policy), so every party sees who lowered the bar and when.
 */
export async function putWitnessPolicy(
  deps: LogDeps,
  actor: Actor,
  input: { quorum: number | null; maxAgeSeconds: number },
) {
  const witnesses = (await activeWitnesses(deps.db)).length;
  if (input.quorum !== null && input.quorum > witnesses)
    throw new AppError('WITNESS_QUORUM_TOO_HIGH', `Only ${witnesses} witness(es) are registered; the quorum cannot exceed that.`, {
      details: { witnesses },
    });
  const before = await getWitnessPolicy(deps);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await trx
      .updateTable('witness_policy')
      .set({ quorum: input.quorum, max_age_seconds: input.maxAgeSeconds })
      .where('id', '=', true)
      .execute();
    const sha256 = sha256Hex(utf8(canonicalJson({ quorum: input.quorum, maxAgeSeconds: input.maxAgeSeconds })));
    await appendLogEntry(
      trx,
      newEntry(
        {
          kind: 'status-transition',
          party: actor.partyId ?? OPERATOR,
          subjectRef: POLICY_REF,
          from: `v${before.version}`,
          to: `v${before.version + 1}`,
          meta: { quorum: input.quorum, maxAgeSeconds: input.maxAgeSeconds, sha256 },
        },
        now,
      ),
    );
    await recordAudit(trx, actor, {
      action: 'witness-policy.update',
      recordType: 'witness_policy',
      recordId: POLICY_REF,
      details: { quorum: input.quorum, maxAgeSeconds: input.maxAgeSeconds, previousQuorum: before.quorum, previousMaxAgeSeconds: before.maxAgeSeconds },
    });
  });
  await publishCheckpoint(deps);
  return getWitnessPolicy(deps);
}
