import { sql, type Insertable } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { MediaBlobTable, MediaFileRow, MediaFileTable, MediaKind, MediaSubjectType, MediaVariantName } from './media.tables.ts';

export interface SubjectRef {
  type: MediaSubjectType;
  id: string;
}

/** Call in a transaction: the file row and the rows naming its blobs appear together. */
export async function insertPendingMedia(db: Executor, file: Insertable<MediaFileTable>, blobs: Omit<Insertable<MediaBlobTable>, 'media_id'>[]) {
  const row = await db.insertInto('media_file').values(file).returningAll().executeTakeFirstOrThrow();
  await db
    .insertInto('media_blob')
    .values(blobs.map((b) => ({ ...b, media_id: row.id })))
    .execute();
  return row;
}

export async function setBlobKey(db: Executor, blobId: string, wrappedKey: string, keyId: string) {
  await db.updateTable('media_blob').set({ wrapped_key: wrappedKey, key_id: keyId }).where('id', '=', blobId).execute();
}

export async function markReady(db: Executor, id: string, placement: { position: number | null; isPrimary: boolean }) {
  return db
    .updateTable('media_file')
    .set({ status: 'ready', position: placement.position, is_primary: placement.isPrimary, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function findMedia(db: Executor, id: string): Promise<MediaFileRow | undefined> {
  return db.selectFrom('media_file').selectAll().where('id', '=', id).where('status', '=', 'ready').executeTakeFirst();
}

export async function findMediaOf(db: Executor, subject: SubjectRef): Promise<MediaFileRow[]> {
  return db
    .selectFrom('media_file')
    .selectAll()
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'ready')
    .orderBy(sql`position asc nulls last`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findReadyBySourceHash(db: Executor, subject: SubjectRef, sourceHash: string, kind: MediaKind) {
  return db
    .selectFrom('media_file')
    .selectAll()
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('source_hash', '=', sourceHash)
    .where('kind', '=', kind)
    .where('status', '=', 'ready')
    .executeTakeFirst();
}

export async function findBlobs(db: Executor, mediaIds: readonly string[]) {
  if (mediaIds.length === 0) return [];
  return db.selectFrom('media_blob').selectAll().where('media_id', 'in', mediaIds).execute();
}

export async function findBlob(db: Executor, mediaId: string, variant: MediaVariantName) {
  return db.selectFrom('media_blob').selectAll().where('media_id', '=', mediaId).where('variant', '=', variant).executeTakeFirst();
}

/** The next photo position and whether a primary photo exists, for a subject locked by the caller. */
export async function photoPlacement(db: Executor, subject: SubjectRef) {
  const r = await db
    .selectFrom('media_file')
    .select((eb) => [eb.fn.max('position').as('maxPosition'), eb.fn.count<number>('id').filterWhere('is_primary', '=', true).as('primaries')])
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'ready')
    .where('kind', '=', 'photo')
    .executeTakeFirstOrThrow();
  return { nextPosition: r.maxPosition === null ? 0 : Number(r.maxPosition) + 1, hasPrimary: Number(r.primaries) > 0 };
}

export async function updateMediaFields(db: Executor, id: string, fields: Partial<Pick<MediaFileTable, 'taken_on' | 'supplied_by' | 'position'>>) {
  return db
    .updateTable('media_file')
    .set({ ...fields, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'ready')
    .returningAll()
    .executeTakeFirst();
}

export async function setPrimary(db: Executor, subject: SubjectRef, id: string) {
  await db
    .updateTable('media_file')
    .set({ is_primary: false, updated_at: sql`now()` })
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('is_primary', '=', true)
    .where('id', '!=', id)
    .execute();
  await db.updateTable('media_file').set({ is_primary: true, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Tombstones a file (its blobs are deleted after commit, or by the sweep). */
export async function markDeleted(db: Executor, id: string) {
  return db
    .updateTable('media_file')
    .set({ status: 'deleted', is_primary: false, position: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'ready')
    .returningAll()
    .executeTakeFirst();
}

/** Pending uploads older than `before` (abandoned by a crash) and every deleted file. */
export async function findSweepable(db: Executor, before: Date, limit = 500) {
  return db
    .selectFrom('media_file')
    .select(['id', 'status'])
    .where((eb) => eb.or([eb('status', '=', 'deleted'), eb.and([eb('status', '=', 'pending'), eb('updated_at', '<', before)])]))
    .limit(limit)
    .execute();
}

export async function deleteMediaRow(db: Executor, id: string) {
  await db.deleteFrom('media_file').where('id', '=', id).execute();
}

export async function lockSubjectRow(db: Executor, subject: SubjectRef) {
  // Serialises photo ordering per subject: concurrent uploads take turns on the subject row.
  const table = subject.type === 'dossier' ? 'dossier' : subject.type === 'case' ? 'tracing_case' : 'tracing_request';
  await sql`select id from ${sql.table(table)} where id = ${subject.id} for update`.execute(db);
}

export async function findBlobsWrappedWithout(db: Executor, keyId: string, limit: number) {
  return db
    .selectFrom('media_blob')
    .select(['id', 'wrapped_key', 'key_id'])
    .where('wrapped_key', 'is not', null)
    .where('key_id', '!=', keyId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countBlobsByKey(db: Executor) {
  return db
    .selectFrom('media_blob')
    .select((eb) => ['key_id', eb.fn.countAll<number>().as('blobs')])
    .where('key_id', 'is not', null)
    .groupBy('key_id')
    .orderBy('key_id')
    .execute();
}
