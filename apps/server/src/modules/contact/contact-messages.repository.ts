import { sql, type Insertable } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import type { CaseMessageTable, MessageStatus } from './contact.tables.ts';

/** Inserts a message with its first history row. */
export async function insertMessage(db: Executor, row: Insertable<CaseMessageTable>) {
  const inserted = await db.insertInto('case_message').values(row).returningAll().executeTakeFirstOrThrow();
  await db.insertInto('case_message_event').values({ message_id: inserted.id, status: inserted.status, actor_user_id: row.submitted_by ?? null, reason: null, at: row.submitted_at }).execute();
  return inserted;
}

export async function findMessage(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('case_message').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findMessagesOfCase(db: Executor, caseId: string) {
  return db.selectFrom('case_message').selectAll().where('case_id', '=', caseId).orderBy('submitted_at').orderBy('id').execute();
}

/** Decides a pending message and appends the history row; undefined when it was decided meanwhile. */
export async function decideMessage(db: Executor, d: { id: string; status: Exclude<MessageStatus, 'pending-review'>; reason: string | null; actorUserId: string | null; at: Date }) {
  const row = await db
    .updateTable('case_message')
    .set({ status: d.status, return_reason: d.reason, reviewed_by: d.actorUserId, reviewed_at: d.at })
    .where('id', '=', d.id)
    .where('status', '=', 'pending-review')
    .returningAll()
    .executeTakeFirst();
  if (row) await db.insertInto('case_message_event').values({ message_id: d.id, status: d.status, actor_user_id: d.actorUserId, reason: d.reason, at: d.at }).execute();
  return row;
}

export async function findMessageEvents(db: Executor, messageId: string) {
  return db.selectFrom('case_message_event').select(['status', 'actor_user_id', 'reason', 'at']).where('message_id', '=', messageId).orderBy('id').execute();
}

/** Active users of a party holding one of these roles, except one (the submitter never reviews their own message). */
export async function findUsersWithRoles(db: Executor, partyId: string, roles: readonly string[], exceptUserId: string | null) {
  let q = db.selectFrom('app_user').select('id').where('party_id', '=', partyId).where('status', '=', 'active');
  q = q.where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`);
  if (exceptUserId) q = q.where('id', '<>', exceptUserId);
  return (await q.execute()).map((r) => r.id);
}

/** A ready photo uploaded by this party to one of these subjects (the case's dossier or request). */
export async function findPartyPhoto(db: Executor, mediaId: string, partyId: string, subjectIds: readonly string[]) {
  return db
    .selectFrom('media_file')
    .select('id')
    .where('id', '=', mediaId)
    .where('party_id', '=', partyId)
    .where('status', '=', 'ready')
    .where('kind', '=', 'photo')
    .where('subject_id', 'in', [...subjectIds])
    .executeTakeFirst();
}
