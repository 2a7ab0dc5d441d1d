import { AppError, notFound } from '../../errors.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { ErasureRow } from './erasure.tables.ts';

// What other modules ask of erasure: whether a record was erased, and its tombstone. No imports
// from other modules, so that any gate can use it.

/** Of these dossier or request ids, those erased. */
export async function findErased(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('erasure').select('subject_id').where('subject_id', 'in', unique).execute();
  return new Set(rows.map((r) => r.subject_id));
}

/** The tombstone of an erased dossier or request, if it was erased. */
export async function findTombstone(db: Executor, subjectId: string): Promise<ErasureRow | undefined> {
  return db.selectFrom('erasure').selectAll().where('subject_id', '=', subjectId).executeTakeFirst();
}

/**
 * Refuses any use of an erased record: its own party (and the system) is told it was erased
 * (410 RECORD_ERASED, with the tombstone's id, time and reason code), anyone else gets 404 as
 * for a record that does not exist.
 */
export async function assertNotErased(db: Executor, actor: { kind: string; partyId: string | null }, row: { id: string; party_id: string }): Promise<void> {
  const tombstone = await findTombstone(db, row.id);
  if (!tombstone) return;
  if (actor.kind !== 'system' && actor.partyId !== row.party_id) throw notFound();
  throw new AppError('RECORD_ERASED', 'This record was erased: only its tombstone remains.', {
    details: { erasureId: tombstone.id, erasedAt: tombstone.erased_at.toISOString(), reasonCode: tombstone.reason_code },
  });
}
