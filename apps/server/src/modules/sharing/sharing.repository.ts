import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { SharingPolicyRow } from './sharing.tables.ts';

export async function findActivePolicy(db: Executor): Promise<SharingPolicyRow | undefined> {
  return db.selectFrom('sharing_policy').selectAll().where('status', '=', 'active').executeTakeFirst();
}

export async function findPolicyByVersion(db: Executor, version: string): Promise<SharingPolicyRow | undefined> {
  return db.selectFrom('sharing_policy').selectAll().where('version', '=', version).executeTakeFirst();
}

export async function listPolicies(db: Executor): Promise<SharingPolicyRow[]> {
  return db.selectFrom('sharing_policy').selectAll().orderBy('proposed_at', 'desc').orderBy('version', 'desc').execute();
}

export async function insertPolicy(db: Executor, row: { version: string; sha256: string; document: string; proposed_by: string | null; proposed_party_id: string; proposed_at: Date }) {
  return db.insertInto('sharing_policy').values({ ...row, status: 'proposed' }).returningAll().executeTakeFirstOrThrow();
}

export async function findAgreements(db: Executor, policyIds: string[]) {
  if (policyIds.length === 0) return [];
  return db
    .selectFrom('sharing_policy_agreement as a')
    .innerJoin('party as p', 'p.id', 'a.party_id')
    .select(['a.policy_id', 'a.party_id', 'p.code as party_code', 'a.key_id', 'a.signature', 'a.agreed_at'])
    .where('a.policy_id', 'in', policyIds)
    .orderBy('a.agreed_at')
    .execute();
}

export async function insertAgreement(db: Executor, row: { policy_id: string; party_id: string; key_id: string; signature: string; agreed_by: string | null; agreed_at: Date }) {
  await db.insertInto('sharing_policy_agreement').values(row).execute();
}

/** Supersedes the policy in force (if any) and puts `id` in force. */
export async function activatePolicy(db: Executor, id: string, at: Date) {
  await db.updateTable('sharing_policy').set({ status: 'superseded' }).where('status', '=', 'active').execute();
  await db.updateTable('sharing_policy').set({ status: 'active', activated_at: at }).where('id', '=', id).execute();
}

export async function findParties(db: Executor) {
  return db.selectFrom('party').select(['id', 'code', 'kind']).execute();
}

/** Every party with its name, by code: what a reader may ask a disclosure preview for. */
export async function findPartiesNamed(db: Executor) {
  return db.selectFrom('party').select(['id', 'code', 'name', 'kind']).orderBy('code').execute();
}

/** The transparency-log entries of one policy version (subjectRef `sharing-policy/<id>`), in log order. */
export async function findPolicyLogEntries(db: Executor, policyId: string) {
  const rows = await db
    .selectFrom('log_entry')
    .select(['idx', 'entry', 'leaf_hash'])
    .where(sql<string>`entry->>'subjectRef'`, '=', `sharing-policy/${policyId}`)
    .orderBy('idx')
    .execute();
  return rows.map((r) => ({ index: Number(r.idx), leafHash: r.leaf_hash, entry: r.entry as Record<string, unknown> }));
}

export async function findDisclosures(db: Executor, requestIds: readonly string[]): Promise<Map<string, unknown>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db.selectFrom('request_disclosure').select(['request_id', 'choices']).where('request_id', 'in', [...new Set(requestIds)]).execute();
  return new Map(rows.map((r) => [r.request_id, r.choices]));
}

export async function saveDisclosure(db: Executor, requestId: string, choices: object | null, by: string | null, at: Date) {
  if (choices === null) {
    await db.deleteFrom('request_disclosure').where('request_id', '=', requestId).execute();
    return;
  }
  await db
    .insertInto('request_disclosure')
    .values({ request_id: requestId, choices: JSON.stringify(choices), updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('request_id').doUpdateSet({ choices: JSON.stringify(choices), updated_by: by, updated_at: at }))
    .execute();
}
