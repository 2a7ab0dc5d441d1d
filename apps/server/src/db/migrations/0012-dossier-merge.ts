import { sql, type Kysely } from 'kysely';

// Reversible dossier merges (issue 4): confirming that two dossiers of one party describe the same
// child folds the newer into the older. The row keeps exactly what the merge changed, so an undo
// can take back that and nothing else; the absorbed dossier itself is never deleted or rewritten.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dossier_merge (
      id uuid primary key default gen_random_uuid(),
      survivor_id uuid not null references dossier(id),
      absorbed_id uuid not null references dossier(id),
      proposal_id uuid not null references match_proposal(id),
      party_id uuid not null references party(id),
      status text not null check (status in ('active', 'undone')),
      -- The names the merge appended to the survivor, as stored there (what an undo removes).
      names_added jsonb not null,
      survivor_version_after integer not null,
      merged_by uuid references app_user(id),
      merged_at timestamptz not null,
      undone_by uuid references app_user(id),
      undone_at timestamptz,
      undo_reason text,
      check (survivor_id <> absorbed_id),
      check ((status = 'undone') = (undone_at is not null))
    )`.execute(db);
  // A dossier is absorbed into one survivor at a time.
  await sql`create unique index dossier_merge_active_idx on dossier_merge(absorbed_id) where status = 'active'`.execute(
    db,
  );
  await sql`create index dossier_merge_survivor_idx on dossier_merge(survivor_id)`.execute(db);
  await sql`create index dossier_merge_absorbed_idx on dossier_merge(absorbed_id)`.execute(db);
}
