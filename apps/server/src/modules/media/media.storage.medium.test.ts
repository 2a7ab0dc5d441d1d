import { LocalBlobStore, MemoryBlobStore, createMasterKey, type BlobStore } from '@homeward/media';
import { mkdtempSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithPrivateExif } from '../../../../../packages/media/test/fixtures.ts';
import { createTestDatabase } from '../../../test/test-db.ts';
import { fixedClock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { createDossier } from '../dossiers/dossiers.service.ts';
import { createParty } from '../parties/parties.service.ts';
import { rotateMediaKeys, sweepMedia } from './media.maintenance.service.ts';
import { findBlobs, insertPendingMedia } from './media.repository.ts';
import { readMediaContent, uploadMedia, type MediaDeps } from './media.service.ts';
import { filesUnder, minimalDossier } from './media.test-support.ts';

let database: Database;
let actor: Actor;
let dossierId: string;
const clock = fixedClock('2026-06-01T10:00:00Z');
const k1 = createMasterKey('k2026');
const k2 = createMasterKey('k2027');
const deps = (store: BlobStore, keys = [k1]): MediaDeps => ({ db: database.db, clock, storage: { store, keys, maxBytes: 25_000_000 } });
const subject = () => ({ type: 'dossier' as const, id: dossierId });
const mediaRows = async () => Number((await database.db.selectFrom('media_file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  database = await createTestDatabase();
  const party = await createParty(database.db, systemActor(), { code: `MED-${Date.now() % 100000}`, name: 'Media test party', kind: 'holding-country-authority' });
  actor = systemActor(party.id);
  dossierId = (await createDossier({ db: database.db, clock }, actor, minimalDossier() as never)).id;
});
afterAll(() => database.close());

/** A folder store whose disk "fills up" after `okWrites` successful file writes. */
function storeFillingUpAfter(okWrites: number): { store: LocalBlobStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hw-full-'));
  let opened = 0;
  const openForWrite = async (path: string, flags: string, mode: number): Promise<FileHandle> => {
    const handle = await open(path, flags, mode);
    if (++opened <= okWrites) return handle;
    const write = handle.write.bind(handle);
    let written = 0;
    handle.write = (async (...args: Parameters<FileHandle['write']>) => {
      if ((written += 1) > 1) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      return write(...args);
    }) as FileHandle['write'];
    return handle;
  };
  return { store: new LocalBlobStore(dir, { openForWrite }), dir };
}

describe('nothing half-stored', () => {
  it('a full disk midway through the variants: STORAGE_FULL, no row, no blob, no temporary file', async () => {
    const { store, dir } = storeFillingUpAfter(1);
    const photo = await jpegWithPrivateExif(2400, 1800);
    await expect(uploadMedia(deps(store), actor, subject(), { bytes: photo, kind: 'photo' })).rejects.toMatchObject({ code: 'STORAGE_FULL', status: 507 });
    expect(await mediaRows()).toBe(0);
    expect(filesUnder(dir)).toEqual([]);
  });

  it('a store that fails on its last write leaves nothing behind', async () => {
    const memory = new MemoryBlobStore();
    let puts = 0;
    const flaky: BlobStore = {
      put: async (id, data) => {
        if (++puts === 3) throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
        return memory.put(id, data);
      },
      get: (id) => memory.get(id),
      delete: (id) => memory.delete(id),
      exists: (id) => memory.exists(id),
    };
    await expect(uploadMedia(deps(flaky), actor, subject(), { bytes: await jpegWithPrivateExif(300, 300), kind: 'photo' })).rejects.toBeTruthy();
    expect(memory.blobs.size).toBe(0);
    expect(await mediaRows()).toBe(0);
  });

  it('the sweep removes what a crash between blobs and commit left, and leaves uploads in flight alone', async () => {
    const store = new MemoryBlobStore();
    const pendingAt = async (updatedAt: Date, blobId: string) => {
      await database.db.transaction().execute((trx) =>
        insertPendingMedia(
          trx,
          { subject_type: 'dossier', subject_id: dossierId, kind: 'photo', status: 'pending', source_type: 'image/jpeg', source_hash: 'a'.repeat(64), content_hash: 'b'.repeat(64), taken_on: null, captured_at: null, supplied_by: null, party_id: actor.partyId!, uploaded_by: null, updated_at: updatedAt },
          [{ id: blobId, variant: 'original', mime: 'image/jpeg', width: 1, height: 1, size: 1, sha256: 'c'.repeat(64) }],
        ),
      );
      await store.put(blobId, Buffer.from('encrypted bytes'));
    };
    const crashed = '11111111-1111-4111-8111-111111111111';
    const inFlight = '22222222-2222-4222-8222-222222222222';
    await pendingAt(new Date('2026-06-01T07:00:00Z'), crashed);
    await pendingAt(new Date('2026-06-01T09:59:00Z'), inFlight);
    expect(await sweepMedia(deps(store))).toEqual({ removed: 1 });
    expect([...store.blobs.keys()]).toEqual([inFlight]);
    expect(await mediaRows()).toBe(1);
    await sweepMedia(deps(store), { pendingOlderThanMs: 0 });
    expect(store.blobs.size).toBe(0);
    expect(await mediaRows()).toBe(0);
  });
});

describe('key rotation', () => {
  it('re-wraps every data key under the new master key without touching the blobs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-rot-'));
    const store = new LocalBlobStore(dir);
    const { media } = await uploadMedia(deps(store, [k1]), actor, subject(), { bytes: await jpegWithPrivateExif(500, 400), kind: 'photo' });
    const before = filesUnder(dir).map((f) => readFileSync(join(dir, f)));

    await expect(readMediaContent(deps(store, [k2]), actor, media.id, 'thumbnail')).rejects.toMatchObject({ code: 'MEDIA_KEY_MISSING' });
    const result = await rotateMediaKeys(deps(store, [k2, k1]), actor);
    expect(result).toMatchObject({ keyId: 'k2027', rewrapped: 3, before: [{ keyId: 'k2026', blobs: 3 }] });
    expect((await findBlobs(database.db, [media.id])).every((b) => b.key_id === 'k2027' && b.wrapped_key?.startsWith('hwk1.k2027.'))).toBe(true);

    // Only the new key is needed now; the encrypted bytes are exactly as they were.
    const content = await readMediaContent(deps(store, [k2]), actor, media.id, 'original');
    expect(content.mime).toBe('image/jpeg');
    expect(filesUnder(dir).map((f) => readFileSync(join(dir, f)))).toEqual(before);
    expect((await rotateMediaKeys(deps(store, [k2, k1]), actor)).rewrapped).toBe(0);
    const audit = await database.db.selectFrom('audit_log').select('details').where('action', '=', 'media.rotate-keys').execute();
    expect(audit.map((a) => a.details)).toEqual([{ keyId: 'k2027', blobs: 3 }]);
  });

  it('stops with MEDIA_KEY_MISSING when a blob’s old key is not configured, changing nothing', async () => {
    const store = new MemoryBlobStore();
    await uploadMedia(deps(store, [k1]), actor, subject(), { bytes: await jpegWithPrivateExif(120, 90), kind: 'photo' });
    const k3 = createMasterKey('k2028');
    await expect(rotateMediaKeys(deps(store, [k3]), actor)).rejects.toMatchObject({ code: 'MEDIA_KEY_MISSING' });
    const keys = await database.db.selectFrom('media_blob').select('key_id').execute();
    expect(keys.some((k) => k.key_id === 'k2028')).toBe(false);
  });
});
