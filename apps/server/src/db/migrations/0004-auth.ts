import { sql, type Kysely } from 'kysely';

// Two-factor authentication, API tokens and the per-party 2FA setting.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table party add column require_two_factor boolean not null default true`.execute(db);

  await sql`alter table app_user add column totp_secret text`.execute(db);
  await sql`alter table app_user add column totp_pending_secret text`.execute(db);
  await sql`alter table app_user add column totp_enabled_at timestamptz`.execute(db);
  await sql`alter table app_user add column totp_last_step bigint`.execute(db);

  await sql`
    create table recovery_code (
      id bigserial primary key,
      user_id uuid not null references app_user(id),
      code_hash text not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index recovery_code_user_idx on recovery_code(user_id)`.execute(db);

  await sql`alter table session add column two_factor_done boolean not null default false`.execute(db);

  await sql`
    create table api_token (
      id text primary key,
      user_id uuid not null references app_user(id),
      name text not null,
      secret_hash text not null,
      permissions text[] not null check (cardinality(permissions) > 0),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);
  await sql`create index api_token_user_idx on api_token(user_id)`.execute(db);
}
