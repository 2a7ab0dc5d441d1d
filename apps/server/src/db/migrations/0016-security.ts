import { sql, type Kysely } from 'kysely';

// Misuse detection (issue 13): alerts for unusual bulk reads, bursts of failed second factors and
// logins from a new device or network. Devices are kept as keyed hashes, never as addresses.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table security_alert (
      id uuid primary key default gen_random_uuid(),
      party_id uuid not null references party(id),
      user_id uuid not null references app_user(id),
      kind text not null check (kind in ('bulk-read', 'second-factor-failures', 'new-device')),
      -- One alert per kind, user and window, however often (or on however many servers) the scan runs.
      window_start timestamptz not null,
      details jsonb not null default '{}',
      action text not null check (action in ('alerted', 'sessions-ended')),
      created_at timestamptz not null,
      unique (kind, user_id, window_start)
    )`.execute(db);
  await sql`create index security_alert_party_idx on security_alert(party_id, created_at desc)`.execute(db);
  await sql`
    create table login_device (
      user_id uuid not null references app_user(id),
      device_hash text not null,
      first_seen_at timestamptz not null,
      last_seen_at timestamptz not null,
      primary key (user_id, device_hash)
    )`.execute(db);
  // The scan reads the audit log by time.
  await sql`create index audit_log_at_idx on audit_log(at)`.execute(db);
}
