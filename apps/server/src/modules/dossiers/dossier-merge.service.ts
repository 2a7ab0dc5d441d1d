import type { DossierMerge } from '@homeward/contracts';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB, DossierRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import type { StoredName } from '../names/identity-columns.ts';
import { namesSearchText } from '../names/search-key.ts';
import { logStatusTransition, publishCheckpoint } from '../transparency/log.service.ts';
import { namesAfterUndo, namesToAdd } from './dossier-merge.names.ts';
import {
  findMerge,
  findMergesOf,
  insertMerge,
  lockDossiers,
  markMergeUndone,
} from './dossier-merge.repository.ts';
import type { DossierMergeRow } from './dossier-merge.tables.ts';
import { findDossier } from './dossiers.repository.ts';

export interface MergeDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: present when the transparency log is in use (status changes are logged). */
  secret?: Buffer;
}

/** A merge as listed: ids, dates and status (the reason only to the merge's own party). */
export function mergeSummary(row: DossierMergeRow, actor: Actor): DossierMerge {
  const own = actor.kind === 'system' || actor.partyId === row.party_id;
  return {
    id: row.id,
    survivorId: row.survivor_id,
    absorbedId: row.absorbed_id,
    proposalId: row.proposal_id,
    status: row.status,
    namesAdded: row.names_added.length,
    mergedBy: row.merged_by,
    mergedAt: row.merged_at.toISOString(),
    undoneBy: row.undone_by,
    undoneAt: row.undone_at ? row.undone_at.toISOString() : null,
    undoReason: own ? row.undo_reason : null,
  };
}

// Transaction time, as dossiers.repository's updates use: the matching indexes read changes by it.
const changedAt = sql<Date>`now()`;

/** The older dossier survives (ties broken by id, so the choice never depends on the caller). */
function survivorFirst(a: DossierRow, b: DossierRow): [DossierRow, DossierRow] {
  const aFirst =
    a.created_at.getTime() !== b.created_at.getTime() ? a.created_at < b.created_at : a.id < b.id;
  return aFirst ? [a, b] : [b, a];
}

async function setNames(trx: Executor, id: string, names: readonly StoredName[]) {
  const row = await trx
    .updateTable('dossier')
    .set((eb) => ({
      names: JSON.stringify(names),
      name_search: namesSearchText(names),
      version: eb('version', '+', 1),
      updated_at: changedAt,
    }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

async function setStatus(trx: Executor, id: string, status: 'open' | 'merged') {
  await trx
    .updateTable('dossier')
    .set((eb) => ({ status, version: eb('version', '+', 1), updated_at: changedAt }))
    .where('id', '=', id)
    .execute();
}

/** Open proposals naming the absorbed dossier are replaced: it is no longer a candidate. */
async function supersedeOpenProposals(trx: Executor, actor: Actor, dossierId: string, now: Date) {
  const rows = await trx
    .updateTable('match_proposal')
    .set({ status: 'superseded' })
    .where('status', '=', 'proposed')
    .where((eb) =>
      eb.or([
        eb('right_id', '=', dossierId),
        eb.and([eb('kind', '=', 'dossier-dossier'), eb('left_id', '=', dossierId)]),
      ]),
    )
    .returning('id')
    .execute();
  if (rows.length) {
    await trx
      .insertInto('match_proposal_event')
      .values(
        rows.map((r) => ({
          proposal_id: r.id,
          status: 'superseded' as const,
          actor_user_id: actor.userId,
          reason: null,
          at: now,
        })),
      )
      .execute();
  }
  return rows.map((r) => r.id);
}

/**
 * Called in the transaction that confirms a dossier↔dossier proposal. Two dossiers of one party
 * merge: the newer is set to `merged` and the older gains its names (as non-primary names); the
 * merge row keeps exactly what was added, so `undoMerge` can take it back. Dossiers of two parties
 * are only linked (the confirmed proposal is the link): one party must not rewrite another's
 * record, and each party stays answerable for its own. Returns the merge, or null for a link.
 * @example const merge = await mergeOnConfirm(trx, actor, proposal, now); // null when cross-party
 */
export async function mergeOnConfirm(
  trx: Executor,
  actor: Actor,
  proposal: { id: string; left_id: string; right_id: string },
  now: Date,
) {
  const rows = await lockDossiers(trx, [proposal.left_id, proposal.right_id]);
  if (rows.length !== 2) throw notFound();
  if (rows[0]!.party_id !== rows[1]!.party_id) return null;
  if (rows.some((r) => r.status !== 'open')) {
    throw new AppError(
      'MERGE_DOSSIER_NOT_OPEN',
      'Only two open dossiers can be merged; one of these has been closed or merged since it was proposed.',
    );
  }
  const [survivor, absorbed] = survivorFirst(rows[0]!, rows[1]!);
  const { added, skipped } = namesToAdd(survivor.names as StoredName[], absorbed.names as StoredName[]);
  const versionAfter = await setNames(trx, survivor.id, [...(survivor.names as StoredName[]), ...added]);
  await setStatus(trx, absorbed.id, 'merged');
  const merge = await insertMerge(trx, {
    survivor_id: survivor.id,
    absorbed_id: absorbed.id,
    proposal_id: proposal.id,
    party_id: survivor.party_id,
    status: 'active',
    names_added: JSON.stringify(added),
    survivor_version_after: versionAfter,
    merged_by: actor.userId,
    merged_at: now,
  });
  const superseded = await supersedeOpenProposals(trx, actor, absorbed.id, now);
  await logStatusTransition(
    trx,
    {
      subjectType: 'dossier',
      subjectId: absorbed.id,
      from: 'open',
      to: 'merged',
      partyId: absorbed.party_id,
    },
    now,
  );
  // Ids and counts only: the names moved stay in dossier and dossier_merge.
  await recordAudit(trx, actor, [
    {
      action: 'dossier.merge',
      recordType: 'dossier_merge',
      recordId: merge.id,
      details: {
        survivorId: survivor.id,
        absorbedId: absorbed.id,
        proposalId: proposal.id,
        namesAdded: added.length,
        namesSkipped: skipped,
        superseded,
      },
    },
    {
      action: 'dossier.update',
      recordType: 'dossier',
      recordId: survivor.id,
      fields: ['names'],
      details: { mergeId: merge.id },
    },
    {
      action: 'dossier.update',
      recordType: 'dossier',
      recordId: absorbed.id,
      fields: ['status'],
      details: { mergeId: merge.id },
    },
  ]);
  return merge;
}

/**
 * Takes a merge back: the absorbed dossier is open again, the survivor loses exactly the names the
 * merge added (those still there), both versions go up, and the proposal becomes `rejected` with
 * the reason, so the pair is not proposed again unless one side changes. A merge whose survivor
 * was itself merged since is undone after that later merge (last in, first out).
 */
export async function undoMerge(deps: MergeDeps, actor: Actor, id: string, reason: string) {
  const result = await deps.db.transaction().execute(async (trx) => {
    const merge = await findMerge(trx, id, true);
    if (!merge || (actor.kind !== 'system' && actor.partyId !== merge.party_id)) throw notFound();
    if (merge.status === 'undone')
      throw new AppError('MERGE_ALREADY_UNDONE', 'This merge has already been undone.');
    const rows = await lockDossiers(trx, [merge.survivor_id, merge.absorbed_id]);
    const survivor = rows.find((r) => r.id === merge.survivor_id);
    const absorbed = rows.find((r) => r.id === merge.absorbed_id);
    if (!survivor || !absorbed) throw notFound();
    if (survivor.status === 'merged') {
      throw new AppError(
        'MERGE_SURVIVOR_MERGED',
        'The surviving dossier has since been merged into another one; undo that merge first.',
      );
    }
    if (absorbed.status !== 'merged')
      throw new AppError('INVALID_TRANSITION', 'The absorbed dossier is no longer marked as merged.');
    const now = deps.clock.now();
    const names = namesAfterUndo(survivor.names as StoredName[], merge.names_added);
    await setNames(trx, survivor.id, names.names);
    await setStatus(trx, absorbed.id, 'open');
    const undone = await markMergeUndone(trx, id, actor.userId, now, reason);
    await trx
      .updateTable('match_proposal')
      .set({ status: 'rejected', decided_by: actor.userId, decided_at: now, reason })
      .where('id', '=', merge.proposal_id)
      .where('status', '=', 'confirmed')
      .execute();
    await trx
      .insertInto('match_proposal_event')
      .values({
        proposal_id: merge.proposal_id,
        status: 'rejected',
        actor_user_id: actor.userId,
        reason,
        at: now,
      })
      .execute();
    await logStatusTransition(
      trx,
      {
        subjectType: 'dossier',
        subjectId: absorbed.id,
        from: 'merged',
        to: 'open',
        partyId: absorbed.party_id,
      },
      now,
    );
    const counts = {
      namesRemoved: names.removed,
      namesAlreadyGone: names.alreadyGone,
      namesKept: names.kept,
    };
    await recordAudit(trx, actor, [
      {
        action: 'dossier.unmerge',
        recordType: 'dossier_merge',
        recordId: id,
        reason,
        details: {
          survivorId: survivor.id,
          absorbedId: absorbed.id,
          proposalId: merge.proposal_id,
          ...counts,
        },
      },
      {
        action: 'match.reject',
        recordType: 'match_proposal',
        recordId: merge.proposal_id,
        reason,
        details: { kind: 'dossier-dossier', mergeId: id },
      },
      {
        action: 'dossier.update',
        recordType: 'dossier',
        recordId: survivor.id,
        fields: ['names'],
        details: { mergeId: id },
      },
      {
        action: 'dossier.update',
        recordType: 'dossier',
        recordId: absorbed.id,
        fields: ['status'],
        details: { mergeId: id },
      },
    ]);
    return { ...mergeSummary(undone, actor), ...counts };
  });
  if (deps.secret) await publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret });
  return result;
}

/** The merges a dossier took part in, newest first (ids, dates and status: no names). */
export async function listMergesOf(deps: MergeDeps, actor: Actor, dossierId: string) {
  if (!(await findDossier(deps.db, dossierId))) throw notFound();
  return { items: (await findMergesOf(deps.db, dossierId)).map((r) => mergeSummary(r, actor)) };
}
