import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@homeward/server/db/database.ts';
import { jpegWithPrivateExif } from '../../../packages/media/test/fixtures.ts';
import { call, childEnv, exited, login, prepareInstance, startServer } from './process-support.ts';

// A real full disk: `homeward serve` keeps its photos on a 2 MiB tmpfs that the test fills up.
// Mounting needs root; elsewhere this skips (media.full-disk.e2e.test.ts covers the same path with
// the kernel's ENOSPC from /dev/full, as any user).
const mountPoint = mkdtempSync(join(tmpdir(), 'hw-tmpfs-'));
const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', mountPoint]).status === 0;
if (!mounted) console.log('full-disk.process.test: not root, or mount -t tmpfs is not allowed here; the real full-disk test is skipped.');

const children: ChildProcess[] = [];
afterAll(async () => {
  children.forEach((c) => c.kill('SIGKILL'));
  await Promise.all(children.map((c) => exited(c)));
  if (mounted) spawnSync('umount', [mountPoint]);
});

/** Files under the blob folder, temporary ones included, the filler left out. */
const stored = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name !== 'filler')
    .map((d) => d.name);

describe.skipIf(!mounted)('a full disk during an upload (real tmpfs)', () => {
  it('answers 507 STORAGE_FULL and leaves nothing half-stored; once there is room, the same server takes the photo', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hw-full-'));
    const blobDir = join(mountPoint, 'blobs');
    const env = childEnv({ HOMEWARD_DATA_DIR: dataDir, HOMEWARD_BLOB_DIR: blobDir });
    const { email } = await prepareInstance(env);
    const server = await startServer(env, children);
    const s = await login(server.url, email);
    const made = await call(server.url, s, 'POST', '/api/v1/dossiers', { names: [{ givenName: 'Марія', familyName: 'Тест' }], sex: 'female' });
    expect(made.status).toBe(201);
    const dossierId = made.body.id as string;
    const photo = await jpegWithPrivateExif(2400, 1800);
    const send = () =>
      fetch(`${server.url}/api/v1/dossiers/${dossierId}/media?kind=photo`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'image/jpeg' },
        body: photo,
      });

    // Fill the file system, leaving 8 KiB: less than the photo's variants need.
    const free = () => {
      const f = statfsSync(mountPoint);
      return f.bavail * f.bsize;
    };
    writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(Math.max(0, free() - 8192)));
    expect(free()).toBeLessThan(photo.length);

    const res = await send();
    expect(res.status).toBe(507);
    expect(await res.json()).toMatchObject({ code: 'STORAGE_FULL' });
    expect(stored(mountPoint)).toEqual([]); // no blob, no temporary file
    const list = await fetch(`${server.url}/api/v1/dossiers/${dossierId}/media`, { headers: { cookie: s.cookie } });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);

    // Room again: the same server process accepts the same photo.
    rmSync(join(mountPoint, 'filler'));
    const again = await send();
    expect(again.status).toBe(201);
    expect(stored(mountPoint)).toHaveLength(3);

    server.proc.kill('SIGTERM');
    expect(await exited(server.proc)).toBe(0);
    // In the database: the one accepted photo, ready; nothing pending from the refused one.
    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.db.selectFrom('media_file').select('status').execute();
      expect(rows.map((r) => r.status)).toEqual(['ready']);
    } finally {
      await db.close();
    }
  }, 90_000);
});
