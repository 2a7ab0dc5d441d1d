import { sql, type Kysely } from 'kysely';

// Photos and documents on cases (issue 7): e.g. the handover photo, a signed travel document.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table media_file drop constraint media_file_subject_type_check`.execute(db);
  await sql`alter table media_file add constraint media_file_subject_type_check check (subject_type in ('dossier','tracing_request','case'))`.execute(db);
}
