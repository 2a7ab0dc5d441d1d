import { sql, type Insertable } from 'kysely';
import type { Cursor } from '../../lib/cursor.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { CaseStatus } from './case-states.ts';
import type { TracingCaseTable } from './cases.tables.ts';

export async function insertCase(db: Executor, row: Insertable<TracingCaseTable>) {
  const inserted = await db.insertInto('tracing_case').values(row).returningAll().executeTakeFirstOrThrow();
  await db
    .insertInto('tracing_case_event')
    .values({ case_id: inserted.id, from_status: null, to_status: inserted.status, reason: null, actor_user_id: row.opened_by ?? null, at: row.opened_at })
    .execute();
  return inserted;
}

/** `forUpdate` locks the row for the rest of the transaction (status changes). */
export async function findCase(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('tracing_case').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findCaseByPair(db: Executor, dossierId: string, requestId: string) {
  return db.selectFrom('tracing_case').selectAll().where('dossier_id', '=', dossierId).where('request_id', '=', requestId).executeTakeFirst();
}

/** Sets a new status if the version still matches; writes the history row. Returns false on a stale version. */
export async function updateCaseStatus(
  db: Executor,
  c: { id: string; from: CaseStatus; to: CaseStatus; version: number; reason: string | null; actorUserId: string | null; at: Date; closed: boolean },
): Promise<boolean> {
  const res = await db
    .updateTable('tracing_case')
    .set((eb) => ({
      status: c.to,
      status_reason: c.reason,
      version: eb('version', '+', 1),
      updated_at: c.at,
      ...(c.closed ? { closed_at: c.at } : {}),
    }))
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .where('status', '=', c.from)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await db
    .insertInto('tracing_case_event')
    .values({ case_id: c.id, from_status: c.from, to_status: c.to, reason: c.reason, actor_user_id: c.actorUserId, at: c.at })
    .execute();
  return true;
}

export async function findCaseEvents(db: Executor, caseId: string) {
  return db.selectFrom('tracing_case_event').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export interface CaseFilter {
  /** Cases of which this party is either side; undefined for the system. */
  visibleToPartyId?: string | undefined;
  statuses?: readonly CaseStatus[] | undefined;
  priority?: 'normal' | 'age-out' | undefined;
  dossierId?: string | undefined;
  requestId?: string | undefined;
  cursor?: Cursor | undefined;
  limit: number;
}

/** Newest first, keyset-paged over (opened_at, id); fetches `limit + 1` rows for the next cursor. */
export async function findCases(db: Executor, f: CaseFilter) {
  let q = db.selectFrom('tracing_case').selectAll();
  const party = f.visibleToPartyId;
  if (party) q = q.where((eb) => eb.or([eb('holding_party_id', '=', party), eb('family_party_id', '=', party)]));
  if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
  if (f.priority) q = q.where('priority', '=', f.priority);
  if (f.dossierId) q = q.where('dossier_id', '=', f.dossierId);
  if (f.requestId) q = q.where('request_id', '=', f.requestId);
  if (f.cursor) q = q.where(sql<boolean>`(opened_at, id) < (${new Date(f.cursor.createdAt)}, ${f.cursor.id}::uuid)`);
  return q.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}
