import { sql, type Kysely } from 'kysely';

// Consent (issue 11): consent records and legal-basis overrides on dossiers, requests and cases,
// and emergency suspensions of a case's contact. Consent history is append-only: a withdrawal is
// a row of its own, and the database refuses to change or delete either table's rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consent (
      id uuid primary key default gen_random_uuid(),
      -- Orders records made in the same instant.
      seq bigint generated always as identity,
      subject_type text not null check (subject_type in ('dossier', 'request', 'case')),
      subject_id uuid not null,
      purpose text not null check (purpose ~ '^(tracing|photo-use|contact|sharing:[A-Za-z0-9_-]{1,64})$'),
      basis text not null check (basis in ('consent', 'override')),
      decision text check (decision in ('given', 'refused')),
      given_by text check (given_by in ('child', 'guardian', 'young-person', 'parent', 'legal-representative')),
      how text check (how in ('in-person', 'written', 'recorded')),
      given_on date,
      evidence_media_id uuid references media_file(id),
      legal_basis text check (legal_basis in ('best-interests-of-the-child', 'vital-interests', 'legal-obligation', 'public-task')),
      reason text,
      side text check (side in ('holding', 'family')),
      party_id uuid not null references party(id),
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null,
      check ((basis = 'consent' and decision is not null and given_by is not null and how is not null and given_on is not null)
          or (basis = 'override' and legal_basis is not null and reason is not null))
    )`.execute(db);
  await sql`create index consent_subject_idx on consent(subject_type, subject_id, purpose)`.execute(db);
  await sql`create index consent_override_idx on consent(party_id, recorded_at) where basis = 'override'`.execute(db);
  await sql`
    create table consent_withdrawal (
      consent_id uuid primary key references consent(id),
      withdrawn_at timestamptz not null,
      withdrawn_by uuid references app_user(id),
      party_id uuid not null references party(id),
      reason text not null
    )`.execute(db);
  await sql`
    create function consent_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'consent history is append-only';
    end $$`.execute(db);
  for (const table of ['consent', 'consent_withdrawal']) {
    await sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)} for each row execute function consent_append_only()`.execute(db);
  }
  await sql`
    create table contact_suspension (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references tracing_case(id),
      reason text not null,
      suspended_by uuid references app_user(id),
      suspended_party_id uuid not null references party(id),
      suspended_at timestamptz not null,
      lifted_by uuid references app_user(id),
      lifted_party_id uuid references party(id),
      lifted_at timestamptz,
      lift_reason text
    )`.execute(db);
  // At most one suspension in force per case.
  await sql`create unique index contact_suspension_active_idx on contact_suspension(case_id) where lifted_at is null`.execute(db);
}
