import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, pgliteExtensions, type Database } from '../src/db/database.ts';
import { withDatabase } from './global-setup.ts';

export const testBackend = (process.env.HOMEWARD_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/**
 * A fresh, migrated database for one test file: PGlite loaded from the run's snapshot, or a
 * PostgreSQL database copied from the run's template. `close()` disposes of it.
 */
export async function createTestDatabase(): Promise<Database> {
  if (testBackend === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `hw_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 5 });
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const blob = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  const pglite = new PGlite({ loadDataDir: blob, extensions: pgliteExtensions });
  const database = await openDatabase({ pglite });
  return {
    ...database,
    close: async () => {
      await database.close();
      await pglite.close();
    },
  };
}
