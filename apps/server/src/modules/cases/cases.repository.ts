import type { Insertable } from 'kysely';
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
