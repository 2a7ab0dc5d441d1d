import { existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jpegWithPrivateExif } from '../../../../../packages/media/test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { countRows, createDossier, filesUnder, upload, useTemporaryMediaFolder } from './media.test-support.ts';

// A full disk during an upload, through the real upload route and the real local blob store: the
// disk "fills" after the first variant is written, and every later write gets the kernel's own
// ENOSPC (written to /dev/full, which always answers so). The real tmpfs version of this is
// apps/cli/test/full-disk.process.test.ts (it needs root).
const disk = vi.hoisted(() => ({ full: false, opened: 0 }));

vi.mock('@homeward/media', async (original) => {
  const media = await original<typeof import('@homeward/media')>();
  const { open: openFile } = await import('node:fs/promises');
  class FillingBlobStore extends media.LocalBlobStore {
    constructor(root: string) {
      super(root, {
        openForWrite: async (path: string, flags: string, mode: number): Promise<FileHandle> => {
          const handle = await openFile(path, flags, mode);
          if (!disk.full || ++disk.opened === 1) return handle;
          const devFull = await openFile('/dev/full', 'w');
          const writeFull = devFull.write.bind(devFull) as (...args: unknown[]) => Promise<unknown>;
          handle.write = ((...args: unknown[]) => writeFull(...args)) as FileHandle['write'];
          const close = handle.close.bind(handle);
          handle.close = async () => (await devFull.close(), close());
          return handle;
        },
      });
    }
  }
  return { ...media, LocalBlobStore: FillingBlobStore };
});

let t: TestApp;
let holder: Client;
let blobDir: string;
let dossierId: string;
beforeAll(async () => {
  blobDir = useTemporaryMediaFolder();
  t = await createTestApp();
  holder = await t.login(['caseworker'], await t.party('holding-country-authority'));
  dossierId = await createDossier(holder);
});
afterAll(() => t.close());

describe.skipIf(!existsSync('/dev/full'))('a full disk during an upload', () => {
  it('answers 507 STORAGE_FULL, stores nothing (no row, no blob, no temporary file), and accepts the file once there is room', async () => {
    const { open: realOpen } = await import('node:fs/promises');
    // The error the store sees is the kernel's, not a hand-made object.
    const probe = await realOpen('/dev/full', 'w');
    await expect(probe.write(Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOSPC', syscall: 'write' });
    await probe.close();

    const url = `/api/v1/dossiers/${dossierId}/media?kind=photo`;
    const photo = await jpegWithPrivateExif(1600, 1200);
    disk.full = true;
    const res = await upload(holder, url, photo, 'image/jpeg');
    expect(disk.opened).toBeGreaterThan(1); // the first variant was written before the disk filled
    expect(res.statusCode).toBe(507);
    expect(res.json()).toMatchObject({ code: 'STORAGE_FULL' });
    expect(res.json().message).toMatch(/full/i);
    expect(await countRows(t, 'media_file')).toBe(0);
    expect(await countRows(t, 'media_blob')).toBe(0);
    expect(filesUnder(blobDir)).toEqual([]);
    expect((await holder.get(`/api/v1/dossiers/${dossierId}/media`)).json().items).toEqual([]);

    disk.full = false;
    const again = await upload(holder, url, photo, 'image/jpeg');
    expect(again.statusCode).toBe(201);
    expect(filesUnder(blobDir)).toHaveLength(3);
  });
});
