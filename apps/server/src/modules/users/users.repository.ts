import { sql } from 'kysely';
import type { Cursor } from '../../lib/cursor.ts';
import type { Executor } from '../audit/audit.repository.ts';

export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Executor,
  u: { party_id: string; email: string; display_name: string; password_hash: string; roles: string[] },
) {
  // Undefined when the e-mail is taken (also by a concurrent insert).
  return db.insertInto('app_user').values(u).onConflict((oc) => oc.column('email').doNothing()).returningAll().executeTakeFirst();
}

export async function recordLoginFailure(db: Executor, id: string, lockUntil: Date | null) {
  await db
    .updateTable('app_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), locked_until: lockUntil }))
    .where('id', '=', id)
    .execute();
}

export async function resetLoginFailures(db: Executor, id: string) {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

/** The account, locked for the rest of the transaction (every change locks it first). */
export async function lockUser(db: Executor, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateUser(db: Executor, id: string, set: { display_name?: string; roles?: string[]; status?: string }, now: Date) {
  return db.updateTable('app_user').set({ ...set, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * The other active administrators of a party, locked: two administrators taking the role from
 * each other at the same time are served one after the other, and the second sees the first's change.
 */
export async function lockOtherActiveAdministrators(db: Executor, partyId: string, exceptId: string) {
  return db
    .selectFrom('app_user')
    .select('id')
    .where('party_id', '=', partyId)
    .where('id', '<>', exceptId)
    .where('status', '=', 'active')
    .where(sql<boolean>`roles @> array['administrator']::text[]`)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export interface UserFilter {
  /** null: every party (the system's own listing). */
  partyId: string | null;
  role?: string | undefined;
  status?: string | undefined;
  cursor?: Cursor | undefined;
  limit: number;
}

/** A page of accounts, newest first: `limit + 1` rows, for `toPage`. */
export async function findUsers(db: Executor, f: UserFilter) {
  let q = db.selectFrom('app_user').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1);
  if (f.partyId) q = q.where('party_id', '=', f.partyId);
  if (f.role) q = q.where(sql<boolean>`roles @> array[${f.role}]::text[]`);
  if (f.status) q = q.where('status', '=', f.status);
  const c = f.cursor;
  if (c) {
    const at = new Date(c.createdAt);
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', c.id)])]));
  }
  return q.execute();
}

/** Ends every API token of an account; returns how many were live. */
export async function revokeUserTokens(db: Executor, userId: string, now: Date) {
  const r = await db.updateTable('api_token').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The approvals about these accounts still waiting for a second person. */
export async function findPendingAbout(db: Executor, userIds: readonly string[], now: Date) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('pending_approval')
    .selectAll()
    .where('subject_type', '=', 'user')
    .where('subject_id', 'in', [...userIds])
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .orderBy('first_at')
    .execute();
}
