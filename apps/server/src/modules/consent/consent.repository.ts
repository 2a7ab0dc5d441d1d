import type { Insertable } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { ConsentSubjectType, ConsentTable, ConsentWithWithdrawal, ContactSuspensionTable } from './consent.tables.ts';

export async function insertConsent(db: Executor, row: Insertable<ConsentTable>) {
  return db.insertInto('consent').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertWithdrawal(db: Executor, row: { consent_id: string; withdrawn_at: Date; withdrawn_by: string | null; party_id: string; reason: string }) {
  return db
    .insertInto('consent_withdrawal')
    .values(row)
    .onConflict((oc) => oc.column('consent_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

const withWithdrawal = (db: Executor) =>
  db
    .selectFrom('consent as c')
    .leftJoin('consent_withdrawal as w', 'w.consent_id', 'c.id')
    .selectAll('c')
    .select(['w.consent_id as w_consent_id', 'w.withdrawn_at as w_at', 'w.withdrawn_by as w_by', 'w.party_id as w_party_id', 'w.reason as w_reason']);

type Joined = Awaited<ReturnType<ReturnType<typeof withWithdrawal>['execute']>>[number];

function unjoin(r: Joined): ConsentWithWithdrawal {
  const { w_consent_id, w_at, w_by, w_party_id, w_reason, ...row } = r;
  return {
    ...row,
    withdrawal: w_consent_id && w_at && w_party_id && w_reason ? { consent_id: w_consent_id, withdrawn_at: w_at, withdrawn_by: w_by, party_id: w_party_id, reason: w_reason } : null,
  };
}

export async function findConsent(db: Executor, id: string): Promise<ConsentWithWithdrawal | undefined> {
  const row = await withWithdrawal(db).where('c.id', '=', id).executeTakeFirst();
  return row ? unjoin(row) : undefined;
}

/** Every record of the subjects given (all purposes unless one is named), oldest first. */
export async function findConsentsOf(db: Executor, subjectType: ConsentSubjectType, subjectIds: readonly string[], purposes?: readonly string[]) {
  if (subjectIds.length === 0) return [];
  let q = withWithdrawal(db).where('c.subject_type', '=', subjectType).where('c.subject_id', 'in', [...subjectIds]);
  if (purposes) q = q.where('c.purpose', 'in', [...purposes]);
  return (await q.orderBy('c.recorded_at').orderBy('c.seq').execute()).map(unjoin);
}

/** The overrides a party made, newest first. */
export async function findOverrides(db: Executor, partyId: string | null, limit: number) {
  let q = withWithdrawal(db).where('c.basis', '=', 'override');
  if (partyId) q = q.where('c.party_id', '=', partyId);
  return (await q.orderBy('c.recorded_at', 'desc').orderBy('c.seq', 'desc').limit(limit).execute()).map(unjoin);
}

export async function findActiveSuspension(db: Executor, caseId: string, forUpdate = false) {
  let q = db.selectFrom('contact_suspension').selectAll().where('case_id', '=', caseId).where('lifted_at', 'is', null);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findSuspensions(db: Executor, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db.selectFrom('contact_suspension').selectAll().where('case_id', 'in', [...caseIds]).orderBy('suspended_at', 'desc').execute();
}

export async function insertSuspension(db: Executor, row: Insertable<ContactSuspensionTable>) {
  return db
    .insertInto('contact_suspension')
    .values(row)
    .onConflict((oc) => oc.column('case_id').where('lifted_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function liftSuspension(db: Executor, id: string, lift: { lifted_by: string | null; lifted_party_id: string; lifted_at: Date; lift_reason: string }) {
  return db.updateTable('contact_suspension').set(lift).where('id', '=', id).where('lifted_at', 'is', null).returningAll().executeTakeFirst();
}

/** The consent mode of each party given that has set one (the others are transitional). */
export async function findModes(db: Executor, partyIds: readonly string[]) {
  const unique = [...new Set(partyIds)];
  if (unique.length === 0) return [];
  return db.selectFrom('consent_mode').selectAll().where('party_id', 'in', unique).execute();
}

export async function upsertMode(db: Executor, row: { party_id: string; mode: 'strict' | 'transitional'; updated_by: string | null; updated_at: Date }) {
  await db
    .insertInto('consent_mode')
    .values(row)
    .onConflict((oc) => oc.column('party_id').doUpdateSet({ mode: row.mode, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

/** What the gate needs of a subject: the parties it belongs to, the birth date that gives the person's age, and the record ids it rests on. */
export interface SubjectFactsRow {
  id: string;
  party_ids: string[];
  birth_date: string | null;
  birth_date_precision: string;
  birth_year: number | null;
  /** The dossier and request a case rests on (itself for a dossier or request). */
  record_ids: string[];
}

export async function findSubjectFacts(db: Executor, subjectType: ConsentSubjectType, ids: readonly string[]): Promise<SubjectFactsRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (subjectType === 'case') {
    const rows = await db
      .selectFrom('tracing_case as c')
      .innerJoin('dossier as d', 'd.id', 'c.dossier_id')
      .select(['c.id', 'c.holding_party_id', 'c.family_party_id', 'c.dossier_id', 'c.request_id', 'd.birth_date', 'd.birth_date_precision', 'd.birth_year'])
      .where('c.id', 'in', unique)
      .execute();
    return rows.map((r) => ({ ...r, party_ids: [r.holding_party_id, r.family_party_id], record_ids: [r.dossier_id, r.request_id] }));
  }
  const table = subjectType === 'dossier' ? 'dossier' : 'tracing_request';
  const rows = await db.selectFrom(table).select(['id', 'party_id', 'birth_date', 'birth_date_precision', 'birth_year']).where('id', 'in', unique).execute();
  return rows.map((r) => ({ ...r, party_ids: [r.party_id], record_ids: [r.id] }));
}

/** The dossier of each age-out entry given. */
export async function findAgeOutDossiers(db: Executor, ageOutIds: readonly string[]) {
  if (ageOutIds.length === 0) return [];
  return db.selectFrom('age_out').select(['id', 'dossier_id']).where('id', 'in', [...ageOutIds]).execute();
}
