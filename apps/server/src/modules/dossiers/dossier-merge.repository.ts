import type { Insertable } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { DossierMergeTable } from './dossier-merge.tables.ts';

export async function insertMerge(db: Executor, row: Insertable<DossierMergeTable>) {
  return db.insertInto('dossier_merge').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMerge(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('dossier_merge').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function markMergeUndone(db: Executor, id: string, by: string | null, at: Date, reason: string) {
  return db
    .updateTable('dossier_merge')
    .set({ status: 'undone', undone_by: by, undone_at: at, undo_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Merges in which the dossier survived or was absorbed, newest first. */
export async function findMergesOf(db: Executor, dossierId: string) {
  return db
    .selectFrom('dossier_merge')
    .selectAll()
    .where((eb) => eb.or([eb('survivor_id', '=', dossierId), eb('absorbed_id', '=', dossierId)]))
    .orderBy('merged_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Active merges whose absorbed dossier is one of these: absorbed id → survivor id. */
export async function findMergedInto(db: Executor, absorbedIds: readonly string[]) {
  if (absorbedIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('dossier_merge')
    .select(['absorbed_id', 'survivor_id'])
    .where('status', '=', 'active')
    .where('absorbed_id', 'in', absorbedIds)
    .execute();
  return new Map(rows.map((r) => [r.absorbed_id, r.survivor_id]));
}

/** Active merges into these survivors (one level; callers walk further for chains). */
export async function findAbsorbedBy(db: Executor, survivorIds: readonly string[]) {
  if (survivorIds.length === 0) return [];
  return db
    .selectFrom('dossier_merge')
    .select(['survivor_id', 'absorbed_id'])
    .where('status', '=', 'active')
    .where('survivor_id', 'in', survivorIds)
    .execute();
}

/**
 * Confirmed dossier↔dossier proposals touching these dossiers that did not become a merge (pairs
 * of two parties), limited to proposals of the party given (all when null).
 */
export async function findConfirmedLinks(
  db: Executor,
  dossierIds: readonly string[],
  partyId: string | null,
) {
  if (dossierIds.length === 0) return [];
  let q = db
    .selectFrom('match_proposal as p')
    .leftJoin('dossier_merge as m', (join) =>
      join.onRef('m.proposal_id', '=', 'p.id').on('m.status', '=', 'active'),
    )
    .select(['p.left_id', 'p.right_id'])
    .where('p.kind', '=', 'dossier-dossier')
    .where('p.status', '=', 'confirmed')
    .where('m.id', 'is', null)
    .where((eb) => eb.or([eb('p.left_id', 'in', dossierIds), eb('p.right_id', 'in', dossierIds)]));
  if (partyId !== null)
    q = q.where((eb) => eb.or([eb('p.party_id', '=', partyId), eb('p.other_party_id', '=', partyId)]));
  return q.execute();
}

/** Locks the dossiers in id order (two merges of overlapping pairs cannot deadlock). */
export async function lockDossiers(db: Executor, ids: readonly string[]) {
  return db.selectFrom('dossier').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
}
