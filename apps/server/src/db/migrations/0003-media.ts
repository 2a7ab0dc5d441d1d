import { sql, type Kysely } from 'kysely';

// A merged migration is never edited: add a new file instead.
//
// Photos and documents. `media_file` is one upload attached to a subject (a dossier or a tracing
// request today; cases get their subject type by widening the check in a later migration). Each upload
// has its encrypted variants in `media_blob`, one blob-store object each, with the object's data key
// wrapped by a master key. A row is written as `pending` before its blobs, and becomes `ready` only
// once every blob is durable, so a crash leaves a pending row naming its blobs (swept later), never a
// blob nobody knows of nor a ready row without its blobs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table media_file (
      id uuid primary key default gen_random_uuid(),
      subject_type text not null check (subject_type in ('dossier','tracing_request')),
      subject_id uuid not null,
      kind text not null check (kind in ('photo','document')),
      status text not null check (status in ('pending','ready','deleted')),
      source_type text not null,
      source_hash text not null check (source_hash ~ '^[0-9a-f]{64}$'),
      content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
      taken_on date,
      captured_at text,
      supplied_by text check (supplied_by in ('family','institution','authority','child','other')),
      party_id uuid not null references party(id),
      uploaded_by uuid references app_user(id),
      position integer,
      is_primary boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index media_file_subject_idx on media_file(subject_type, subject_id, status)`.execute(db);
  await sql`create index media_file_status_idx on media_file(status, updated_at) where status <> 'ready'`.execute(db);
  // One primary photo per subject.
  await sql`
    create unique index media_file_primary_idx on media_file(subject_type, subject_id)
    where is_primary and status = 'ready'`.execute(db);

  await sql`
    create table media_blob (
      id uuid primary key,
      media_id uuid not null references media_file(id) on delete cascade,
      variant text not null check (variant in ('original','medium','thumbnail')),
      mime text not null,
      width integer,
      height integer,
      size integer not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      wrapped_key text,
      key_id text,
      unique (media_id, variant)
    )`.execute(db);
  await sql`create index media_blob_key_idx on media_blob(key_id)`.execute(db);
}
