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

  // A party's receivers of signed event POSTs. The HMAC secret is sealed (AES-GCM, key derived
  // from the server secret, bound to the row id): a database dump alone cannot forge events.
  await sql`
    create table webhook_subscription (
      id uuid primary key,
      party_id uuid not null references party(id),
      url text not null,
      secret_sealed text not null,
      -- null: every kind.
      kinds text[],
      active boolean not null default true,
      version integer not null default 1,
      created_by uuid references app_user(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      secret_rotated_at timestamptz,
      deleted_at timestamptz
    )`.execute(db);
  await sql`create index webhook_subscription_party_idx on webhook_subscription(party_id) where deleted_at is null`.execute(db);

  // The outbox: written in the transaction of the event, sent by the notifications.deliver job.
  await sql`
    create table notification_delivery (
      id uuid primary key default gen_random_uuid(),
      channel text not null check (channel in ('webhook', 'email')),
      subscription_id uuid references webhook_subscription(id),
      user_id uuid references app_user(id),
      dedupe_key text not null,
      kind text not null,
      -- What is sent; ids, codes and dates only.
      payload jsonb not null,
      -- pending: not tried yet; failed: last try failed, retried at next_attempt_at; sent; dead: given up.
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'dead')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      -- In flight until then on the instance that claimed it; a crashed instance's claim expires.
      lease_until timestamptz,
      last_error_code text,
      last_http_status integer,
      created_at timestamptz not null,
      sent_at timestamptz,
      check ((channel = 'webhook') = (subscription_id is not null)),
      check ((channel = 'email') = (user_id is not null))
    )`.execute(db);
  // An event goes once per target, however often notify() runs for it.
  await sql`create unique index notification_delivery_webhook_once on notification_delivery(subscription_id, dedupe_key) where channel = 'webhook'`.execute(db);
  await sql`create unique index notification_delivery_email_once on notification_delivery(user_id, dedupe_key) where channel = 'email'`.execute(db);
  await sql`create index notification_delivery_due_idx on notification_delivery(next_attempt_at) where status in ('pending', 'failed')`.execute(db);
  await sql`create index notification_delivery_subscription_idx on notification_delivery(subscription_id, created_at desc, id desc) where channel = 'webhook'`.execute(db);
}
