import { sql, type Kysely } from 'kysely';

// Cases (issue 6): a confirmed link between a child's dossier and a family's request, carried
// until the child is home and followed up. `tracing_case` because `case` is an SQL keyword.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tracing_case (
      id uuid primary key default gen_random_uuid(),
      dossier_id uuid not null references dossier(id),
      request_id uuid not null references tracing_request(id),
      match_proposal_id uuid references match_proposal(id),
      -- The party holding the child's dossier, and the party that filed the family's request.
      holding_party_id uuid not null references party(id),
      family_party_id uuid not null references party(id),
      status text not null check (status in ('located','verified','in-contact','reunification-planned','in-transit',
        'reunited','follow-up','closed','declined','unable-to-proceed','transferred')),
      status_reason text,
      priority text not null default 'normal' check (priority in ('normal','age-out')),
      version integer not null default 1,
      opened_by uuid references app_user(id),
      opened_at timestamptz not null,
      updated_at timestamptz not null,
      closed_at timestamptz,
      unique (dossier_id, request_id)
    )`.execute(db);
  await sql`create index tracing_case_holding_idx on tracing_case(holding_party_id, status)`.execute(db);
  await sql`create index tracing_case_family_idx on tracing_case(family_party_id, status)`.execute(db);
  await sql`create index tracing_case_list_idx on tracing_case(opened_at desc, id desc)`.execute(db);

  // Insert-only history of every status a case took, with who and why.
  await sql`
    create table tracing_case_event (
      id bigserial primary key,
      case_id uuid not null references tracing_case(id),
      from_status text,
      to_status text not null,
      reason text,
      actor_user_id uuid references app_user(id),
      at timestamptz not null
    )`.execute(db);
  await sql`create index tracing_case_event_case_idx on tracing_case_event(case_id, id)`.execute(db);
  await sql`
    create function tracing_case_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'tracing_case_event is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger tracing_case_event_no_change before update or delete on tracing_case_event
    for each row execute function tracing_case_event_append_only()`.execute(db);
  await sql`
    create trigger tracing_case_event_no_truncate before truncate on tracing_case_event
    for each statement execute function tracing_case_event_append_only()`.execute(db);
}
