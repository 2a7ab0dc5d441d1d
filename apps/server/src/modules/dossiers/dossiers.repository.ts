import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { DossierUpdate, NewDossierRow } from '../../db/schema.ts';
import type { Cursor } from '../../lib/cursor.ts';

export interface DossierFilter {
  status?: string | undefined;
  partyId?: string | undefined;
  region?: string | undefined;
  birthYear?: number | undefined;
  nameSkeleton?: string | undefined;
  cursor?: Cursor | undefined;
  limit: number;
}

export async function insertDossiers(db: Executor, rows: NewDossierRow[]) {
  if (rows.length === 0) return [];
  return db.insertInto('dossier').values(rows).returningAll().execute();
}

export async function updateDossier(db: Executor, id: string, expectedVersion: number, patch: DossierUpdate) {
  return db
    .updateTable('dossier')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function findDossier(db: Executor, id: string) {
  return db.selectFrom('dossier').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDossiers(db: Executor, f: DossierFilter) {
  let q = db.selectFrom('dossier').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.partyId) q = q.where('party_id', '=', f.partyId);
  if (f.region) q = q.where(sql`lower(current_region)`, '=', f.region.toLowerCase());
  if (f.birthYear) q = q.where('birth_year', '=', f.birthYear);
  if (f.nameSkeleton) q = q.where('name_search', 'like', `%${escapeLike(f.nameSkeleton)}%`);
  if (f.cursor) q = q.where(sql<boolean>`(created_at, id) < (${new Date(f.cursor.createdAt)}, ${f.cursor.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
