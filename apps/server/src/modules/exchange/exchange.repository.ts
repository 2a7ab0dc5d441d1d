import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { ExchangeBundleTable, ExchangeSubject } from './exchange.tables.ts';

export async function findPartner(db: Executor, partyId: string) {
  return db.selectFrom('exchange_partner').selectAll().where('party_id', '=', partyId).executeTakeFirst();
}

/** A party is this instance's own unless it was registered from a partner's card. */
export async function isOwnParty(db: Executor, partyId: string): Promise<boolean> {
  return !(await findPartner(db, partyId));
}

/** Whether a party has users or private keys here (then no card may take it over). */
export async function hasLocalPresence(db: Executor, partyId: string): Promise<boolean> {
  const user = await db.selectFrom('app_user').select('id').where('party_id', '=', partyId).limit(1).executeTakeFirst();
  const key = await db.selectFrom('party_key').select('key_id').where('party_id', '=', partyId).where('encrypted_private_key', 'is not', null).limit(1).executeTakeFirst();
  return !!user || !!key;
}

export async function upsertPartner(db: Executor, partyId: string, cardSha256: string, now: Date) {
  await db
    .insertInto('exchange_partner')
    .values({ party_id: partyId, card_sha256: cardSha256, registered_at: now, updated_at: now })
    .onConflict((oc) => oc.column('party_id').doUpdateSet({ card_sha256: cardSha256, updated_at: now }))
    .execute();
}

/** Serialises imports from one sender (and exports to one recipient) on this instance. */
export async function lockPartner(db: Executor, partyId: string) {
  await sql`select party_id from exchange_partner where party_id = ${partyId} for update`.execute(db);
}

export async function findBundle(db: Executor, id: string) {
  return db.selectFrom('exchange_bundle').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lastBundle(db: Executor, direction: 'sent' | 'received', senderId: string, recipientId: string) {
  return db
    .selectFrom('exchange_bundle')
    .selectAll()
    .where('direction', '=', direction)
    .where('sender_party_id', '=', senderId)
    .where('recipient_party_id', '=', recipientId)
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertBundle(db: Executor, b: Omit<ExchangeBundleTable, 'counts' | 'report'> & { counts: Record<string, number> }) {
  await db.insertInto('exchange_bundle').values({ ...b, counts: JSON.stringify(b.counts), report: null }).execute();
}

export async function setBundleReport(db: Executor, id: string, report: unknown) {
  await db.updateTable('exchange_bundle').set({ report: JSON.stringify(report) }).where('id', '=', id).execute();
}

export async function listBundles(db: Executor, partyId: string | null) {
  let q = db
    .selectFrom('exchange_bundle as b')
    .innerJoin('party as s', 's.id', 'b.sender_party_id')
    .innerJoin('party as r', 'r.id', 'b.recipient_party_id')
    .selectAll('b')
    .select(['s.code as from_code', 'r.code as to_code'])
    .orderBy('b.processed_at', 'desc')
    .limit(500);
  if (partyId) q = q.where((eb) => eb.or([eb('b.sender_party_id', '=', partyId), eb('b.recipient_party_id', '=', partyId)]));
  return q.execute();
}

export async function findCopy(db: Executor, type: ExchangeSubject, partyId: string, sourceId: string) {
  return db
    .selectFrom('exchange_copy')
    .selectAll()
    .where('subject_type', '=', type)
    .where('party_id', '=', partyId)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}

export async function upsertCopy(
  db: Executor,
  c: { type: ExchangeSubject; partyId: string; sourceId: string; subjectId: string; sha256: string; version: number; bundleId: string; now: Date },
) {
  await db
    .insertInto('exchange_copy')
    .values({ subject_type: c.type, party_id: c.partyId, source_id: c.sourceId, subject_id: c.subjectId, content_sha256: c.sha256, local_version: c.version, bundle_id: c.bundleId, updated_at: c.now })
    .onConflict((oc) =>
      oc.columns(['subject_type', 'party_id', 'source_id']).doUpdateSet({ subject_id: c.subjectId, content_sha256: c.sha256, local_version: c.version, bundle_id: c.bundleId, updated_at: c.now }),
    )
    .execute();
}

export async function insertRecords(
  db: Executor,
  rows: Array<{ bundle_id: string; subject_type: ExchangeSubject; source_id: string; subject_id: string; outcome: 'created' | 'updated' | 'unchanged' | 'conflict'; content_sha256: string }>,
) {
  if (rows.length) await db.insertInto('exchange_record').values(rows).execute();
}

export async function findOpenConflict(db: Executor, type: ExchangeSubject, subjectId: string) {
  return db.selectFrom('exchange_conflict').selectAll().where('subject_type', '=', type).where('subject_id', '=', subjectId).where('status', '=', 'open').executeTakeFirst();
}

export async function findConflict(db: Executor, id: string) {
  return db.selectFrom('exchange_conflict').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listConflicts(db: Executor, recipientId: string | null, status: 'open' | 'resolved' | undefined) {
  let q = db
    .selectFrom('exchange_conflict as c')
    .innerJoin('party as p', 'p.id', 'c.party_id')
    .selectAll('c')
    .select('p.code as from_code')
    .orderBy('c.created_at', 'desc')
    .limit(500);
  if (recipientId) q = q.where('c.recipient_party_id', '=', recipientId);
  if (status) q = q.where('c.status', '=', status);
  return q.execute();
}

/** The status of a dossier or request and its version, as this instance holds it. */
export async function findSubjectState(db: Executor, type: ExchangeSubject, id: string) {
  return db.selectFrom(type).select(['id', 'status', 'version']).where('id', '=', id).executeTakeFirst();
}

export async function setSubjectStatus(db: Executor, type: ExchangeSubject, id: string, status: string) {
  await db.updateTable(type).set({ status }).where('id', '=', id).execute();
}
