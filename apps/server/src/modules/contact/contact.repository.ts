import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import { activeStatuses } from '../cases/case-states.ts';
import type { ContactOccurrenceTable, ContactPlanTable } from './contact.tables.ts';

export async function insertPlan(db: Executor, row: Insertable<ContactPlanTable>) {
  return db.insertInto('contact_plan').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPlan(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('contact_plan').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The plan in force (active or suspended) of a case, if any. */
export async function findOpenPlan(db: Executor, caseId: string, forUpdate = false) {
  let q = db.selectFrom('contact_plan').selectAll().where('case_id', '=', caseId).where('status', '<>', 'cancelled');
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findLatestPlan(db: Executor, caseId: string) {
  return db.selectFrom('contact_plan').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Changes a plan if the version still matches; undefined on a stale version. */
export async function updatePlan(db: Executor, id: string, version: number, patch: Updateable<ContactPlanTable>) {
  return db
    .updateTable('contact_plan')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Active plans of cases where contact must continue (the job tops their horizon up). */
export async function findActivePlanIds(db: Executor) {
  const rows = await db
    .selectFrom('contact_plan as p')
    .innerJoin('tracing_case as c', 'c.id', 'p.case_id')
    .select('p.id')
    .where('p.status', '=', 'active')
    .where('c.status', 'in', [...activeStatuses])
    .execute();
  return rows.map((r) => r.id);
}

export async function findOccurrence(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('contact_occurrence').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findOccurrencesOfCase(db: Executor, caseId: string) {
  return db.selectFrom('contact_occurrence').selectAll().where('case_id', '=', caseId).orderBy('due_at').orderBy('id').execute();
}

/** What generation needs to know: the last due time generated, and how many contacts are still scheduled ahead of now. */
export async function horizonState(db: Executor, planId: string, now: Date) {
  const row = await db
    .selectFrom('contact_occurrence')
    .select([sql<Date | null>`max(due_at)`.as('last_due_at'), sql<number>`(count(*) filter (where due_at >= ${now} and status = 'scheduled'))::int`.as('upcoming')])
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return { lastDueAt: row.last_due_at ? new Date(row.last_due_at) : null, upcoming: Number(row.upcoming) };
}

export async function insertOccurrences(db: Executor, rows: Insertable<ContactOccurrenceTable>[]) {
  if (rows.length === 0) return 0;
  const res = await db
    .insertInto('contact_occurrence')
    .values(rows)
    .onConflict((oc) => oc.columns(['plan_id', 'due_at']).doNothing())
    .returning('id')
    .execute();
  return res.length;
}

/** Drops the plan's contacts not yet due and not recorded: they are a projection of the plan, redrawn on change. */
export async function deleteFutureScheduled(db: Executor, planId: string, now: Date) {
  await db.deleteFrom('contact_occurrence').where('plan_id', '=', planId).where('status', '=', 'scheduled').where('due_at', '>', now).execute();
}

/** Records an outcome if the contact is still scheduled; undefined when it was recorded meanwhile. */
export async function recordOccurrence(db: Executor, id: string, patch: Updateable<ContactOccurrenceTable>) {
  return db.updateTable('contact_occurrence').set(patch).where('id', '=', id).where('status', '=', 'scheduled').returningAll().executeTakeFirst();
}

/** Unrecorded, unflagged contacts of active plans past their grace, with the case's two parties. */
export async function findOverdueCandidates(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('contact_occurrence as o')
    .innerJoin('contact_plan as p', 'p.id', 'o.plan_id')
    .innerJoin('tracing_case as c', 'c.id', 'o.case_id')
    .select(['o.id', 'o.case_id', 'o.plan_id', 'o.due_at', 'o.channel', 'p.holding_supervisor_id', 'p.family_supervisor_id', 'c.holding_party_id', 'c.family_party_id'])
    .where('o.status', '=', 'scheduled')
    .where('o.overdue_flagged_at', 'is', null)
    .where('o.overdue_at', '<', now)
    .where('p.status', '=', 'active')
    .where('c.status', 'in', [...activeStatuses])
    .orderBy('o.overdue_at')
    .limit(limit)
    .execute();
}

/** Marks a contact overdue once; false when another run got there first. */
export async function flagOverdue(db: Executor, id: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('contact_occurrence')
    .set({ overdue_flagged_at: now })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .where('overdue_flagged_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface RegionalFilter {
  /** Only cases this party is on; null for the system (every case). */
  partyId: string | null;
  region?: string | undefined;
  from: Date;
  to: Date;
  now: Date;
}

/**
 * Counts per region (the child's current region on the dossier), with the rules of regularityOf:
 * a contact is due once its time has come or it was recorded; cancelled ones are not due.
 */
export async function countByRegion(db: Executor, f: RegionalFilter) {
  const counted = sql<boolean>`(o.due_at <= ${f.now} or o.status in ('held','missed'))`;
  let q = db
    .selectFrom('contact_occurrence as o')
    .innerJoin('tracing_case as c', 'c.id', 'o.case_id')
    .innerJoin('dossier as d', 'd.id', 'c.dossier_id')
    .select([
      'd.current_region as region',
      sql<number>`count(distinct o.case_id)::int`.as('cases'),
      sql<number>`(count(*) filter (where o.status <> 'cancelled' and ${counted}))::int`.as('due'),
      sql<number>`(count(*) filter (where o.status = 'held'))::int`.as('held'),
      sql<number>`(count(*) filter (where o.status = 'missed'))::int`.as('missed'),
      sql<number>`(count(*) filter (where o.status = 'cancelled'))::int`.as('cancelled'),
      sql<number>`(count(*) filter (where o.status = 'scheduled' and o.overdue_at < ${f.now}))::int`.as('overdue'),
      sql<number>`(count(*) filter (where o.status = 'held' and o.held_at <= o.overdue_at))::int`.as('held_on_time'),
    ])
    .where('o.due_at', '>=', f.from)
    .where('o.due_at', '<', f.to)
    .where(sql<boolean>`(o.status <> 'scheduled' or o.due_at <= ${f.now})`);
  if (f.partyId) {
    const party = f.partyId;
    q = q.where((eb) => eb.or([eb('c.holding_party_id', '=', party), eb('c.family_party_id', '=', party)]));
  }
  if (f.region) q = q.where('d.current_region', '=', f.region);
  return q.groupBy('d.current_region').orderBy('d.current_region').execute();
}
