import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { NewTracingRequestRow } from '../../db/schema.ts';
import type { Cursor } from '../../lib/cursor.ts';
import { escapeLike } from '../dossiers/dossiers.repository.ts';

export interface RequestFilter {
  status?: string | undefined;
  partyId?: string | undefined;
  visibleToPartyId?: string | undefined;
  birthYear?: number | undefined;
  nameSkeleton?: string | undefined;
  cursor?: Cursor | undefined;
  limit: number;
}

export async function insertRequests(db: Executor, rows: NewTracingRequestRow[]) {
  if (rows.length === 0) return [];
  return db.insertInto('tracing_request').values(rows).returningAll().execute();
}

export async function findRequest(db: Executor, id: string) {
  return db.selectFrom('tracing_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRequest(db: Executor, id: string, expectedVersion: number, patch: Partial<NewTracingRequestRow>) {
  return db
    .updateTable('tracing_request')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function findRequests(db: Executor, f: RequestFilter) {
  let q = db.selectFrom('tracing_request').selectAll();
  if (f.visibleToPartyId) q = q.where('party_id', '=', f.visibleToPartyId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.partyId) q = q.where('party_id', '=', f.partyId);
  if (f.birthYear) q = q.where('birth_year', '=', f.birthYear);
  if (f.nameSkeleton) q = q.where('name_search', 'like', `%${escapeLike(f.nameSkeleton)}%`);
  if (f.cursor) q = q.where(sql<boolean>`(created_at, id) < (${new Date(f.cursor.createdAt)}, ${f.cursor.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}
