import { sql, type Kysely } from 'kysely';

// Retention (issue 11): each party's retention rules, the marker left on every minimised row, and
// one report per party and run of the `retention.minimise` job. A merged migration is never edited.
export async function up(db: Kysely<unknown>): Promise<void> {
  // No row, no rule: nothing is minimised until a party's administrator sets a rule.
  await sql`
    create table retention_rule (
      party_id uuid not null references party(id),
      kind text not null check (kind in ('closed-case-sensitive','closed-request-contact','closed-dossier-sensitive','media-of-closed')),
      months integer not null check (months between 1 and 1200),
      updated_by uuid references app_user(id),
      updated_at timestamptz not null,
      primary key (party_id, kind)
    )`.execute(db);

  // Which fields of which row a rule minimised, and when: the row itself keeps a null or a
  // '[minimised]' sentinel, never a deleted row. Field names only, never the values.
  await sql`
    create table retention_minimised (
      record_type text not null,
      record_id text not null,
      party_id uuid not null references party(id),
      rule text not null,
      fields text[] not null,
      minimised_at timestamptz not null,
      run_id uuid,
      primary key (record_type, record_id)
    )`.execute(db);
  await sql`create index retention_minimised_party_idx on retention_minimised(party_id, minimised_at)`.execute(db);

  // What one run did for one party: per rule, counts of rows and fields (no personal data).
  await sql`
    create table retention_run (
      id uuid primary key default gen_random_uuid(),
      run_id uuid not null,
      party_id uuid not null references party(id),
      status text not null check (status in ('completed','failed')),
      started_at timestamptz not null,
      finished_at timestamptz not null,
      results jsonb not null,
      unique (run_id, party_id)
    )`.execute(db);
  await sql`create index retention_run_party_idx on retention_run(party_id, started_at desc)`.execute(db);
}
