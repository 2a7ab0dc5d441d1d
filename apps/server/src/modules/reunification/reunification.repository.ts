import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { ReunificationHandoverTable, ReunificationPlanTable, WelfareCheckTable } from './reunification.tables.ts';

export async function insertPlan(db: Executor, row: Insertable<ReunificationPlanTable>) {
  return db.insertInto('reunification_plan').values(row).returningAll().executeTakeFirstOrThrow();
}

/** `forUpdate` locks the row for the rest of the transaction. */
export async function findPlan(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('reunification_plan').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findLivePlanOfCase(db: Executor, caseId: string) {
  return db.selectFrom('reunification_plan').selectAll().where('case_id', '=', caseId).where('status', '<>', 'withdrawn').executeTakeFirst();
}

/** The live plan, else the latest withdrawn one. */
export async function findCurrentPlanOfCase(db: Executor, caseId: string) {
  return db
    .selectFrom('reunification_plan')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy(sql`status = 'withdrawn'`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Updates the plan if the version still matches; returns the new row, or undefined on a stale version. */
export async function updatePlan(db: Executor, id: string, version: number, patch: Updateable<ReunificationPlanTable>) {
  return db
    .updateTable('reunification_plan')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertHandover(db: Executor, row: Insertable<ReunificationHandoverTable>) {
  return db.insertInto('reunification_handover').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findHandovers(db: Executor, planId: string) {
  return db.selectFrom('reunification_handover').selectAll().where('plan_id', '=', planId).orderBy('confirmed_at').orderBy('side').execute();
}

export async function insertWelfareChecks(db: Executor, rows: Insertable<WelfareCheckTable>[]) {
  if (rows.length === 0) return [];
  return db.insertInto('welfare_check').values(rows).returningAll().execute();
}

export async function findWelfareChecksOfCase(db: Executor, caseId: string) {
  return db.selectFrom('welfare_check').selectAll().where('case_id', '=', caseId).orderBy('due_on').orderBy('id').execute();
}

export async function findWelfareCheck(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('welfare_check').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Records a scheduled check once; returns undefined if it was recorded already. */
export async function recordWelfareCheck(db: Executor, id: string, patch: Updateable<WelfareCheckTable>) {
  return db.updateTable('welfare_check').set(patch).where('id', '=', id).where('status', '=', 'scheduled').returningAll().executeTakeFirst();
}

/** How many of a case's welfare checks are still to be recorded (the cases module may refuse to close before 0). */
export async function countPendingWelfareChecks(db: Executor, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('welfare_check')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('status', '=', 'scheduled')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Claims scheduled checks due before `dueBefore` that were never flagged, of cases still being
 * followed up, marking them flagged
 * in the caller's transaction. Rows another worker holds are skipped, so each is flagged once.
 */
export async function claimOverdueWelfareChecks(db: Executor, dueBefore: string, now: Date, limit: number) {
  const rows = await db
    .selectFrom('welfare_check as w')
    .innerJoin('tracing_case as c', 'c.id', 'w.case_id')
    .select(['w.id', 'w.case_id', 'w.due_on', 'c.family_party_id'])
    .where('w.status', '=', 'scheduled')
    .where('w.overdue_flagged_at', 'is', null)
    .where('w.due_on', '<', dueBefore)
    // A case closed by hand (or moved on) no longer wants its open checks chased.
    .where('c.status', 'in', ['reunited', 'follow-up'])
    .orderBy('w.due_on')
    .limit(limit)
    .forUpdate('w')
    .skipLocked()
    .execute();
  if (rows.length === 0) return [];
  await db
    .updateTable('welfare_check')
    .set({ overdue_flagged_at: now })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows;
}
