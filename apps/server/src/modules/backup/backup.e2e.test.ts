import { LocalBlobStore } from '@homeward/media';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoJpeg } from '../../../../../packages/media/test/fixtures.ts';
import { caseSides, openFixtureCase } from '../../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createTestDatabase, testBackend } from '../../../test/test-db.ts';
import { withDatabase } from '../../../test/global-setup.ts';
import { openDatabase } from '../../db/database.ts';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../db/database.ts';
import { verifyStoredLog } from '../transparency/log-export.service.ts';
import { upload, useTemporaryMediaFolder } from '../media/media.test-support.ts';
import { createBackup } from './backup.service.ts';
import { compareWithManifest, restoreBackup, verifyBackupFile } from './restore.service.ts';

// The master key of the instance under test; the media key is derived from it as in production.
const masterKey = Buffer.alloc(32, 7);
let t: TestApp;
let blobDir: string;
let target: Database;
const dir = mkdtempSync(join(tmpdir(), 'hw-backup-'));
const file = join(dir, 'homeward.hwb');
let caseId: string;

beforeAll(async () => {
  blobDir = useTemporaryMediaFolder();
  t = await createTestApp();
  const sides = await caseSides(t);
  ({ caseId } = await openFixtureCase(t, sides, { status: 'located' }));
  // A status change enters the transparency log (and publishes a checkpoint).
  const moved = await sides.holder.post(`/api/v1/cases/${caseId}/transitions`, { to: 'verified', version: 1 });
  expect(moved.statusCode, moved.body).toBe(200);
  const d = (await sides.holder.get(`/api/v1/cases/${caseId}`)).json().dossierId as string;
  const photo = await upload(sides.holder, `/api/v1/dossiers/${d}/media?kind=photo`, await photoJpeg(320, 240), 'image/jpeg');
  expect(photo.statusCode, photo.body).toBe(201);
  target = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await t.close();
  await target.close();
});

describe('backup and restore', () => {
  it('writes an encrypted backup with a manifest of counts, hashes and the log head', async () => {
    const manifest = await createBackup({ db: t.database.db, clock: t.clock, masterKey, blobs: new LocalBlobStore(blobDir) }, file);
    expect(manifest.tables.tracing_case!.rows).toBe(1);
    expect(manifest.tables.dossier!.rows).toBeGreaterThanOrEqual(1);
    expect(manifest.tables.media_blob!.rows).toBe(3);
    expect(manifest.blobs).toMatchObject({ count: 3, missing: 0 });
    expect(manifest.log.size).toBeGreaterThan(0);
    expect(manifest.migrations.at(-1)).toMatch(/^\d{4}-/);
    // Encrypted: no name, no JSON, no JPEG in the file; the plaintext manifest has no personal data.
    const bytes = readFileSync(file);
    for (const needle of ['Коваленко', '"table"', 'dossier']) expect(bytes.includes(Buffer.from(needle))).toBe(false);
    expect(readFileSync(`${file}.manifest.json`, 'utf8')).not.toMatch(/Коваленко|Александр|Ірина/);
    expect(await verifyBackupFile(file, masterKey)).toEqual(manifest);
  });

  it('refuses a backup under another master key, and a damaged one, restoring nothing', async () => {
    await expect(verifyBackupFile(file, Buffer.alloc(32, 8))).rejects.toMatchObject({ code: 'BACKUP_KEY_MISMATCH' });
    const damaged = join(dir, 'damaged.hwb');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(damaged, bytes);
    await expect(restoreBackup({ db: target.db, masterKey }, damaged)).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    const truncated = join(dir, 'truncated.hwb');
    writeFileSync(truncated, readFileSync(file).subarray(0, 200));
    await expect(restoreBackup({ db: target.db, masterKey }, truncated)).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    expect(await target.db.selectFrom('dossier').select('id').execute()).toEqual([]);
  });

  it('restores into an empty instance: same counts, hashes, log root and blobs; a second restore is refused', async () => {
    const restoredBlobs = mkdtempSync(join(tmpdir(), 'hw-restored-blobs-'));
    const report = await restoreBackup({ db: target.db, masterKey, blobs: new LocalBlobStore(restoredBlobs) }, file);
    expect(report.blobs).toBe(3);
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
    expect(await compareWithManifest(target.db, manifest)).toEqual([]);
    expect(report.log).toEqual(manifest.log);

    // The restored log verifies as a whole, checkpoints and signatures included.
    const { report: verified } = await verifyStoredLog(target.db, { now: t.clock.now() });
    expect(verified.ok).toBe(true);
    expect(verified.size).toBe(manifest.log.size);

    // The case and its history came back exactly; sequences continue past the restored ids.
    const c = await target.db.selectFrom('tracing_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(c.status).toBe('verified');
    const maxAudit = (await target.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m;
    await target.db.insertInto('audit_log').values({ actor_user_id: null, actor_party_id: null, action: 'test.after-restore', record_type: 'test', record_id: null, fields: [], reason: null, request_id: null, details: '{}' }).execute();
    const newest = await target.db.selectFrom('audit_log').select('id').where('action', '=', 'test.after-restore').executeTakeFirstOrThrow();
    expect(Number(newest.id)).toBeGreaterThan(Number(maxAudit));

    // Blobs are byte-identical (still encrypted as stored).
    const original = new LocalBlobStore(blobDir);
    const restored = new LocalBlobStore(restoredBlobs);
    for (const { id } of await target.db.selectFrom('media_blob').select('id').execute()) {
      const read = async (s: LocalBlobStore) => {
        const chunks: Buffer[] = [];
        for await (const c of await s.get(id)) chunks.push(c as Buffer);
        return Buffer.concat(chunks);
      };
      expect((await read(restored)).equals(await read(original))).toBe(true);
    }

    await expect(restoreBackup({ db: target.db, masterKey }, file)).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' });
  });

  it.runIf(testBackend === 'pglite' && !!process.env.TEST_DATABASE_URL)(
    'moves an embedded instance to PostgreSQL: a PGlite backup restores into a PostgreSQL database',
    async () => {
      const url = process.env.TEST_DATABASE_URL!;
      const name = `hw_restore_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
      const pgDb = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 2 });
      try {
        await restoreBackup({ db: pgDb.db, masterKey }, file);
        const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
        expect(await compareWithManifest(pgDb.db, manifest)).toEqual([]);
        expect((await verifyStoredLog(pgDb.db, { now: t.clock.now() })).report.ok).toBe(true);
      } finally {
        await pgDb.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    60_000,
  );
});
