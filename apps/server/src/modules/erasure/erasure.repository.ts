import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { Insertable } from 'kysely';
import type { ErasureRow, ErasureSubjectType, ErasureSummary, ErasureTable } from './erasure.tables.ts';

// Plain SQL for erasure: each statement blanks one kind of personal content of one record and
// what hangs off it, and says how many rows it changed. The service decides what to erase.

const S = '[minimised]';

/** `<table>.<field>` → rows changed. */
type Counts = Record<string, number>;

/** Lets this transaction minimise the append-only history and delete the age-out consent history (migration 0025). */
export async function allowErasure(db: Executor) {
  await sql`select set_config('homeward.minimise', 'on', true), set_config('homeward.erase', 'on', true)`.execute(db);
}

async function count(db: Executor, query: RawBuilder<unknown>): Promise<number> {
  return Number((await query.execute(db)).numAffectedRows ?? 0n);
}

/** The record, locked: its party and status. */
export async function lockSubject(db: Executor, type: ErasureSubjectType, id: string) {
  const table = type === 'dossier' ? 'dossier' : 'tracing_request';
  return db.selectFrom(table).select(['id', 'party_id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The ids that hang off a record: its cases, the match proposals naming it, its age-out entry. */
export async function findLinked(db: Executor, type: ErasureSubjectType, id: string) {
  const cases = await db
    .selectFrom('tracing_case')
    .select('id')
    .where(type === 'dossier' ? 'dossier_id' : 'request_id', '=', id)
    .execute();
  const proposals = await db
    .selectFrom('match_proposal')
    .select('id')
    .where((eb) => eb.or([eb('left_id', '=', id), eb('right_id', '=', id)]))
    .execute();
  const ageOut = type === 'dossier' ? await db.selectFrom('age_out').select('id').where('dossier_id', '=', id).execute() : [];
  return { caseIds: cases.map((c) => c.id), proposalIds: proposals.map((p) => p.id), ageOutIds: ageOut.map((a) => a.id) };
}

/** The record itself: every personal field blanked, closed, a new version. Ids, dates of the record's life and its party stay. */
export async function blankSubject(db: Executor, type: ErasureSubjectType, id: string, now: Date) {
  const common = sql`names = '[]'::jsonb, name_search = '', sex = 'unknown', birth_date = null, birth_date_precision = 'unknown', birth_year = null,
    birth_place = null, displacement = '{"kind":"unknown"}'::jsonb, status = 'closed', version = version + 1, updated_at = ${now}`;
  if (type === 'dossier') {
    return count(
      db,
      sql`update dossier set ${common}, current_region = null, current_placement = 'unknown', current_address = null, biography = null,
        languages = '{}', services = '{}'::jsonb where id = ${id}`,
    );
  }
  return count(db, sql`update tracing_request set ${common}, last_known_place = null, requester = '{"contact":{}}'::jsonb where id = ${id}`);
}

/**
 * Where the record came from: its source records and exchange copies go (so that a later import
 * of the same source makes a new record, never refills this one); a conflicting version received
 * in a bundle is emptied. The provenance of bundles (hashes) stays.
 */
export async function eraseSources(db: Executor, type: ErasureSubjectType, id: string): Promise<Counts> {
  const subjectType = type === 'dossier' ? 'dossier' : 'tracing_request';
  return {
    'source_record.payload': await count(db, sql`delete from source_record where subject_type = ${subjectType} and subject_id = ${id}`),
    'exchange_copy.row': await count(db, sql`delete from exchange_copy where subject_type = ${subjectType} and subject_id = ${id}`),
    'exchange_conflict.incoming': await count(db, sql`update exchange_conflict set incoming = '{}'::jsonb where subject_type = ${subjectType} and subject_id = ${id} and incoming <> '{}'::jsonb`),
  };
}

/**
 * Files of the record and of its cases: every blob's wrapped data key is destroyed (the blobs can
 * never be decrypted again) and the files marked deleted, without their capture date and place.
 * Returns the blob ids, for deletion from the store after the commit.
 */
export async function shredMedia(db: Executor, subjects: ReadonlyArray<{ type: 'dossier' | 'tracing_request' | 'case'; id: string }>) {
  if (subjects.length === 0) return { files: 0, blobIds: [] as string[] };
  const match = sql.join(subjects.map((s) => sql`(m.subject_type = ${s.type} and m.subject_id = ${s.id})`), sql` or `);
  const files = (await sql<{ id: string }>`select m.id from media_file m where ${match}`.execute(db)).rows.map((r) => r.id);
  if (files.length === 0) return { files: 0, blobIds: [] as string[] };
  const blobs = await sql<{ id: string }>`update media_blob set wrapped_key = null, key_id = null where media_id = any(${files}::uuid[]) returning id::text as id`.execute(db);
  await sql`update media_file set status = 'deleted', taken_on = null, captured_at = null, is_primary = false, updated_at = now() where id = any(${files}::uuid[])`.execute(db);
  return { files: files.length, blobIds: blobs.rows.map((b) => b.id) };
}

/** Consent history of the record and its cases: reasons (override and withdrawal) minimised; who, what purpose and when stay. */
export async function minimiseConsents(db: Executor, subjects: ReadonlyArray<{ type: 'dossier' | 'request' | 'case'; id: string }>): Promise<Counts> {
  if (subjects.length === 0) return {};
  const match = sql.join(subjects.map((s) => sql`(c.subject_type = ${s.type} and c.subject_id = ${s.id})`), sql` or `);
  return {
    'consent.reason': await count(db, sql`update consent c set reason = ${S} where (${match}) and c.reason is not null and c.reason <> ${S}`),
    'consent_withdrawal.reason': await count(
      db,
      sql`update consent_withdrawal w set reason = ${S} from consent c where c.id = w.consent_id and (${match}) and w.reason <> ${S}`,
    ),
  };
}

/** Match proposals naming the record: the evidence (which holds names) and the decision reasons go. */
export async function minimiseProposals(db: Executor, proposalIds: readonly string[]): Promise<Counts> {
  if (proposalIds.length === 0) return {};
  const ids = [...proposalIds];
  return {
    'match_proposal.evidence': await count(db, sql`update match_proposal set evidence = '[]'::jsonb, reason = null where id = any(${ids}::uuid[])`),
    'match_proposal_event.reason': await count(db, sql`update match_proposal_event set reason = ${S} where proposal_id = any(${ids}::uuid[]) and reason is not null and reason <> ${S}`),
  };
}

/** Merges the dossier took part in: the names a merge moved, and the undo reason. */
export async function minimiseMerges(db: Executor, dossierId: string): Promise<Counts> {
  return {
    'dossier_merge.names_added': await count(
      db,
      sql`update dossier_merge set names_added = '[]'::jsonb, undo_reason = null where survivor_id = ${dossierId} or absorbed_id = ${dossierId}`,
    ),
  };
}

/** The age-out entry of the dossier and its consent history: dates derived from the birth date, the young person's decisions and notes. */
export async function deleteAgeOut(db: Executor, dossierId: string): Promise<Counts> {
  return {
    'age_out_consent.row': await count(db, sql`delete from age_out_consent where age_out_id in (select id from age_out where dossier_id = ${dossierId})`),
    'age_out.row': await count(db, sql`delete from age_out where dossier_id = ${dossierId}`),
  };
}

/**
 * The free text of the cases: status reasons and their history, messages and their reviews,
 * contact notes, plans, handovers, welfare checks, suspensions, and what partners sent of them.
 * Statuses, dates and who acted stay, so the case shows what happened, not what was said.
 */
export async function minimiseCases(db: Executor, caseIds: readonly string[]): Promise<Counts> {
  if (caseIds.length === 0) return {};
  const ids = [...caseIds];
  const inCases = sql`case_id = any(${ids}::uuid[])`;
  return {
    'tracing_case.status_reason': await count(db, sql`update tracing_case set status_reason = null where id = any(${ids}::uuid[]) and status_reason is not null`),
    'tracing_case_event.reason': await count(db, sql`update tracing_case_event set reason = ${S} where ${inCases} and reason is not null and reason <> ${S}`),
    'case_message.body': await count(db, sql`update case_message set body = ${S}, return_reason = case when return_reason is null then null else ${S} end where ${inCases} and body <> ${S}`),
    'case_message_event.reason': await count(
      db,
      sql`update case_message_event set reason = ${S} where message_id in (select id from case_message where ${inCases}) and reason is not null and reason <> ${S}`,
    ),
    'contact_plan.status_reason': await count(db, sql`update contact_plan set status_reason = null where ${inCases} and status_reason is not null`),
    'contact_occurrence.notes': await count(
      db,
      sql`update contact_occurrence set notes = null, wellbeing = null, reason = case when reason is null then null else ${S} end
        where ${inCases} and (notes is not null or wellbeing is not null or (reason is not null and reason <> ${S}))`,
    ),
    'reunification_plan.route': await count(
      db,
      sql`update reunification_plan set route = ${S}, escort = ${S}, handover_point = ${S},
        receiving_adult = jsonb_set(receiving_adult, '{name}', ${JSON.stringify(S)}::jsonb),
        documents = (select coalesce(jsonb_agg(jsonb_set(d, '{item}', ${JSON.stringify(S)}::jsonb)), '[]'::jsonb) from jsonb_array_elements(documents) d),
        withdrawn_reason = case when withdrawn_reason is null then null else ${S} end
        where ${inCases} and route <> ${S}`,
    ),
    'reunification_handover.notes': await count(
      db,
      sql`update reunification_handover set notes = null, child_wellbeing = null where plan_id in (select id from reunification_plan where ${inCases}) and (notes is not null or child_wellbeing is not null)`,
    ),
    'welfare_check.notes': await count(
      db,
      sql`update welfare_check set notes = null, missed_reason = case when missed_reason is null then null else ${S} end where ${inCases} and (notes is not null or (missed_reason is not null and missed_reason <> ${S}))`,
    ),
    'contact_suspension.reason': await count(
      db,
      sql`update contact_suspension set reason = ${S}, lift_reason = case when lift_reason is null then null else ${S} end where ${inCases} and reason <> ${S}`,
    ),
  };
}

/** Status changes a partner sent about the record's cases: the reasons go. */
export async function minimiseReceivedCaseEvents(db: Executor, type: ErasureSubjectType, id: string): Promise<Counts> {
  return {
    'exchange_case_event.reason': await count(
      db,
      sql`update exchange_case_event set reason = null where ${sql.ref(type === 'dossier' ? 'dossier_id' : 'request_id')} = ${id} and reason is not null`,
    ),
  };
}

/**
 * The reasons officials gave, in the audit trail and in ended approvals, about any of these records.
 * Who did what, when, stays. A pending approval is expired by the service first.
 */
export async function minimiseReasons(db: Executor, recordIds: readonly string[]): Promise<Counts> {
  const ids = [...new Set(recordIds)];
  if (ids.length === 0) return {};
  return {
    'audit_log.reason': await count(
      db,
      sql`update audit_log set reason = ${S} where reason is not null and reason <> ${S} and (record_id = any(${ids}::text[])
        or (record_type = 'pending_approval' and record_id in (select id::text from pending_approval where subject_id = any(${ids}::uuid[]) or related_ids && ${ids}::uuid[])))`,
    ),
    'pending_approval.reason': await count(
      db,
      sql`update pending_approval set first_reason = null, second_reason = null, end_reason = null,
        payload = case when payload ? 'reason' then jsonb_set(payload, '{reason}', ${JSON.stringify(S)}::jsonb) else payload end
        where (subject_id = any(${ids}::uuid[]) or related_ids && ${ids}::uuid[]) and status <> 'pending'
        and (first_reason is not null or second_reason is not null or end_reason is not null or payload ? 'reason')`,
    ),
  };
}

/** Every id of the records hanging off the cases, for the audit trail (messages, plans, contacts, checks, consents). */
export async function findCaseRecordIds(db: Executor, caseIds: readonly string[], consentSubjectIds: readonly string[]) {
  const ids = [...caseIds];
  const rows = ids.length
    ? await sql<{ id: string }>`
        select id::text from case_message where case_id = any(${ids}::uuid[])
        union all select id::text from contact_plan where case_id = any(${ids}::uuid[])
        union all select id::text from contact_occurrence where case_id = any(${ids}::uuid[])
        union all select id::text from reunification_plan where case_id = any(${ids}::uuid[])
        union all select id::text from welfare_check where case_id = any(${ids}::uuid[])
        union all select id::text from age_out where case_id = any(${ids}::uuid[])`.execute(db)
    : { rows: [] };
  const consents = consentSubjectIds.length
    ? await db.selectFrom('consent').select('id').where('subject_id', 'in', [...consentSubjectIds]).execute()
    : [];
  return [...rows.rows.map((r) => r.id), ...consents.map((c) => c.id)];
}

export async function insertTombstone(db: Executor, row: Insertable<ErasureTable>): Promise<ErasureRow> {
  return db.insertInto('erasure').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findTombstones(db: Executor, partyId: string | null, limit: number) {
  let q = db.selectFrom('erasure').selectAll();
  if (partyId) q = q.where('party_id', '=', partyId);
  return q.orderBy('erased_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function findTombstoneById(db: Executor, id: string) {
  return db.selectFrom('erasure').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds up the counts of the steps (field names only). */
export function summarise(...parts: Array<Record<string, number>>): ErasureSummary {
  const out: ErasureSummary = {};
  for (const part of parts) for (const [k, v] of Object.entries(part)) if (v > 0) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** A case that referred to the record and that this party is a party to, if any. */
export async function findCaseOfParty(db: Executor, type: ErasureSubjectType, subjectId: string, partyId: string) {
  return db
    .selectFrom('tracing_case')
    .select('id')
    .where(type === 'dossier' ? 'dossier_id' : 'request_id', '=', subjectId)
    .where((eb) => eb.or([eb('holding_party_id', '=', partyId), eb('family_party_id', '=', partyId)]))
    .executeTakeFirst();
}
