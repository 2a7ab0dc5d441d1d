import { sql, type Kysely } from 'kysely';

// Controlled exports (issue 13): one row per export made through the API or `homeward export`.
// The row keeps the age ciphertext (never the plaintext) until the export expires; the ids of
// the records it holds are in its `export.create` audit entry. A merged migration is never edited.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table data_export (
      id uuid primary key,
      -- Who made it: a user, or the operator on the server's machine (CLI: user null, note given).
      user_id uuid references app_user(id),
      party_id uuid references party(id),
      kind text not null check (kind in ('dossiers', 'requests', 'report-pdf', 'subject-access')),
      format text not null check (format in ('jsonl', 'csv', 'xlsx', 'pfif', 'pdf', 'json')),
      -- What was asked for (party code, month, dossier id): codes and ids only.
      filters jsonb not null default '{}',
      record_count integer not null check (record_count >= 0),
      encryption text not null check (encryption in ('passphrase', 'recipient')),
      -- The age public key it was encrypted to (recipient mode); a passphrase is never stored.
      recipient text,
      file_name text not null,
      -- Null once expired, or never kept (a CLI export is written to the operator's file only).
      ciphertext bytea,
      ciphertext_sha256 text not null check (ciphertext_sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes integer not null check (size_bytes >= 0),
      note text,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      first_downloaded_at timestamptz,
      download_count integer not null default 0,
      deleted_at timestamptz,
      check (expires_at > created_at),
      check ((encryption = 'recipient') = (recipient is not null)),
      check (user_id is not null or note is not null)
    )`.execute(db);
  await sql`create index data_export_user_idx on data_export(user_id, created_at desc)`.execute(db);
  // What the expiry job looks for: files still held.
  await sql`create index data_export_held_idx on data_export(expires_at) where ciphertext is not null`.execute(db);
}
