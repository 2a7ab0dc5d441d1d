import { sql, type Kysely } from 'kysely';

// A change sequence on dossiers and tracing requests (issue 4): every insert and update takes the
// next number, so the matching indexes read "what changed since number N" from an index instead
// of re-reading rows by time. One sequence per table, owned by its column (so a restore moves it on).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function bump_change_seq() returns trigger language plpgsql as $$
    begin
      new.change_seq := nextval(TG_ARGV[0]::regclass);
      return new;
    end $$`.execute(db);
  for (const table of ['dossier', 'tracing_request']) {
    const t = sql.raw(table);
    await sql`alter table ${t} add column change_seq bigserial`.execute(db);
    await sql`create index ${sql.raw(`${table}_change_seq_idx`)} on ${t}(change_seq)`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_change_seq`)} before update on ${t} for each row execute function bump_change_seq(${sql.lit(`${table}_change_seq_seq`)})`.execute(db);
  }
}
