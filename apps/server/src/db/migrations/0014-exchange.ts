import { sql, type Kysely } from 'kysely';

// Exchange bundles between parties (issue 9); docs/EXCHANGE.md. A merged migration is never edited.
export async function up(db: Kysely<unknown>): Promise<void> {
  // X25519 keys bundles are encrypted to. The private half exists only for this instance's own
  // parties, sealed under a key derived from the server secret; partners' keys are public only.
  await sql`
    create table party_encryption_key (
      key_id text primary key check (key_id ~ '^[0-9a-f]{64}$'),
      party_id uuid not null references party(id),
      public_key text not null,
      sealed_private_key jsonb,
      created_at timestamptz not null,
      revoked_at timestamptz,
      revocation_reason text
    )`.execute(db);
  await sql`create index party_encryption_key_party_idx on party_encryption_key(party_id, created_at desc)`.execute(db);

  // A party of another instance whose signed party card was imported here.
  await sql`
    create table exchange_partner (
      party_id uuid primary key references party(id),
      card_sha256 text not null,
      registered_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);

  await sql`
    create table exchange_bundle (
      id uuid primary key,
      direction text not null check (direction in ('sent','received')),
      sender_party_id uuid not null references party(id),
      recipient_party_id uuid not null references party(id),
      sequence integer not null check (sequence > 0),
      since timestamptz,
      created_at timestamptz not null,
      processed_at timestamptz not null,
      sha256 text not null,
      size integer not null,
      counts jsonb not null,
      report jsonb,
      log_index integer not null,
      processed_by uuid references app_user(id),
      unique (direction, sender_party_id, recipient_party_id, sequence)
    )`.execute(db);

  // The state of each record received from a partner: what was last imported, and the local
  // version it left, so a local change since can be told from a new change by the sender.
  await sql`
    create table exchange_copy (
      subject_type text not null check (subject_type in ('dossier','tracing_request')),
      party_id uuid not null references party(id),
      source_id text not null,
      subject_id uuid not null,
      content_sha256 text not null,
      local_version integer not null,
      bundle_id uuid not null references exchange_bundle(id),
      updated_at timestamptz not null,
      primary key (subject_type, party_id, source_id)
    )`.execute(db);

  // Provenance: every record each received bundle carried, and what became of it.
  await sql`
    create table exchange_record (
      bundle_id uuid not null references exchange_bundle(id),
      subject_type text not null check (subject_type in ('dossier','tracing_request')),
      source_id text not null,
      subject_id uuid not null,
      outcome text not null check (outcome in ('created','updated','unchanged','conflict')),
      content_sha256 text not null,
      primary key (bundle_id, subject_type, source_id)
    )`.execute(db);
  await sql`create index exchange_record_subject_idx on exchange_record(subject_type, subject_id)`.execute(db);

  await sql`
    create table exchange_conflict (
      id uuid primary key default gen_random_uuid(),
      bundle_id uuid not null references exchange_bundle(id),
      recipient_party_id uuid not null references party(id),
      party_id uuid not null references party(id),
      subject_type text not null check (subject_type in ('dossier','tracing_request')),
      subject_id uuid not null,
      source_id text not null,
      incoming jsonb not null,
      incoming_sha256 text not null,
      local_version integer not null,
      status text not null default 'open' check (status in ('open','resolved')),
      resolution text check (resolution in ('kept-local','took-incoming')),
      resolved_by uuid references app_user(id),
      resolved_at timestamptz,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create unique index exchange_conflict_open_idx on exchange_conflict(subject_type, subject_id) where status = 'open'`.execute(db);

  // Attestations a partner made, as received: the DSSE envelope checked against its registered key.
  await sql`
    create table exchange_attestation (
      party_id uuid not null references party(id),
      remote_id uuid not null,
      bundle_id uuid not null references exchange_bundle(id),
      dossier_id uuid not null,
      claim text not null,
      decision text not null,
      key_id text not null,
      signed_at timestamptz not null,
      envelope jsonb not null,
      signature_valid boolean not null,
      primary key (party_id, remote_id)
    )`.execute(db);
  await sql`create index exchange_attestation_dossier_idx on exchange_attestation(dossier_id)`.execute(db);

  // Status changes of cases the two parties share, as the sender recorded them.
  await sql`
    create table exchange_case_event (
      party_id uuid not null references party(id),
      remote_event_id bigint not null,
      bundle_id uuid not null references exchange_bundle(id),
      remote_case_id uuid not null,
      dossier_id uuid,
      request_id uuid,
      from_status text,
      to_status text not null,
      reason text,
      at timestamptz not null,
      primary key (party_id, remote_event_id)
    )`.execute(db);
}
