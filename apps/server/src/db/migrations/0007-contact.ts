import { sql, type Kysely } from 'kysely';

// Contact (issue 6): the plan by which a child and the family keep in touch, each contact it
// schedules with its outcome, and messages relayed through a safeguarding review.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contact_plan (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references tracing_case(id),
      channel text not null check (channel in ('video-call','phone-call','letter','message')),
      interval_days integer not null check (interval_days between 1 and 90),
      preferred_weekday smallint check (preferred_weekday between 1 and 7),
      preferred_time text check (preferred_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      languages text[] not null default '{}',
      interpreter_needed boolean not null default false,
      holding_supervisor_id uuid not null references app_user(id),
      family_supervisor_id uuid not null references app_user(id),
      status text not null check (status in ('active','suspended','cancelled')),
      status_reason text,
      starts_on date not null,
      -- Contacts are generated from this instant on: the start, then each resume or schedule change.
      schedule_from timestamptz not null,
      replaced_by uuid references contact_plan(id),
      version integer not null default 1,
      created_by uuid references app_user(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  // One plan in force per case: a new plan cancels the one before.
  await sql`create unique index contact_plan_open_idx on contact_plan(case_id) where status <> 'cancelled'`.execute(db);
  await sql`create index contact_plan_case_idx on contact_plan(case_id, created_at desc)`.execute(db);

  await sql`
    create table contact_occurrence (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references contact_plan(id),
      case_id uuid not null references tracing_case(id),
      channel text not null check (channel in ('video-call','phone-call','letter','message')),
      due_at timestamptz not null,
      -- due_at plus the channel's grace (contact-schedule.ts), fixed when the contact is scheduled.
      overdue_at timestamptz not null,
      status text not null check (status in ('scheduled','held','missed','cancelled')),
      held_at timestamptz,
      duration_minutes integer check (duration_minutes between 1 and 600),
      reason text,
      notes text,
      wellbeing text,
      recorded_by uuid references app_user(id),
      recorded_at timestamptz,
      overdue_flagged_at timestamptz,
      unique (plan_id, due_at),
      check (status <> 'held' or (held_at is not null and duration_minutes is not null)),
      check (status not in ('missed','cancelled') or reason is not null),
      check ((status = 'scheduled') = (recorded_at is null))
    )`.execute(db);
  await sql`create index contact_occurrence_case_idx on contact_occurrence(case_id, due_at)`.execute(db);
  await sql`
    create index contact_occurrence_overdue_idx on contact_occurrence(overdue_at)
    where status = 'scheduled' and overdue_flagged_at is null`.execute(db);

  await sql`
    create table case_message (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references tracing_case(id),
      direction text not null check (direction in ('family-to-child','child-to-family')),
      sender_party_id uuid not null references party(id),
      body text not null,
      media_id uuid references media_file(id),
      status text not null check (status in ('pending-review','approved','returned')),
      return_reason text,
      submitted_by uuid references app_user(id),
      submitted_at timestamptz not null,
      reviewed_by uuid references app_user(id),
      reviewed_at timestamptz,
      check (status <> 'returned' or return_reason is not null),
      check ((status = 'pending-review') = (reviewed_at is null))
    )`.execute(db);
  await sql`create index case_message_case_idx on case_message(case_id, submitted_at, id)`.execute(db);

  // Insert-only history of every status a message took, with who and why.
  await sql`
    create table case_message_event (
      id bigserial primary key,
      message_id uuid not null references case_message(id),
      status text not null,
      actor_user_id uuid references app_user(id),
      reason text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index case_message_event_message_idx on case_message_event(message_id, id)`.execute(db);
  await sql`
    create function case_message_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_message_event is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger case_message_event_no_change before update or delete on case_message_event
    for each row execute function case_message_event_append_only()`.execute(db);
  await sql`
    create trigger case_message_event_no_truncate before truncate on case_message_event
    for each statement execute function case_message_event_append_only()`.execute(db);
}
