import { fromHex, MerkleTree, toHex } from '@homeward/translog';
import type { BlobStore } from '@homeward/media';
import { sql, type Kysely } from 'kysely';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, createWriteStream, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.repository.ts';
import { applicationTables, readRows } from './backup-tables.ts';
import { backupKey, headerLine, keyIdOf, type BackupHeader, type BackupManifest, type BackupRecord } from './backup-format.ts';

export interface BackupDeps {
  db: Kysely<DB>;
  clock: Clock;
  masterKey: Buffer;
  /** Where photos and documents are stored; without it the backup holds the database only. */
  blobs?: BlobStore | undefined;
}

const PAGE = 2000;
const BLOB_CHUNK = 1024 * 1024;

/** The applied migrations, oldest first: a restore needs a schema at exactly this version. */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from schema_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** The transparency log's tree head computed from the stored leaves (not from a checkpoint). */
export async function logTreeHead(db: Executor): Promise<{ size: number; root: string }> {
  const rows = await sql<{ leaf_hash: string }>`select leaf_hash from log_entry order by idx`.execute(db);
  const tree = MerkleTree.fromLeafHashes(rows.rows.map((r) => fromHex(r.leaf_hash, 32)));
  return { size: tree.size, root: toHex(tree.root()) };
}

/**
 * Writes a consistent, encrypted backup of every application table (one REPEATABLE READ
 * snapshot) and of the stored blobs, to `outPath` (written to a temporary name, fsync'd, then
 * renamed, so a crash never leaves a file that looks complete). Returns the manifest, which is
 * also written in plaintext next to it (`<outPath>.manifest.json`: counts and hashes only).
 */
export async function createBackup(deps: BackupDeps, outPath: string): Promise<BackupManifest> {
  const key = backupKey(deps.masterKey);
  const createdAt = deps.clock.now().toISOString();
  const header: BackupHeader = { format: 'homeward-backup', version: 1, createdAt, cipher: 'aes-256-gcm', iv: randomBytes(12).toString('base64'), keyId: keyIdOf(key) };
  const line = headerLine(header);
  const tmp = `${outPath}.partial`;
  writeFileSync(tmp, line, { mode: 0o600 });
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  cipher.setAAD(Buffer.from(line, 'latin1'));

  const manifest = await deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      await sql`set local time zone 'UTC'`.execute(trx);
      const m: BackupManifest = {
        format: 'homeward-backup',
        version: 1,
        createdAt,
        migrations: await appliedMigrations(trx),
        tables: {},
        blobs: { count: 0, bytes: 0, missing: 0, sha256: '' },
        log: await logTreeHead(trx),
      };
      const tables = await applicationTables(trx);
      const blobIds = deps.blobs ? (await sql<{ id: string }>`select id from media_blob order by id`.execute(trx)).rows.map((r) => r.id) : [];
      const blobs = deps.blobs;
      async function* records(): AsyncGenerator<string> {
        for (const table of tables) {
          const hash = createHash('sha256');
          let rows = 0;
          for (let offset = 0; ; offset += PAGE) {
            const page = await readRows(trx, table, offset, PAGE);
            for (const json of page) {
              hash.update(json).update('\n');
              yield `{"t":"row","table":${JSON.stringify(table.name)},"row":${json}}\n`;
            }
            rows += page.length;
            if (page.length < PAGE) break;
          }
          m.tables[table.name] = { rows, sha256: hash.digest('hex') };
        }
        const all = createHash('sha256');
        for (const id of blobIds) {
          let data: Buffer;
          try {
            const chunks: Buffer[] = [];
            for await (const c of await blobs!.get(id)) chunks.push(c as Buffer);
            data = Buffer.concat(chunks);
          } catch {
            m.blobs.missing++;
            continue;
          }
          all.update(`${id}:${createHash('sha256').update(data).digest('hex')}\n`);
          m.blobs.count++;
          m.blobs.bytes += data.length;
          for (let seq = 0, at = 0; at < data.length || seq === 0; seq++, at += BLOB_CHUNK) {
            const rec: BackupRecord = { t: 'blob', id, seq, last: at + BLOB_CHUNK >= data.length, data: data.subarray(at, at + BLOB_CHUNK).toString('base64') };
            yield `${JSON.stringify(rec)}\n`;
          }
        }
        m.blobs.sha256 = all.digest('hex');
        yield `${JSON.stringify({ t: 'end', manifest: m } satisfies BackupRecord)}\n`;
      }
      await pipeline(Readable.from(records()), createGzip(), cipher, createWriteStream(tmp, { flags: 'a' }));
      return m;
    });

  appendFileSync(tmp, cipher.getAuthTag());
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, outPath);
  writeFileSync(`${outPath}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}
