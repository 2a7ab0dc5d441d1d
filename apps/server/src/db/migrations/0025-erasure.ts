import { sql, type Kysely } from 'kysely';

// Erasure, strict consent and minimised history (issue 11). A merged migration is never edited.
//
// - `consent_mode`: each party's consent mode; no row is `transitional` (docs/SECURITY.md, "Consent").
// - `erasure`: the tombstone an erasure leaves (ids, time, reason code, who; never a value).
// - The append-only history tables hold free text (reasons, notes). Their triggers are narrowed:
//   still no change and no delete, except that in a transaction that says so
//   (`set_config('homeward.minimise', 'on', true)`) the named free-text columns may be set to null
//   or '[minimised]', every other column staying as it was. The age-out consent history may also
//   be deleted in an erasure (`homeward.erase`). The transparency log and attestations are untouched.
// - A partial index on the audit entries that still hold a reason, for retention's daily scan.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consent_mode (
      party_id uuid primary key references party(id),
      mode text not null check (mode in ('strict', 'transitional')),
      updated_by uuid references app_user(id),
      updated_at timestamptz not null
    )`.execute(db);

  await sql`
    create table erasure (
      id uuid primary key default gen_random_uuid(),
      subject_type text not null check (subject_type in ('dossier', 'request')),
      subject_id uuid not null unique,
      party_id uuid not null references party(id),
      reason_code text not null check (reason_code in ('data-subject-request', 'consent-withdrawn', 'unlawful-processing', 'legal-obligation', 'entered-in-error')),
      legal_reference text check (length(legal_reference) <= 200),
      requested_by uuid references app_user(id),
      erased_by uuid references app_user(id),
      approval_id uuid references pending_approval(id),
      erased_at timestamptz not null,
      log_index bigint not null references log_entry(idx),
      -- Per table and field, how many rows were erased: names and counts only.
      summary jsonb not null
    )`.execute(db);
  await sql`create index erasure_party_idx on erasure(party_id, erased_at desc)`.execute(db);
  await sql`
    create trigger erasure_no_change before update or delete on erasure
    for each row execute function transparency_append_only()`.execute(db);

  // tg_argv[0]: 'erasable' (an erasure may delete the row) or 'kept'; the rest: the free-text columns.
  await sql`
    create function history_minimise_only() returns trigger language plpgsql as $$
    declare
      cols text[] := tg_argv[1:];
      col text;
      before jsonb;
      after jsonb;
    begin
      if tg_op = 'DELETE' and tg_argv[0] = 'erasable' and current_setting('homeward.erase', true) = 'on' then
        return old;
      end if;
      if tg_op = 'UPDATE' and current_setting('homeward.minimise', true) = 'on' then
        before := to_jsonb(old);
        after := to_jsonb(new);
        if (after - cols) = (before - cols) then
          foreach col in array cols loop
            if (after -> col) is distinct from (before -> col) and (after -> col) <> 'null'::jsonb and (after ->> col) is distinct from '[minimised]' then
              raise exception '%.% can only be minimised', tg_table_name, col using errcode = '42501';
            end if;
          end loop;
          return new;
        end if;
      end if;
      raise exception '% is append-only', tg_table_name using errcode = '42501';
    end $$`.execute(db);

  const narrowed: Array<[table: string, trigger: string, mode: 'kept' | 'erasable', column: string]> = [
    ['audit_log', 'audit_log_no_change', 'kept', 'reason'],
    ['tracing_case_event', 'tracing_case_event_no_change', 'kept', 'reason'],
    ['case_message_event', 'case_message_event_no_change', 'kept', 'reason'],
    ['match_proposal_event', 'match_proposal_event_no_change', 'kept', 'reason'],
    ['age_out_consent', 'age_out_consent_no_change', 'erasable', 'notes'],
    ['consent', 'consent_no_change', 'kept', 'reason'],
    ['consent_withdrawal', 'consent_withdrawal_no_change', 'kept', 'reason'],
  ];
  // Retention looks for the reasons still to minimise among the audit entries of closed cases.
  await sql`create index audit_log_reason_idx on audit_log(record_type, record_id) where reason is not null and reason <> '[minimised]'`.execute(db);
  for (const [table, trigger, mode, column] of narrowed) {
    await sql`drop trigger ${sql.raw(trigger)} on ${sql.table(table)}`.execute(db);
    await sql`
      create trigger ${sql.raw(trigger)} before update or delete on ${sql.table(table)}
      for each row execute function history_minimise_only(${sql.lit(mode)}, ${sql.lit(column)})`.execute(db);
  }
}
