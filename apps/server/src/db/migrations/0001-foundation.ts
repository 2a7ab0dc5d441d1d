import { sql, type Kysely } from 'kysely';

// A merged migration is never edited: add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table party (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
      name text not null,
      kind text not null check (kind in ('home-country-authority','holding-country-authority','mediator','humanitarian-organisation')),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      party_id uuid not null references party(id),
      email text not null unique check (email = lower(email)),
      display_name text not null,
      password_hash text not null,
      roles text[] not null check (cardinality(roles) > 0),
      status text not null default 'active' check (status in ('active','disabled')),
      failed_logins integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table session (
      id text primary key,
      user_id uuid not null references app_user(id),
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index session_user_idx on session(user_id)`.execute(db);

  await sql`
    create table dossier (
      id uuid primary key default gen_random_uuid(),
      party_id uuid not null references party(id),
      status text not null check (status in ('open','closed','merged')),
      names jsonb not null,
      name_search text not null,
      sex text not null check (sex in ('female','male','unknown')),
      birth_date date,
      birth_date_precision text not null check (birth_date_precision in ('day','month','year','unknown')),
      birth_year integer,
      birth_place text,
      displacement jsonb not null,
      current_region text,
      current_placement text not null,
      current_address text,
      biography text,
      languages text[] not null default '{}',
      services jsonb not null,
      version integer not null default 1,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index dossier_list_idx on dossier(created_at desc, id desc)`.execute(db);
  await sql`create index dossier_party_idx on dossier(party_id)`.execute(db);
  await sql`create index dossier_birth_year_idx on dossier(birth_year)`.execute(db);
  await sql`create index dossier_name_trgm_idx on dossier using gin (name_search gin_trgm_ops)`.execute(db);

  await sql`
    create table source_record (
      id uuid primary key default gen_random_uuid(),
      subject_type text not null check (subject_type in ('dossier','tracing_request')),
      subject_id uuid not null,
      party_id uuid not null references party(id),
      source_id text not null,
      received_at timestamptz not null default now(),
      payload jsonb not null,
      unique (subject_type, party_id, source_id)
    )`.execute(db);
  await sql`create index source_record_subject_idx on source_record(subject_type, subject_id)`.execute(db);

  await sql`
    create table tracing_request (
      id uuid primary key default gen_random_uuid(),
      party_id uuid not null references party(id),
      status text not null check (status in ('open','matched','closed','withdrawn')),
      names jsonb not null,
      name_search text not null,
      sex text not null check (sex in ('female','male','unknown')),
      birth_date date,
      birth_date_precision text not null check (birth_date_precision in ('day','month','year','unknown')),
      birth_year integer,
      birth_place text,
      displacement jsonb not null,
      last_known_place text,
      requester jsonb not null,
      filed_on date not null,
      version integer not null default 1,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index tracing_request_list_idx on tracing_request(created_at desc, id desc)`.execute(db);
  await sql`create index tracing_request_party_idx on tracing_request(party_id)`.execute(db);
  await sql`create index tracing_request_name_trgm_idx on tracing_request using gin (name_search gin_trgm_ops)`.execute(db);

  await sql`
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_user_id uuid,
      actor_party_id uuid,
      action text not null,
      record_type text not null,
      record_id text,
      fields text[] not null default '{}',
      reason text,
      request_id text,
      details jsonb not null default '{}'
    )`.execute(db);
  await sql`create index audit_record_idx on audit_log(record_type, record_id)`.execute(db);
  await sql`create index audit_actor_idx on audit_log(actor_user_id, at)`.execute(db);
  // The audit trail is append-only for everyone, including the application's own role.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}
