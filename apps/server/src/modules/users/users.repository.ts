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
  return db.insertInto('app_user').values(u).returningAll().executeTakeFirstOrThrow();
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
