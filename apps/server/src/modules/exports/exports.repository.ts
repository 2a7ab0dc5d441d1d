import type { Insertable } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { DataExportTable } from './exports.tables.ts';

export async function insertExport(db: Executor, row: Insertable<DataExportTable>) {
  return db.insertInto('data_export').values(row).returningAll().executeTakeFirstOrThrow();
}

const listed = ['id', 'kind', 'format', 'filters', 'record_count', 'encryption', 'recipient', 'file_name', 'size_bytes', 'created_at', 'expires_at', 'first_downloaded_at', 'download_count'] as const;

/** One user's exports, newest first, without their ciphertext. */
export async function findExportsOf(db: Executor, userId: string, limit: number) {
  return db
    .selectFrom('data_export')
    .select(listed)
    .select((eb) => eb('ciphertext', 'is not', null).as('held'))
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function lockExport(db: Executor, id: string) {
  return db.selectFrom('data_export').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markDownloaded(db: Executor, id: string, now: Date) {
  await db
    .updateTable('data_export')
    .set((eb) => ({ download_count: eb('download_count', '+', 1), first_downloaded_at: eb.fn.coalesce('first_downloaded_at', eb.val(now)) }))
    .where('id', '=', id)
    .execute();
}

/** Up to `limit` exports past their expiry whose ciphertext is still held, locked (others' batches skipped). */
export async function findExpiredHeld(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('data_export')
    .select(['id', 'kind', 'format', 'user_id', 'party_id', 'ciphertext_sha256'])
    .where('ciphertext', 'is not', null)
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function deleteCiphertexts(db: Executor, ids: readonly string[], now: Date) {
  if (ids.length === 0) return;
  await db.updateTable('data_export').set({ ciphertext: null, deleted_at: now }).where('id', 'in', [...ids]).execute();
}
