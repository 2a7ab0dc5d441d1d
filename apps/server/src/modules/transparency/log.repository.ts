import { sql } from 'kysely';
import type { LogEntry } from '@homeward/translog';
import type { Executor } from '../audit/audit.repository.ts';

export interface StoredEntry {
  index: number;
  entry: LogEntry;
  leafHash: string;
}

/**
 * Takes the log's append lock for the rest of the transaction: one appender at a time across
 * every server process (the index must stay gap-free), while readers are not blocked.
 */
export async function lockLogForAppend(db: Executor): Promise<void> {
  await sql`lock table log_entry in share row exclusive mode`.execute(db);
}

export async function nextLogIndex(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('log_entry')
    .select((eb) => eb.fn.max('idx').as('max'))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function insertLogEntry(db: Executor, e: StoredEntry): Promise<void> {
  await db
    .insertInto('log_entry')
    .values({ idx: e.index, kind: e.entry.kind, entry: JSON.stringify(e.entry), leaf_hash: e.leafHash })
    .execute();
}

/** Entries with from <= index < to, in log order. */
export async function findLogEntries(db: Executor, from: number, to?: number): Promise<StoredEntry[]> {
  let q = db.selectFrom('log_entry').select(['idx', 'entry', 'leaf_hash']).where('idx', '>=', from);
  if (to !== undefined) q = q.where('idx', '<', to);
  const rows = await q.orderBy('idx').execute();
  return rows.map((r) => ({ index: Number(r.idx), entry: r.entry as LogEntry, leafHash: r.leaf_hash }));
}

export async function findLeafHashesFrom(
  db: Executor,
  from: number,
): Promise<Array<{ index: number; leafHash: string }>> {
  const rows = await db
    .selectFrom('log_entry')
    .select(['idx', 'leaf_hash'])
    .where('idx', '>=', from)
    .orderBy('idx')
    .execute();
  return rows.map((r) => ({ index: Number(r.idx), leafHash: r.leaf_hash }));
}

export async function insertCheckpoint(
  db: Executor,
  c: { size: number; rootHash: string; note: string },
): Promise<void> {
  await db
    .insertInto('log_checkpoint')
    .values({ size: c.size, root_hash: c.rootHash, note: c.note })
    .onConflict((oc) => oc.column('size').doNothing())
    .execute();
}

export async function findLatestCheckpoint(db: Executor) {
  const row = await db
    .selectFrom('log_checkpoint')
    .selectAll()
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ...row, size: Number(row.size) } : undefined;
}

export async function findCheckpoint(db: Executor, size: number) {
  const row = await db.selectFrom('log_checkpoint').selectAll().where('size', '=', size).executeTakeFirst();
  return row ? { ...row, size: Number(row.size) } : undefined;
}

/** Every checkpoint note, oldest first, with the witnesses' cosignature lines appended. */
export async function findAllCheckpoints(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('log_checkpoint').select(['size', 'note']).orderBy('size').execute();
  const cosigs = await db
    .selectFrom('log_cosignature')
    .select(['checkpoint_size', 'signature_line'])
    .orderBy('witness_key_id')
    .execute();
  return rows.map(
    (r) =>
      r.note +
      cosigs
        .filter((c) => Number(c.checkpoint_size) === Number(r.size))
        .map((c) => c.signature_line)
        .join(''),
  );
}
