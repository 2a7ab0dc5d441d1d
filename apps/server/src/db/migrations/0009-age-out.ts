import { sql, type Kysely } from 'kysely';

// Age-out (issue 6): young people displaced as minors who are 18 now or soon. One entry per
// dossier, kept up to date by the `age-out.scan` job; their own consent replaces a guardian's.
// Status is computed from the dates and the columns below (it changes with the date alone).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table age_out (
      id uuid primary key default gen_random_uuid(),
      dossier_id uuid not null unique references dossier(id),
      -- The dossier version the dates were computed from: a corrected birth date is seen again.
      dossier_version integer not null,
      -- The newest active case of the dossier, if any (its family party sees the entry too).
      case_id uuid references tracing_case(id),
      eligible_on date not null,
      adult_from date not null,
      approximate boolean not null,
      found_on date not null,
      deadline_on date not null,
      consent_decision text check (consent_decision in ('return','stay','undecided')),
      consent_recorded_how text check (consent_recorded_how in ('self','with-official')),
      consent_recorded_by uuid references app_user(id),
      consent_at timestamptz,
      -- Sensitive tier.
      consent_notes text,
      resolution_outcome text check (resolution_outcome in ('returned','stays','other')),
      resolution_reason text,
      resolved_by uuid references app_user(id),
      resolved_at timestamptz,
      withdrawn_at timestamptz,
      withdrawn_reason text check (withdrawn_reason in ('dossier-not-open','birth-unknown','not-displaced-as-minor','not-in-window')),
      eligible_notified_at timestamptz,
      flagged_overdue_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((consent_decision is null) = (consent_at is null)),
      check ((resolution_outcome is null) = (resolved_at is null))
    )`.execute(db);
  await sql`create index age_out_queue_idx on age_out(deadline_on, id) where withdrawn_at is null`.execute(db);
  await sql`create index age_out_case_idx on age_out(case_id) where case_id is not null`.execute(db);
  // The scan pre-selects dossiers by birth date in SQL (50k dossiers must not be loaded each hour).
  await sql`create index dossier_open_birth_date_idx on dossier(birth_date) where status = 'open'`.execute(db);

  // Insert-only history of consents: the newest wins; the first replaces the guardian's.
  await sql`
    create table age_out_consent (
      id bigserial primary key,
      age_out_id uuid not null references age_out(id),
      decision text not null check (decision in ('return','stay','undecided')),
      recorded_how text not null check (recorded_how in ('self','with-official')),
      recorded_by uuid references app_user(id),
      replaces text not null check (replaces in ('guardian','young-person')),
      notes text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index age_out_consent_entry_idx on age_out_consent(age_out_id, id)`.execute(db);
  await sql`
    create function age_out_consent_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'age_out_consent is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger age_out_consent_no_change before update or delete on age_out_consent
    for each row execute function age_out_consent_append_only()`.execute(db);
  await sql`
    create trigger age_out_consent_no_truncate before truncate on age_out_consent
    for each statement execute function age_out_consent_append_only()`.execute(db);
}
