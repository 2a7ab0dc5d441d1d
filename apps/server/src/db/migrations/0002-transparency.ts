import { sql, type Kysely } from 'kysely';

// Party keys, attestations, the transparency log and its checkpoints (issue 5).
// A merged migration is never edited: add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table party_key (
      key_id text primary key check (key_id ~ '^[0-9a-f]{64}$'),
      party_id uuid references party(id),
      purpose text not null check (purpose in ('attestation','log','witness')),
      name text,
      public_key text not null unique,
      encrypted_private_key jsonb,
      valid_from timestamptz not null,
      valid_until timestamptz,
      revoked_at timestamptz,
      revocation_reason text check (revocation_reason in ('compromised','superseded','retired')),
      created_at timestamptz not null default now(),
      check (purpose = 'log' or party_id is not null)
    )`.execute(db);
  await sql`create index party_key_party_idx on party_key(party_id, purpose, valid_from desc)`.execute(db);

  // Log entries: a gap-free index from 0, the entry JSON (no personal data) and its leaf hash.
  await sql`
    create table log_entry (
      idx bigint primary key check (idx >= 0),
      kind text not null,
      entry jsonb not null,
      leaf_hash text not null check (leaf_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null default now()
    )`.execute(db);

  // Signed tree heads (C2SP signed notes); one per size, cosignatures kept apart.
  await sql`
    create table log_checkpoint (
      size bigint primary key check (size >= 0),
      root_hash text not null,
      note text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table attestation (
      id uuid primary key default gen_random_uuid(),
      subject_type text not null check (subject_type in ('dossier')),
      subject_id uuid not null,
      subject_version integer not null,
      subject_ref text not null,
      claim text not null check (claim ~ '^[a-z][a-z0-9-]{1,63}$'),
      decision text not null check (decision in ('verified','rejected','needs-info')),
      covered_fields text[] not null,
      subject_commitment text not null check (subject_commitment ~ '^[0-9a-f]{64}$'),
      envelope jsonb not null,
      envelope_sha256 text not null unique,
      party_id uuid not null references party(id),
      signer_user_id uuid references app_user(id),
      key_id text not null references party_key(key_id),
      signed_at timestamptz not null,
      log_index bigint not null unique references log_entry(idx),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index attestation_subject_idx on attestation(subject_type, subject_id)`.execute(db);
  await sql`create index attestation_party_idx on attestation(party_id, claim)`.execute(db);

  // The salt lives apart so that erasure deletes it and leaves the signed attestation intact.
  await sql`
    create table attestation_salt (
      attestation_id uuid primary key references attestation(id) on delete cascade,
      salt bytea not null check (length(salt) = 32)
    )`.execute(db);

  // Verification policy per claim: which fields the claim covers and whose attestations it needs.
  await sql`
    create table verification_policy (
      claim text primary key,
      subject_type text not null,
      covered_fields text[] not null,
      requirements jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    insert into verification_policy (claim, subject_type, covered_fields, requirements) values
      ('identity-verified', 'dossier', '{names,sex,birthDate,birthPlace}',
        '[{"label":"a party other than the supplier","notSupplier":true,"notKinds":["mediator"]},{"label":"the mediator","kinds":["mediator"]}]'),
      ('circumstances-verified', 'dossier', '{displacement,biography}',
        '[{"label":"a party other than the supplier","notSupplier":true,"notKinds":["mediator"]},{"label":"the mediator","kinds":["mediator"]}]'),
      ('services-overview-verified', 'dossier', '{services}',
        '[{"label":"a party other than the supplier","notSupplier":true}]')
  `.execute(db);

  // Witnesses' cosignatures of checkpoints (c2sp.org/tlog-cosignature), one per witness and size.
  await sql`
    create table log_cosignature (
      checkpoint_size bigint not null references log_checkpoint(size),
      witness_key_id text not null references party_key(key_id),
      signature_line text not null,
      cosigned_at timestamptz not null,
      created_at timestamptz not null default now(),
      primary key (checkpoint_size, witness_key_id)
    )`.execute(db);
  // How many witnesses a checkpoint needs (null: every registered witness) and how fresh.
  await sql`
    create table witness_policy (
      id boolean primary key default true check (id),
      quorum integer check (quorum > 0),
      max_age_seconds integer not null default 3600 check (max_age_seconds > 0)
    )`.execute(db);
  await sql`insert into witness_policy (id) values (true)`.execute(db);

  // The log and its checkpoints are append-only, as audit_log is.
  await sql`
    create function transparency_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name using errcode = '42501';
    end $$`.execute(db);
  for (const table of ['log_entry', 'log_checkpoint', 'attestation']) {
    await sql`
      create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
      for each row execute function transparency_append_only()`.execute(db);
    await sql`
      create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function transparency_append_only()`.execute(db);
  }
}
