import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import { mediaDue, type Target } from './retention-targets.ts';
import type { RuleKind, RuleResult } from './retention.tables.ts';

export async function findRules(db: Executor, partyId: string) {
  return db.selectFrom('retention_rule').selectAll().where('party_id', '=', partyId).orderBy('kind').execute();
}

export async function findAllRules(db: Executor) {
  return db.selectFrom('retention_rule').selectAll().orderBy('party_id').orderBy('kind').execute();
}

/** Replaces a party's whole rule set. */
export async function replaceRules(db: Executor, partyId: string, rules: Array<{ kind: RuleKind; months: number }>, userId: string | null, now: Date) {
  await db.deleteFrom('retention_rule').where('party_id', '=', partyId).execute();
  if (rules.length === 0) return;
  await db
    .insertInto('retention_rule')
    .values(rules.map((r) => ({ party_id: partyId, kind: r.kind, months: r.months, updated_by: userId, updated_at: now })))
    .execute();
}

export interface Candidate {
  id: string;
  fields: string[];
}

/** Up to `limit` rows of the target that are due and still hold data, locked for the batch. */
export async function findCandidates(db: Executor, target: Target, partyId: string, cutoff: Date, limit: number): Promise<Candidate[]> {
  const fields = sql.join(target.holds.map((h) => sql`case when ${sql.raw(h.sql)} then ${h.field}::text end`));
  const holdsAny = sql.join(
    target.holds.map((h) => sql`(${sql.raw(h.sql)})`),
    sql` or `,
  );
  const rows = await sql<{ id: string; fields: string[] }>`
    select ${sql.raw(target.id)} as id, array_remove(array[${fields}]::text[], null) as fields
    from ${sql.table(target.table)} as t
    where (${target.due(partyId, cutoff)}) and (${holdsAny})
    order by 1
    limit ${limit}
    for update of t`.execute(db);
  return rows.rows;
}

/**
 * Lets this transaction set the free-text columns of the append-only history tables to null or
 * '[minimised]' (their triggers refuse anything else, and everything outside such a transaction).
 */
export async function allowMinimisation(db: Executor) {
  await sql`select set_config('homeward.minimise', 'on', true)`.execute(db);
}

export async function minimiseRows(db: Executor, target: Target, ids: readonly string[]) {
  await sql`update ${sql.table(target.table)} as t set ${sql.raw(target.set)} where ${sql.raw(target.id)} = any(${[...ids]}::text[])`.execute(db);
}

/** Records which fields of each row were minimised (adding to what earlier runs recorded). */
export async function markMinimised(
  db: Executor,
  rows: ReadonlyArray<{ recordType: string; recordId: string; fields: string[] }>,
  partyId: string,
  rule: RuleKind,
  runId: string,
  now: Date,
) {
  if (rows.length === 0) return;
  await db
    .insertInto('retention_minimised')
    .values(rows.map((r) => ({ record_type: r.recordType, record_id: r.recordId, party_id: partyId, rule, fields: r.fields, minimised_at: now, run_id: runId })))
    .onConflict((oc) =>
      oc.columns(['record_type', 'record_id']).doUpdateSet({
        fields: sql`array(select distinct f from unnest(retention_minimised.fields || excluded.fields) f order by f)`,
        rule: (eb) => eb.ref('excluded.rule'),
        minimised_at: (eb) => eb.ref('excluded.minimised_at'),
        run_id: (eb) => eb.ref('excluded.run_id'),
      }),
    )
    .execute();
}

/** Ready files of the party's due dossiers with at least one blob still holding its wrapped key. */
export async function findShreddableMedia(db: Executor, partyId: string, cutoff: Date, limit: number) {
  const rows = await sql<{ id: string; blob_ids: string[] }>`
    select m.id::text as id, array_agg(b.id::text order by b.id) as blob_ids
    from media_file m join media_blob b on b.media_id = m.id and b.wrapped_key is not null
    where ${mediaDue(partyId, cutoff)}
    group by m.id
    order by m.id
    limit ${limit}`.execute(db);
  return rows.rows;
}

/** Crypto-shredding: without its wrapped data key a blob can never be decrypted again. */
export async function destroyWrappedKeys(db: Executor, mediaIds: readonly string[]) {
  if (mediaIds.length === 0) return;
  await db.updateTable('media_blob').set({ wrapped_key: null, key_id: null }).where('media_id', 'in', [...mediaIds]).execute();
}

export async function insertRunReport(
  db: Executor,
  r: { runId: string; partyId: string; status: 'completed' | 'failed'; startedAt: Date; finishedAt: Date; results: RuleResult[] },
) {
  await db
    .insertInto('retention_run')
    .values({ run_id: r.runId, party_id: r.partyId, status: r.status, started_at: r.startedAt, finished_at: r.finishedAt, results: JSON.stringify(r.results) })
    .execute();
}

export async function findRunReports(db: Executor, partyId: string, limit: number) {
  return db.selectFrom('retention_run').selectAll().where('party_id', '=', partyId).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
