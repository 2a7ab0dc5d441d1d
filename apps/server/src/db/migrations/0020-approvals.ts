import { sql, type Kysely } from 'kysely';

// Two-person rule (issue 13): high-impact acts wait in pending_approval until a second person,
// never the first, approves exactly the same thing (the payload hash); match proposals gain the
// status `awaiting-second` for a confirmation that waits for its second reviewer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table match_proposal drop constraint if exists match_proposal_status_check`.execute(db);
  await sql`
    alter table match_proposal add constraint match_proposal_status_check
    check (status in ('proposed', 'awaiting-second', 'confirmed', 'rejected', 'superseded'))`.execute(db);

  await sql`
    create table pending_approval (
      id uuid primary key default gen_random_uuid(),
      act text not null,
      subject_type text not null,
      subject_id uuid not null,
      -- Other records the act touches (e.g. the request and the dossier of a match), for reading.
      related_ids uuid[] not null default '{}',
      -- Exactly what is to be approved, and its hash: the second person approves this, nothing else.
      payload jsonb not null,
      payload_hash text not null,
      first_user_id uuid not null references app_user(id),
      first_party_id uuid not null references party(id),
      first_at timestamptz not null,
      first_reason text,
      -- Who may be the second person: a user of this party (null: any party) with this permission.
      second_party_id uuid references party(id),
      second_permission text not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'declined', 'expired')),
      second_user_id uuid references app_user(id),
      second_at timestamptz,
      second_reason text,
      -- Why it ended without approval (declined: the second person's reason; expired: what happened).
      end_reason text,
      expires_at timestamptz not null,
      check (second_user_id is null or second_user_id <> first_user_id),
      check (status = 'pending' or second_at is not null)
    )`.execute(db);
  await sql`create unique index pending_approval_open_idx on pending_approval(act, subject_id, payload_hash) where status = 'pending'`.execute(db);
  await sql`create index pending_approval_subject_idx on pending_approval(subject_id)`.execute(db);
  await sql`create index pending_approval_queue_idx on pending_approval(status, second_party_id)`.execute(db);
}
