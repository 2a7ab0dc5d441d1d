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
}
