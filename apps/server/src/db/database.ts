import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { join } from 'node:path';
import { DurableNodeFS, pgliteStartParams } from './durable-nodefs.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import type { DB } from './schema.ts';

// Dates stay 'YYYY-MM-DD' strings (no time-zone shifts); bigint counts become numbers.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /**
   * Runs raw SQL on the same connection pool (pg-boss uses it): parameterless text goes out as a
   * simple query, so multi-statement scripts work on both back ends.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Checks the connection; throws if the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const pgliteExtensions = { pg_trgm };

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Embedded mode: the Homeward data folder; PGlite keeps its files in `<dataDir>/pgdata`. */
  dataDir?: string | undefined;
  /** An already opened PGlite (tests load one from a migrated snapshot). */
  pglite?: PGlite;
  poolSize?: number;
}

/**
 * One driver path for both back ends: Kysely's PostgresDialect over `pg`, which talks either to a
 * PostgreSQL server or, through PGlite's node-postgres adapter, to embedded PGlite.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // A database that stops answering (network gone silent) must fail requests, not hang them: a new
    // connection gives up after 5 s (the request then answers 503), and TCP keep-alive finds dead links.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5_000, keepAlive: true });
    // Errors on idle clients (server restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      executeSql: (text, values) => pool.query(text, values),
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => db.destroy(),
    };
  }
  let lock: DataDirLock | undefined;
  let pglite = opts.pglite;
  if (!pglite) {
    if (!opts.dataDir) throw new Error('openDatabase needs databaseUrl, dataDir or pglite');
    lock = lockDataDir(opts.dataDir);
    try {
      // Durable: relaxedDurability off, fsync on, and a NODEFS that really fsyncs (durable-nodefs.ts).
      pglite = new PGlite({
        fs: new DurableNodeFS(join(opts.dataDir, 'pgdata')),
        startParams: pgliteStartParams,
        extensions: pgliteExtensions,
        relaxedDurability: false,
      });
      await pglite.waitReady;
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  const pool = new pg.Pool(createPgConfig(yieldingToEventLoop(pglite)));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const owned = !opts.pglite;
  const instance = pglite;
  return {
    db,
    kind: 'pglite',
    // Through the pool (one connection), never past it: a statement sent straight to PGlite could
    // land inside another caller's open transaction.
    executeSql: (text, values) => pool.query(text, values),
    ping: async () => {
      await instance.query('select 1');
    },
    close: async () => {
      await db.destroy();
      if (owned) await instance.close();
      lock?.release();
    },
  };
}

/**
 * PGlite for its node-postgres adapter, giving the event loop a turn at least every `sliceMs`.
 * PGlite answers in promise callbacks, so a loop of awaited statements (a matching catch-up over
 * 50,000 records) never let the event loop run: HTTP requests, signals (SIGTERM) and timers (job
 * schedules and heartbeats) waited until the loop ended, minutes later (found by bench/soak.ts).
 */
export function yieldingToEventLoop(pglite: PGlite, sliceMs = 10): PGlite {
  let last = performance.now();
  const adapter: Pick<PGlite, 'waitReady' | 'execProtocolStream'> = {
    waitReady: pglite.waitReady,
    execProtocolStream: async (message, options) => {
      if (performance.now() - last > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        last = performance.now();
      }
      return pglite.execProtocolStream(message, options);
    },
  };
  // The adapter uses no more of PGlite than these two (node-postgres/index.js).
  return adapter as PGlite;
}
