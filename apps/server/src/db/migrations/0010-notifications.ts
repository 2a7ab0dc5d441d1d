import { sql, type Kysely } from 'kysely';

// Notifications (issue 6): in-app notices per user. They name a kind and a subject id, never
// personal data, so that a notice can also go out by webhook or e-mail without leaking anything.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id),
      party_id uuid not null references party(id),
      kind text not null,
      subject_type text not null,
      subject_id uuid,
      details jsonb not null default '{}',
      -- The same event notifies a user once, however often (or on however many servers) a job runs.
      dedupe_key text not null,
      created_at timestamptz not null,
      read_at timestamptz,
      unique (user_id, dedupe_key)
    )`.execute(db);
  await sql`create index notification_user_idx on notification(user_id, created_at desc, id desc)`.execute(db);
  await sql`create index notification_unread_idx on notification(user_id) where read_at is null`.execute(db);
}
