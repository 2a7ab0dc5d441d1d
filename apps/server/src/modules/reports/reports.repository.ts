import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withMatching } from '../matching/matching.tables.ts';

// Aggregate SQL only: every query returns counts per group (or, for durations, bare numbers of
// days), never a record. Definitions: docs/REPORTS.md.

export interface Period {
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  /** 'YYYY-MM-DD', exclusive. */
  to: string;
}

/** null: every party's records (public statistics). */
export type PartyScope = string | null;

export interface Group {
  key: string | null;
  n: number;
}

/** Midnight UTC at the start of a 'YYYY-MM-DD' day: periods and months are UTC. */
const utc = (day: string) => sql`(${day}::timestamp at time zone 'UTC')`;
const utcDay = (col: string) => sql`(${sql.ref(col)} at time zone 'UTC')::date`;
const within = (col: string, p: Period) => sql<boolean>`${sql.ref(col)} >= ${utc(p.from)} and ${sql.ref(col)} < ${utc(p.to)}`;
const dayAfter = (day: string) => sql`(${day}::date + 1)`;

const children = (db: Kysely<DB>, asOf: string) =>
  db.selectFrom('dossier as d').where('d.status', '<>', 'merged').where(sql<boolean>`d.created_at < (${dayAfter(asOf)}::timestamp at time zone 'UTC')`);

/** Children (dossiers not merged into another) recorded by the end of `asOf`, grouped. */
export async function countChildren(db: Kysely<DB>, asOf: string, by: 'status' | 'kind' | 'region' | 'displacementMonth'): Promise<Group[]> {
  const keys: Record<typeof by, RawBuilder<string | null>> = {
    status: sql<string>`d.status`,
    kind: sql<string>`coalesce(d.displacement->>'kind', 'unknown')`,
    region: sql<string | null>`nullif(trim(d.current_region), '')`,
    displacementMonth: sql<string | null>`case when d.displacement->>'date' ~ '^[0-9]{4}-[0-9]{2}' then substr(d.displacement->>'date', 1, 7) end`,
  };
  const key = keys[by];
  return children(db, asOf).select([key.as('key'), sql<number>`count(*)::int`.as('n')]).groupBy(key).execute();
}

/**
 * Children by whole years of age on `asOf`. A partial birth date counts from the middle of what
 * is known (1 July of the year, the 15th of the month); null when unknown or after `asOf`.
 */
export async function countChildrenByAge(db: Kysely<DB>, asOf: string): Promise<{ age: number | null; n: number }[]> {
  const born = sql`(case d.birth_date_precision when 'year' then d.birth_date + 181 when 'month' then d.birth_date + 14 when 'day' then d.birth_date end)`;
  const age = sql<number | null>`(case when ${born} <= ${asOf}::date then extract(year from age(${asOf}::date, ${born}))::int end)`;
  // Grouped by position: the expression's parameters are numbered differently in GROUP BY.
  return children(db, asOf).select([age.as('age'), sql<number>`count(*)::int`.as('n')]).groupBy(sql`1`).execute();
}

const onCase = (party: PartyScope) => (party ? sql<boolean>`(c.holding_party_id = ${party} or c.family_party_id = ${party})` : sql<boolean>`true`);

/** Cases opened by the end of `asOf`, by current status. */
export async function countCasesByStatus(db: Kysely<DB>, asOf: string, party: PartyScope): Promise<Group[]> {
  return db
    .selectFrom('tracing_case as c')
    .select(['c.status as key', sql<number>`count(*)::int`.as('n')])
    .where(sql<boolean>`c.opened_at < (${dayAfter(asOf)}::timestamp at time zone 'UTC')`)
    .where(onCase(party))
    .groupBy('c.status')
    .execute();
}

const month = (col: string) => sql<string>`to_char(${sql.ref(col)} at time zone 'UTC', 'YYYY-MM')`;

/** Tracing requests filed in the period, by month of filing. */
export async function countRequestsFiled(db: Kysely<DB>, p: Period, party: PartyScope): Promise<Group[]> {
  const key = sql<string>`to_char(r.filed_on, 'YYYY-MM')`;
  let q = db
    .selectFrom('tracing_request as r')
    .select([key.as('key'), sql<number>`count(*)::int`.as('n')])
    .where(sql<boolean>`r.filed_on >= ${p.from}::date and r.filed_on < ${p.to}::date`);
  if (party) q = q.where('r.party_id', '=', party);
  return q.groupBy(key).execute();
}

/** Per request: when a match with a dossier was first confirmed. */
const firstMatch = (db: Kysely<DB>) =>
  withMatching(db)
    .selectFrom('match_proposal_event as e')
    .innerJoin('match_proposal as mp', 'mp.id', 'e.proposal_id')
    .where('mp.kind', '=', 'request-dossier')
    .where('e.status', '=', 'confirmed')
    .select(['mp.left_id as request_id', sql<Date>`min(e.at)`.as('at')])
    .groupBy('mp.left_id');

/** Requests whose first match was confirmed in the period, by month of confirmation. */
export async function countRequestsMatched(db: Kysely<DB>, p: Period, party: PartyScope) {
  const key = month('fm.at');
  let q = db
    .selectFrom(firstMatch(db).as('fm'))
    .innerJoin('tracing_request as r', 'r.id', 'fm.request_id')
    .select([key.as('key'), sql<number>`count(*)::int`.as('n')])
    .where(within('fm.at', p));
  if (party) q = q.where('r.party_id', '=', party);
  return q.groupBy(key).execute();
}

/** Per case: the first time it reached `status`. */
const firstReached = (db: Kysely<DB>, status: string) =>
  db
    .selectFrom('tracing_case_event as e')
    .where('e.to_status', '=', status as never)
    .select(['e.case_id', sql<Date>`min(e.at)`.as('at')])
    .groupBy('e.case_id');

/** Requests whose case (any) was first verified in the period, by month. */
export async function countRequestsVerified(db: Kysely<DB>, p: Period, party: PartyScope) {
  const first = db
    .selectFrom(firstReached(db, 'verified').as('v'))
    .innerJoin('tracing_case as c', 'c.id', 'v.case_id')
    .select(['c.request_id', sql<Date>`min(v.at)`.as('at')])
    .groupBy('c.request_id');
  const key = month('fv.at');
  let q = db
    .selectFrom(first.as('fv'))
    .innerJoin('tracing_request as r', 'r.id', 'fv.request_id')
    .select([key.as('key'), sql<number>`count(*)::int`.as('n')])
    .where(within('fv.at', p));
  if (party) q = q.where('r.party_id', '=', party);
  return q.groupBy(key).execute();
}

/** Cases first reunited in the period, by month. */
export async function countReunifications(db: Kysely<DB>, p: Period, party: PartyScope) {
  const key = month('ru.at');
  return db
    .selectFrom(firstReached(db, 'reunited').as('ru'))
    .innerJoin('tracing_case as c', 'c.id', 'ru.case_id')
    .select([key.as('key'), sql<number>`count(*)::int`.as('n')])
    .where(within('ru.at', p))
    .where(onCase(party))
    .groupBy(key)
    .execute();
}

/** Days from filing to the first confirmed match, for requests first matched in the period. */
export async function daysRequestToMatch(db: Kysely<DB>, p: Period, party: PartyScope): Promise<number[]> {
  let q = db
    .selectFrom(firstMatch(db).as('fm'))
    .innerJoin('tracing_request as r', 'r.id', 'fm.request_id')
    .select(sql<number>`(${utcDay('fm.at')} - r.filed_on)`.as('days'))
    .where(within('fm.at', p));
  if (party) q = q.where('r.party_id', '=', party);
  return (await q.execute()).map((r) => Number(r.days));
}

/**
 * For cases first reunited in the period: days from the match confirmation (or, for a case opened
 * without a proposal, from its opening) to reunion, and from the request's filing to reunion.
 */
export async function daysToReunion(db: Kysely<DB>, p: Period, party: PartyScope): Promise<{ fromMatch: number; fromRequest: number }[]> {
  const rows = await db
    .selectFrom(firstReached(db, 'reunited').as('ru'))
    .innerJoin('tracing_case as c', 'c.id', 'ru.case_id')
    .innerJoin('tracing_request as r', 'r.id', 'c.request_id')
    .leftJoin(firstMatch(db).as('fm'), 'fm.request_id', 'c.request_id')
    .select([
      sql<number>`(${utcDay('ru.at')} - (coalesce(fm.at, c.opened_at) at time zone 'UTC')::date)`.as('from_match'),
      sql<number>`(${utcDay('ru.at')} - r.filed_on)`.as('from_request'),
    ])
    .where(within('ru.at', p))
    .where(onCase(party))
    .execute();
  return rows.map((r) => ({ fromMatch: Number(r.from_match), fromRequest: Number(r.from_request) }));
}
