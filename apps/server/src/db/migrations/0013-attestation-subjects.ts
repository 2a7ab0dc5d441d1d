import { sql, type Kysely } from 'kysely';

// Attestations about cases as well as dossiers, and verification policies that administrators
// define and change (issue 5). A merged migration is never edited: add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attestation drop constraint if exists attestation_subject_type_check`.execute(db);
  await sql`alter table attestation add constraint attestation_subject_type_check check (subject_type in ('dossier','case'))`.execute(db);

  // Each change of a policy bumps its version and is entered in the log (log_index; null for the
  // policies seeded by the migrations, which every installation starts with).
  await sql`alter table verification_policy add column version integer not null default 1`.execute(db);
  await sql`alter table verification_policy add column log_index bigint references log_entry(idx)`.execute(db);
  await sql`alter table verification_policy add constraint verification_policy_subject_type_check check (subject_type in ('dossier','case'))`.execute(db);

  // Case claims. The family link is judged by the case's two parties (only they see a case); a
  // handover is completed when each side has signed its own record of it.
  await sql`
    insert into verification_policy (claim, subject_type, covered_fields, requirements) values
      ('family-link-verified', 'case', '{dossierId,requestId,relationship,sought}',
        '[{"label":"the holding side","side":"holding"},{"label":"the family side","side":"family"}]'),
      ('handover-completed', 'case', '{handover}',
        '[{"label":"the holding side","side":"holding"},{"label":"the family side","side":"family"}]')
    on conflict (claim) do nothing
  `.execute(db);
}
