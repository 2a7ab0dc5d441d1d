import { sql, type Kysely } from 'kysely';

// Match proposals (issue 4): what the engine proposed, what a person decided, and the history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table match_proposal (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('request-dossier', 'dossier-dossier')),
      left_id uuid not null,
      right_id uuid not null,
      party_id uuid not null references party(id),
      other_party_id uuid references party(id),
      score double precision not null,
      decision text not null check (decision in ('match', 'possible')),
      evidence jsonb not null,
      status text not null check (status in ('proposed', 'confirmed', 'rejected', 'superseded')),
      version_hash text not null,
      created_at timestamptz not null default now(),
      decided_by uuid references app_user(id),
      decided_at timestamptz,
      reason text
    )`.execute(db);
  await sql`create unique index match_proposal_open_pair_idx on match_proposal(kind, left_id, right_id) where status = 'proposed'`.execute(db);
  await sql`create index match_proposal_pair_idx on match_proposal(kind, left_id, right_id)`.execute(db);
  await sql`create index match_proposal_queue_idx on match_proposal(party_id, status, score desc)`.execute(db);
  await sql`create index match_proposal_other_party_idx on match_proposal(other_party_id) where other_party_id is not null`.execute(db);

  // Insert-only history of every status a proposal took, with who and why.
  await sql`
    create table match_proposal_event (
      id bigserial primary key,
      proposal_id uuid not null references match_proposal(id),
      status text not null,
      actor_user_id uuid references app_user(id),
      reason text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index match_proposal_event_proposal_idx on match_proposal_event(proposal_id)`.execute(db);
  await sql`
    create function match_proposal_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'match_proposal_event is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger match_proposal_event_no_change before update or delete on match_proposal_event
    for each row execute function match_proposal_event_append_only()`.execute(db);
  await sql`
    create trigger match_proposal_event_no_truncate before truncate on match_proposal_event
    for each statement execute function match_proposal_event_append_only()`.execute(db);
}
