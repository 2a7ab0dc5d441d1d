import { sql, type Kysely } from 'kysely';

// Reunification (issue 6): the plan both parties approve, the handover record each side
// completes, and the welfare checks after the child is home.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reunification_plan (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references tracing_case(id),
      status text not null check (status in ('draft','approved','started','completed','withdrawn')),
      -- Where the child travels and with whom: restricted tier, seen by the case's two parties only.
      route text not null,
      escort text not null,
      handover_point text not null,
      handover_at timestamptz not null,
      receiving_adult jsonb not null,
      documents jsonb not null default '[]',
      welfare_offsets integer[] not null default '{7,30,90}',
      -- Salts the content hash, so that the hash in the transparency log cannot be used to
      -- confirm a guess of the plan (and unlinks it if the salt is destroyed).
      content_salt bytea not null check (length(content_salt) = 32),
      -- An approval binds to the content hash the approver read; a change of content clears it.
      holding_approved_by uuid references app_user(id),
      holding_approved_at timestamptz,
      holding_approved_hash text,
      family_approved_by uuid references app_user(id),
      family_approved_at timestamptz,
      family_approved_hash text,
      withdrawn_reason text,
      withdrawn_by uuid references app_user(id),
      withdrawn_at timestamptz,
      started_by uuid references app_user(id),
      started_at timestamptz,
      completed_at timestamptz,
      version integer not null default 1,
      created_by uuid references app_user(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((holding_approved_at is null) = (holding_approved_hash is null)),
      check ((family_approved_at is null) = (family_approved_hash is null)),
      check (status <> 'withdrawn' or withdrawn_reason is not null)
    )`.execute(db);
  // One live plan per case; withdrawn plans stay as history.
  await sql`create unique index reunification_plan_live_idx on reunification_plan(case_id) where status <> 'withdrawn'`.execute(db);
  await sql`create index reunification_plan_case_idx on reunification_plan(case_id, created_at desc)`.execute(db);

  // Each side's own record of the handover; the plan completes when both exist.
  await sql`
    create table reunification_handover (
      plan_id uuid not null references reunification_plan(id),
      side text not null check (side in ('holding','family')),
      handed_over_at timestamptz not null,
      notes text,
      child_wellbeing text,
      record_salt bytea not null check (length(record_salt) = 32),
      record_hash text not null,
      log_index bigint,
      confirmed_by uuid references app_user(id),
      confirmed_at timestamptz not null,
      primary key (plan_id, side)
    )`.execute(db);

  await sql`
    create table welfare_check (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references tracing_case(id),
      plan_id uuid not null references reunification_plan(id),
      offset_days integer not null check (offset_days > 0),
      due_on date not null,
      status text not null check (status in ('scheduled','done','missed')),
      outcome text check (outcome in ('well','concerns','urgent')),
      notes text,
      missed_reason text,
      recorded_by uuid references app_user(id),
      recorded_at timestamptz,
      overdue_flagged_at timestamptz,
      created_at timestamptz not null,
      unique (plan_id, offset_days),
      check ((status = 'done') = (outcome is not null)),
      check (status <> 'missed' or missed_reason is not null)
    )`.execute(db);
  await sql`create index welfare_check_case_idx on welfare_check(case_id, due_on)`.execute(db);
  await sql`create index welfare_check_open_idx on welfare_check(due_on) where status = 'scheduled' and overdue_flagged_at is null`.execute(db);
}
