import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAll } from './blob-store.ts';
import { LocalBlobStore } from './local-blob-store.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'homeward-blobs-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file under the store, relative to its root (temporary files included). */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

async function* failingAfter(bytes: number, error: Error) {
  yield randomBytes(bytes);
  throw error;
}

describe('LocalBlobStore', () => {
  it('stores, reads, checks and deletes', async () => {
    const store = new LocalBlobStore(root);
    const data = randomBytes(100_000);
    await store.put('0f3c9a', data);
    expect(await store.exists('0f3c9a')).toBe(true);
    expect(await readAll(await store.get('0f3c9a'))).toEqual(data);
    expect(await filesIn(root)).toEqual(['0f/0f3c9a']);
    await store.delete('0f3c9a');
    await store.delete('0f3c9a'); // idempotent
    expect(await store.exists('0f3c9a')).toBe(false);
    await expect(store.get('0f3c9a')).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
  });

  it('refuses ids that could name a path outside the store', async () => {
    const store = new LocalBlobStore(root);
    for (const id of ['../escape', 'a/b', '', '.tmp-x', 'x'.repeat(129)]) {
      await expect(store.put(id, Buffer.from('x'))).rejects.toMatchObject({ code: 'INVALID_BLOB_ID' });
    }
  });

  it('leaves nothing behind when the upload is interrupted midway, and keeps the previous version', async () => {
    const store = new LocalBlobStore(root);
    await store.put('blob1', Buffer.from('previous'));
    const interrupted = store.put('blob1', failingAfter(300_000, new Error('socket hang up')));
    await expect(interrupted).rejects.toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
    await expect(store.put('blob2', failingAfter(10, new Error('aborted')))).rejects.toMatchObject({
      code: 'UPLOAD_INTERRUPTED',
    });
    expect(await filesIn(root)).toEqual(['bl/blob1']);
    expect((await readAll(await store.get('blob1'))).toString()).toBe('previous');
    expect(await store.exists('blob2')).toBe(false);
  });

  it('reports a full disk as STORAGE_FULL and leaves nothing half-stored', async () => {
    let written = 0;
    const store = new LocalBlobStore(root, {
      openForWrite: async (path, flags, mode) => {
        const handle: FileHandle = await open(path, flags, mode);
        const realWrite = handle.write.bind(handle) as (
          b: Buffer,
          o: number,
          l: number,
        ) => Promise<{ bytesWritten: number }>;
        Object.assign(handle, {
          write: async (buffer: Buffer, offset: number, length: number) => {
            if (written + length > 150_000) {
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            }
            written += length;
            return realWrite(buffer, offset, length);
          },
        });
        return handle;
      },
    });
    async function* big() {
      for (let i = 0; i < 10; i++) yield randomBytes(64 * 1024);
    }
    await expect(store.put('big', big())).rejects.toMatchObject({ code: 'STORAGE_FULL' });
    expect(written).toBeGreaterThan(0); // it really failed midway, not before starting
    expect(await filesIn(root)).toEqual([]);
    expect(await store.exists('big')).toBe(false);
  });

  it('sweeps temporary files left by a process killed mid-write', async () => {
    const store = new LocalBlobStore(root);
    await store.put('ab12', Buffer.from('kept'));
    const stale = join(root, 'ab', '.tmp-ab13-dead');
    await writeFile(stale, 'half');
    await utimes(stale, new Date(0), new Date(0));
    await writeFile(join(root, 'ab', '.tmp-ab14-live'), 'in progress');
    expect(await store.removeStaleTemporaryFiles(60_000)).toBe(1);
    expect((await filesIn(root)).sort()).toEqual(['ab/.tmp-ab14-live', 'ab/ab12']);
  });
});
