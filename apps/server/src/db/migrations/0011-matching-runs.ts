import { sql, type Kysely } from 'kysely';

// Where the matching catch-up job got to (issue 4): it proposes candidates for every dossier and
// request changed since this watermark, so imports and edits are matched without a hook each.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table matching_run_state (
      name text primary key,
      watermark timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  // The matching indexes read what changed since their last look by these.
  await sql`create index dossier_updated_idx on dossier(updated_at)`.execute(db);
  await sql`create index tracing_request_updated_idx on tracing_request(updated_at)`.execute(db);
}
