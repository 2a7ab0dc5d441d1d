import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { publishCheckpoint } from '../transparency/log.service.ts';
import { writeRecord } from './bundle-apply.ts';
import type { BundleDossier, BundleRequest } from './bundle-payload.ts';
import type { ExchangeDeps } from './exchange.deps.ts';
import { findConflict, findCopy, findSubjectState, listBundles, listConflicts, upsertCopy } from './exchange.repository.ts';

const scope = (actor: Actor) => (actor.kind === 'system' ? null : (actor.partyId ?? '00000000-0000-0000-0000-000000000000'));

/** Bundles the caller's party sent or received, newest first (ids, counts and hashes only). */
export async function listExchangeBundles(deps: ExchangeDeps, actor: Actor) {
  const rows = await listBundles(deps.db, scope(actor));
  return {
    items: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      from: r.from_code,
      to: r.to_code,
      sequence: r.sequence,
      since: r.since?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      processedAt: r.processed_at.toISOString(),
      sha256: r.sha256,
      size: r.size,
      counts: r.counts as { dossiers: number; requests: number; attestations: number; caseEvents: number; files: number },
      logIndex: r.log_index,
    })),
  };
}

export async function listExchangeConflicts(deps: ExchangeDeps, actor: Actor, status?: 'open' | 'resolved') {
  const rows = await listConflicts(deps.db, scope(actor), status);
  return {
    items: rows.map((c) => ({
      id: c.id,
      bundleId: c.bundle_id,
      from: c.from_code,
      subjectType: c.subject_type,
      subjectId: c.subject_id,
      sourceId: c.source_id,
      localVersion: c.local_version,
      incoming: c.incoming as Record<string, unknown>,
      status: c.status,
      resolution: c.resolution,
      createdAt: c.created_at.toISOString(),
    })),
  };
}

/**
 * Settles a conflict: 'incoming' applies the sender's version over the local one; 'local' keeps the
 * local copy. Either way the incoming version counts as seen, so the same bundle content does not
 * raise the conflict again; a later change by the sender applies as usual.
 */
export async function resolveConflict(deps: ExchangeDeps, actor: Actor, id: string, keep: 'local' | 'incoming') {
  await deps.db.transaction().execute(async (trx) => {
    const c = await findConflict(trx, id);
    if (!c || (actor.kind !== 'system' && actor.partyId !== c.recipient_party_id)) throw notFound();
    if (c.status !== 'open') throw new AppError('EXCHANGE_CONFLICT_RESOLVED', 'This conflict was already resolved.');
    const now = deps.clock.now();
    const sender = (await trx.selectFrom('party').select(['id', 'code']).where('id', '=', c.party_id).executeTakeFirstOrThrow());
    const recipient = (await trx.selectFrom('party').select(['id', 'code']).where('id', '=', c.recipient_party_id).executeTakeFirstOrThrow());
    const ctx = { trx, actor, bundleId: c.bundle_id, sender, recipient, now };
    if (keep === 'incoming') {
      await writeRecord(ctx, c.subject_type, c.incoming as BundleDossier | BundleRequest);
    } else {
      const state = (await findSubjectState(trx, c.subject_type, c.subject_id))!;
      const copy = await findCopy(trx, c.subject_type, c.party_id, c.source_id);
      await upsertCopy(trx, { type: c.subject_type, partyId: c.party_id, sourceId: c.source_id, subjectId: c.subject_id, sha256: c.incoming_sha256, version: state.version, bundleId: copy?.bundle_id ?? c.bundle_id, now });
    }
    await trx
      .updateTable('exchange_conflict')
      .set({ status: 'resolved', resolution: keep === 'local' ? 'kept-local' : 'took-incoming', resolved_by: actor.userId, resolved_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'exchange.conflict.resolve', recordType: c.subject_type, recordId: c.subject_id, details: { conflict: id, keep } });
  });
  await publishCheckpoint(deps);
  return (await listExchangeConflicts(deps, actor)).items.find((c) => c.id === id)!;
}
