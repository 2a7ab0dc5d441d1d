import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';

/** Tables a backup leaves out: the migrator's own bookkeeping (the schema comes from migrations). */
const SKIPPED = new Set(['schema_migration', 'schema_migration_lock']);

export interface TableInfo {
  name: string;
  /** Primary-key columns, for a stable row order (and so a stable hash). */
  orderBy: string[];
  /** Columns filled from a sequence: restored rows keep their values, the sequence moves past them. */
  sequences: Array<{ column: string; sequence: string }>;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const quoteIdent = ident;

/**
 * The application's tables in an order that satisfies their foreign keys (referenced tables
 * first), so a restore can insert them one after another with every constraint checked.
 */
export async function applicationTables(db: Executor): Promise<TableInfo[]> {
  const tables = (
    await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((n) => !SKIPPED.has(n));
  const fks = (
    await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`.execute(db)
  ).rows;
  const pks = (
    await sql<{ table: string; column: string }>`
      select c.relname as table, a.attname as column
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
      join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where i.indisprimary and n.nspname = 'public'
      order by c.relname, k.ord`.execute(db)
  ).rows;
  const seqs = (
    await sql<{ table: string; column: string; sequence: string }>`
      select table_name as table, column_name as column,
             pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
      from information_schema.columns
      where table_schema = 'public' and column_default like 'nextval(%'`.execute(db)
  ).rows;

  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const fk of fks) if (fk.child !== fk.parent && parents.has(fk.child) && parents.has(fk.parent)) parents.get(fk.child)!.add(fk.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (done.has(t)) return;
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle through ${t}`);
    visiting.add(t);
    for (const p of [...parents.get(t)!].sort()) visit(p);
    visiting.delete(t);
    done.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered.map((name) => ({
    name,
    orderBy: pks.filter((p) => p.table === name).map((p) => p.column),
    sequences: seqs.filter((s) => s.table === name && s.sequence).map((s) => ({ column: s.column, sequence: s.sequence })),
  }));
}

/** One page of a table's rows as canonical JSON text, in primary-key order. */
export async function readRows(db: Executor, table: TableInfo, offset: number, limit: number): Promise<string[]> {
  const order = table.orderBy.length ? table.orderBy.map(ident).join(', ') : 't::text';
  const rows = await sql<{ j: string }>`
    select row_to_json(t)::text as j from ${sql.raw(ident(table.name))} t
    order by ${sql.raw(order)} limit ${limit} offset ${offset}`.execute(db);
  return rows.rows.map((r) => r.j);
}

/**
 * Inserts rows given as JSON objects (as read by readRows), types restored by PostgreSQL itself.
 * Identity columns (`generated always`, e.g. consent.seq) keep their backed-up values.
 */
export async function insertRows(db: Executor, table: string, rows: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into ${sql.raw(ident(table))} overriding system value
    select * from json_populate_recordset(null::${sql.raw(ident(table))}, ${`[${rows.join(',')}]`}::json)`.execute(db);
}

export async function countRows(db: Executor, table: string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.raw(ident(table))}`.execute(db);
  return Number(r.rows[0]!.n);
}

/** Moves each sequence past the restored values, so new rows get fresh ids. */
export async function resetSequences(db: Executor, table: TableInfo): Promise<void> {
  for (const s of table.sequences) {
    await sql`
      select setval(${s.sequence}::regclass,
        coalesce((select max(${sql.raw(ident(s.column))}) from ${sql.raw(ident(table.name))}), 0) + 1, false)`.execute(db);
  }
}
