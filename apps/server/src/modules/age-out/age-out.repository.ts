import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import { activeStatuses } from '../cases/case-states.ts';
import type { AgeOutConsentTable, AgeOutTable } from './age-out.tables.ts';

/** The dossier columns the rules read. */
export interface DossierFacts {
  dossier_id: string;
  dossier_status: string;
  birth_date: string | null;
  birth_date_precision: string;
  birth_year: number | null;
  displacement_date: string | null;
  dossier_version: number;
}

const factColumns = sql<DossierFacts>`d.id as dossier_id, d.status as dossier_status, d.birth_date, d.birth_date_precision,
  d.birth_year, d.displacement->>'date' as displacement_date, d.version as dossier_version`;

/** Open dossiers with no entry yet whose earliest birth date is on or before `bound` (indexed). */
export async function findNewCandidates(db: Executor, bound: string): Promise<DossierFacts[]> {
  const { rows } = await sql<DossierFacts>`
    select ${factColumns} from dossier d
    where d.status = 'open'
      and (d.birth_date <= ${bound}::date or (d.birth_date is null and d.birth_year <= ${Number(bound.slice(0, 4))}))
      and not exists (select 1 from age_out a where a.dossier_id = d.id)`.execute(db);
  return rows;
}

/** Unresolved entries whose dossier changed since they were computed, or that may re-enter the window. */
export type StaleEntry = DossierFacts & { id: string; found_on: string; withdrawn_reason: string | null; entry_dossier_version: number };

export async function findStaleEntries(db: Executor): Promise<StaleEntry[]> {
  const { rows } = await sql<StaleEntry>`
    select a.id, a.found_on, a.withdrawn_reason, a.dossier_version as entry_dossier_version, ${factColumns} from age_out a join dossier d on d.id = a.dossier_id
    where a.resolved_at is null and (d.version <> a.dossier_version or a.withdrawn_reason = 'not-in-window')`.execute(db);
  return rows;
}

export async function insertEntries(db: Executor, rows: Insertable<AgeOutTable>[]) {
  if (rows.length === 0) return [];
  // Another server's scan may have inserted the same dossier a moment ago: theirs stands.
  return db.insertInto('age_out').values(rows).onConflict((oc) => oc.column('dossier_id').doNothing()).returning(['id', 'dossier_id']).execute();
}

export async function updateEntry(db: Executor, id: string, patch: Updateable<AgeOutTable>) {
  await db.updateTable('age_out').set(patch).where('id', '=', id).execute();
}

/** Keeps unresolved deadlines in step with the configured number of days. */
export async function refreshDeadlines(db: Executor, deadlineDays: number, now: Date): Promise<number> {
  const res = await sql`
    update age_out set deadline_on = greatest(adult_from, found_on) + ${deadlineDays}::int, updated_at = ${now}
    where resolved_at is null and deadline_on <> greatest(adult_from, found_on) + ${deadlineDays}::int`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** Links each open entry to the newest active case of its dossier (a link stays when none is active). */
export async function linkCases(db: Executor, now: Date): Promise<number> {
  const res = await sql`
    update age_out a set case_id = c.id, updated_at = ${now}
    from (select distinct on (dossier_id) dossier_id, id from tracing_case
          where status in (${sql.join(activeStatuses)}) order by dossier_id, opened_at desc, id desc) c
    where c.dossier_id = a.dossier_id and a.resolved_at is null and a.withdrawn_at is null
      and a.case_id is distinct from c.id`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** Puts every active case of a queued dossier on the age-out track; returns the cases changed. */
export async function prioritiseCases(db: Executor): Promise<string[]> {
  const rows = await db
    .updateTable('tracing_case')
    .set({ priority: 'age-out' })
    .where('priority', '<>', 'age-out')
    .where('status', 'in', activeStatuses)
    .where('dossier_id', 'in', (eb) =>
      eb.selectFrom('age_out').select('dossier_id').where('resolved_at', 'is', null).where('withdrawn_at', 'is', null),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export interface Recipients {
  id: string;
  dossier_party_id: string;
  family_party_id: string | null;
}

/** Marks, once, the open entries matching `condition` and returns who must hear of them. */
async function claim(db: Executor, column: 'eligible_notified_at' | 'flagged_overdue_at', condition: ReturnType<typeof sql>, now: Date) {
  const { rows } = await sql<Recipients>`
    update age_out a set ${sql.ref(column)} = ${now}, updated_at = ${now}
    from dossier d
    where d.id = a.dossier_id and a.${sql.ref(column)} is null and a.resolved_at is null and a.withdrawn_at is null and ${condition}
    returning a.id, d.party_id as dossier_party_id,
      (select c.family_party_id from tracing_case c where c.id = a.case_id) as family_party_id`.execute(db);
  return rows;
}

export const claimNewlyEligible = (db: Executor, today: string, now: Date) =>
  claim(db, 'eligible_notified_at', sql`a.eligible_on <= ${today}::date`, now);

export const claimOverdue = (db: Executor, today: string, now: Date) => claim(db, 'flagged_overdue_at', sql`a.deadline_on < ${today}::date`, now);

/** The entry's status on `today`, in SQL: the same order of rules as `ageOutStatus`. */
const statusOf = (today: string) => sql<string>`case
  when a.withdrawn_at is not null then 'withdrawn'
  when a.resolved_at is not null then 'resolved'
  when a.deadline_on < ${today}::date then 'overdue'
  when a.consent_decision is not null then 'consent-recorded'
  when a.eligible_on <= ${today}::date then 'eligible'
  else 'upcoming' end`;

function entries(db: Executor) {
  return db
    .selectFrom('age_out as a')
    .innerJoin('dossier as d', 'd.id', 'a.dossier_id')
    .leftJoin('tracing_case as c', 'c.id', 'a.case_id')
    .selectAll('a')
    .select(['d.party_id as dossier_party_id', 'c.family_party_id']);
}

/** `forUpdate` locks the entry for the rest of the transaction. */
export async function findEntry(db: Executor, id: string, forUpdate = false) {
  let q = entries(db).where('a.id', '=', id);
  if (forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

export interface EntryFilter {
  /** Entries of this party's dossiers or of cases this party's family request is in; none = all. */
  visibleToPartyId?: string | undefined;
  today: string;
  status?: string | undefined;
  dueBy?: string | undefined;
  after?: { deadlineOn: string; id: string } | undefined;
  limit: number;
}

export async function findEntries(db: Executor, f: EntryFilter) {
  let q = entries(db);
  if (f.visibleToPartyId) {
    const p = f.visibleToPartyId;
    q = q.where((eb) => eb.or([eb('d.party_id', '=', p), eb('c.family_party_id', '=', p)]));
  }
  q = f.status
    ? q.where(sql<boolean>`${statusOf(f.today)} = ${f.status}`)
    : q.where('a.resolved_at', 'is', null).where('a.withdrawn_at', 'is', null);
  if (f.dueBy) q = q.where(sql<boolean>`a.deadline_on <= ${f.dueBy}::date`);
  if (f.after) q = q.where(sql<boolean>`(a.deadline_on, a.id) > (${f.after.deadlineOn}::date, ${f.after.id}::uuid)`);
  return q.orderBy('a.deadline_on').orderBy('a.id').limit(f.limit + 1).execute();
}

export async function countByStatus(db: Executor, visibleToPartyId: string | undefined, today: string) {
  let q = db
    .selectFrom('age_out as a')
    .innerJoin('dossier as d', 'd.id', 'a.dossier_id')
    .leftJoin('tracing_case as c', 'c.id', 'a.case_id')
    .select([statusOf(today).as('status'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(sql`1`);
  if (visibleToPartyId) q = q.where((eb) => eb.or([eb('d.party_id', '=', visibleToPartyId), eb('c.family_party_id', '=', visibleToPartyId)]));
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Open dossiers with neither a birth date nor a birth year: nobody can tell when they turn 18. */
export async function countUnknownAge(db: Executor, partyId: string | undefined): Promise<number> {
  let q = db
    .selectFrom('dossier')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .where('birth_date', 'is', null)
    .where('birth_year', 'is', null);
  if (partyId) q = q.where('party_id', '=', partyId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Applies a person's change if the version still matches; false on a stale version. */
export async function updateEntryVersioned(db: Executor, id: string, version: number, patch: Updateable<AgeOutTable>): Promise<boolean> {
  const res = await db
    .updateTable('age_out')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertConsent(db: Executor, row: Insertable<AgeOutConsentTable>) {
  await db.insertInto('age_out_consent').values(row).execute();
}

export async function findConsents(db: Executor, ageOutId: string) {
  return db.selectFrom('age_out_consent').selectAll().where('age_out_id', '=', ageOutId).orderBy('id', 'desc').execute();
}
