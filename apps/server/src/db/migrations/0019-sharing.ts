import { sql, type Kysely } from 'kysely';

// Sharing policy as code (issue 13) and reporter-chosen disclosure (issue 11). Policy versions
// with the hash the parties sign, each party's signed agreement, and each request's disclosure.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sharing_policy (
      id uuid primary key default gen_random_uuid(),
      version text not null unique,
      sha256 text not null,
      document jsonb not null,
      status text not null check (status in ('proposed', 'active', 'superseded')),
      proposed_by uuid references app_user(id),
      proposed_party_id uuid not null references party(id),
      proposed_at timestamptz not null,
      activated_at timestamptz
    )`.execute(db);
  // At most one policy in force.
  await sql`create unique index sharing_policy_one_active on sharing_policy(status) where status = 'active'`.execute(db);
  await sql`
    create table sharing_policy_agreement (
      policy_id uuid not null references sharing_policy(id),
      party_id uuid not null references party(id),
      key_id text not null,
      signature text not null,
      agreed_by uuid references app_user(id),
      agreed_at timestamptz not null,
      primary key (policy_id, party_id)
    )`.execute(db);
  await sql`
    create table request_disclosure (
      request_id uuid primary key references tracing_request(id) on delete cascade,
      choices jsonb not null,
      updated_by uuid references app_user(id),
      updated_at timestamptz not null
    )`.execute(db);
}
