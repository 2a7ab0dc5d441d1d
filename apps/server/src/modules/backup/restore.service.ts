import type { BlobStore } from '@homeward/media';
import { sql, type Kysely } from 'kysely';
import { createDecipheriv, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Executor } from '../audit/audit.repository.ts';
import { appliedMigrations, logTreeHead } from './backup.service.ts';
import { applicationTables, countRows, insertRows, quoteIdent, readRows, resetSequences } from './backup-tables.ts';
import { backupKey, keyIdOf, readHeader, readTag, type BackupManifest, type BackupRecord } from './backup-format.ts';

export interface RestoreDeps {
  db: Kysely<DB>;
  masterKey: Buffer;
  /** Where restored blobs go; without it blob records are skipped (and reported). */
  blobs?: BlobStore | undefined;
}

export interface RestoreReport {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  blobs: number;
  blobsSkipped: number;
  log: { size: number; root: string };
}

const BATCH = 500;

/**
 * Configuration rows that migrations seed into every new instance: a restore replaces them with
 * the backup's (which may have been changed since), so they do not make a fresh instance "not empty".
 */
const SEEDED_BY_MIGRATIONS = ['verification_policy', 'witness_policy'];

/** The body's records, decrypted and decompressed; the GCM tag is checked when the stream ends. */
function openBody(path: string, masterKey: Buffer) {
  const { header, line, bodyStart, bodyEnd } = readHeader(path);
  const key = backupKey(masterKey);
  if (header.keyId !== keyIdOf(key)) {
    throw new AppError('BACKUP_KEY_MISMATCH', 'This backup was made under another master key: set the HOMEWARD_MASTER_KEY of the instance that made it.');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(Buffer.from(line, 'latin1'));
  decipher.setAuthTag(readTag(path, bodyEnd));
  const gunzip = createGunzip();
  const done = pipeline(createReadStream(path, { start: bodyStart, end: bodyEnd - 1 }), decipher, gunzip).catch(() => {
    throw new AppError('BACKUP_CORRUPT', 'The backup file is damaged or was altered: it fails its integrity check.');
  });
  return { header, gunzip, done };
}

async function* recordsOf(path: string, masterKey: Buffer): AsyncGenerator<BackupRecord> {
  const { gunzip, done } = openBody(path, masterKey);
  // Keep the pipeline's failure from going unhandled while lines are still being read.
  done.catch(() => undefined);
  const lines = createInterface({ input: gunzip, crlfDelay: Infinity });
  try {
    for await (const l of lines) {
      if (!l) continue;
      try {
        yield JSON.parse(l) as BackupRecord;
      } catch {
        throw new AppError('BACKUP_CORRUPT', 'The backup holds a record that cannot be read.');
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    await done;
    throw new AppError('BACKUP_CORRUPT', 'The backup file is damaged or was altered: it fails its integrity check.');
  }
  await done;
}

/**
 * Checks a backup end to end without restoring anything: the whole file is decrypted and its
 * authentication tag verified. Returns the manifest it carries.
 */
export async function verifyBackupFile(path: string, masterKey: Buffer): Promise<BackupManifest> {
  let manifest: BackupManifest | undefined;
  for await (const r of recordsOf(path, masterKey)) if (r.t === 'end') manifest = r.manifest;
  if (!manifest) throw new AppError('BACKUP_CORRUPT', 'The backup ends early: it has no closing manifest.');
  return manifest;
}

async function assertEmptyTarget(db: Executor, manifest: BackupManifest): Promise<void> {
  const migrations = await appliedMigrations(db);
  if (JSON.stringify(migrations) !== JSON.stringify(manifest.migrations)) {
    throw new AppError('BACKUP_VERSION_MISMATCH', 'This instance is at another schema version than the backup: restore with the Homeward version that made it.', {
      details: { backup: manifest.migrations.at(-1) ?? null, instance: migrations.at(-1) ?? null },
    });
  }
  for (const t of await applicationTables(db)) {
    if (SEEDED_BY_MIGRATIONS.includes(t.name)) continue;
    if ((await countRows(db, t.name)) > 0) {
      throw new AppError('RESTORE_TARGET_NOT_EMPTY', 'A backup is restored into an empty instance only (a fresh data folder or database).', { details: { table: t.name } });
    }
  }
}

/**
 * Restores a backup into an empty instance of the same schema version. First the whole file is
 * authenticated (nothing is read into the database before that); then every row goes in within
 * one transaction, sequences are moved past the restored ids, and counts, table hashes and the
 * transparency log's root are recomputed and compared with the manifest before the commit. Any
 * difference rolls everything back.
 */
export async function restoreBackup(deps: RestoreDeps, path: string): Promise<RestoreReport> {
  const manifest = await verifyBackupFile(path, deps.masterKey);
  await assertEmptyTarget(deps.db, manifest);
  const written: string[] = [];
  try {
    const report = await deps.db.transaction().execute(async (trx) => {
      await sql`set local time zone 'UTC'`.execute(trx);
      const tables = await applicationTables(trx);
      const known = new Set(tables.map((t) => t.name));
      for (const t of [...tables].reverse()) if (SEEDED_BY_MIGRATIONS.includes(t.name)) await sql`delete from ${sql.raw(quoteIdent(t.name))}`.execute(trx);
      const pending = { table: '', rows: [] as string[] };
      let rows = 0;
      let blobs = 0;
      let blobsSkipped = 0;
      let blobParts: Buffer[] = [];
      const flush = async () => {
        if (pending.rows.length) await insertRows(trx, pending.table, pending.rows);
        pending.rows = [];
      };
      for await (const r of recordsOf(path, deps.masterKey)) {
        if (r.t === 'row') {
          if (!known.has(r.table)) throw new AppError('BACKUP_VERSION_MISMATCH', 'The backup holds a table this instance does not have.');
          if (pending.table !== r.table) {
            await flush();
            pending.table = r.table;
          }
          pending.rows.push(JSON.stringify(r.row));
          rows++;
          if (pending.rows.length >= BATCH) await flush();
        } else if (r.t === 'blob') {
          await flush();
          blobParts.push(Buffer.from(r.data, 'base64'));
          if (r.last) {
            if (deps.blobs) {
              await deps.blobs.put(r.id, Buffer.concat(blobParts));
              written.push(r.id);
              blobs++;
            } else blobsSkipped++;
            blobParts = [];
          }
        }
      }
      await flush();
      for (const t of tables) await resetSequences(trx, t);

      // Verify what is now in the database against the manifest, before committing.
      const problems: string[] = [];
      for (const t of tables) {
        const expected = manifest.tables[t.name];
        if (!expected) continue;
        const hash = createHash('sha256');
        let n = 0;
        for (let offset = 0; ; offset += 2000) {
          const page = await readRows(trx, t, offset, 2000);
          for (const json of page) hash.update(json).update('\n');
          n += page.length;
          if (page.length < 2000) break;
        }
        if (n !== expected.rows || hash.digest('hex') !== expected.sha256) problems.push(t.name);
      }
      const log = await logTreeHead(trx);
      if (log.size !== manifest.log.size || log.root !== manifest.log.root) problems.push('transparency log root');
      if (problems.length) {
        throw new AppError('RESTORE_VERIFY_FAILED', 'The restored data does not match the backup manifest; nothing was restored.', { details: { mismatched: problems } });
      }
      return { manifest, tables: tables.length, rows, blobs, blobsSkipped, log };
    });
    return report;
  } catch (err) {
    // The rows rolled back; take back the blobs written for them too.
    for (const id of written) await deps.blobs?.delete(id).catch(() => undefined);
    throw err;
  }
}

/** For the drill: the restored instance's counts, table hashes and log root against a manifest. */
export async function compareWithManifest(db: Kysely<DB>, manifest: BackupManifest): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`set local time zone 'UTC'`.execute(trx);
    const out: string[] = [];
    for (const t of await applicationTables(trx)) {
      const expected = manifest.tables[t.name];
      if (!expected) continue;
      const hash = createHash('sha256');
      let n = 0;
      for (let offset = 0; ; offset += 2000) {
        const page = await readRows(trx, t, offset, 2000);
        for (const json of page) hash.update(json).update('\n');
        n += page.length;
        if (page.length < 2000) break;
      }
      if (n !== expected.rows || hash.digest('hex') !== expected.sha256) out.push(t.name);
    }
    const log = await logTreeHead(trx);
    if (log.size !== manifest.log.size || log.root !== manifest.log.root) out.push('transparency log root');
    return out;
  });
}

// A Writable that drops everything: keeps a pipeline flowing when only the check matters.
export const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
