import { sql, type Kysely } from 'kysely';

// User administration (issues 8 and 13). An account created through the API holds no role until a
// second administrator approves the roles asked for, so an account may now have none (it can then
// do nothing: every route needs a permission). Accounts are listed per party, newest first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_user drop constraint if exists app_user_roles_check`.execute(db);
  await sql`create index app_user_party_created_idx on app_user(party_id, created_at desc, id desc)`.execute(db);
}
