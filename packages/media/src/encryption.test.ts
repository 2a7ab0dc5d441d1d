import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { MemoryBlobStore, readAll } from './blob-store.ts';
import { createDecryptStream, createEncryptStream } from './chunked-cipher.ts';
import { isMediaError } from './errors.ts';
import type { MediaErrorCode } from './errors.ts';
import { readDecrypted, storeEncrypted } from './ingest.ts';
import { createMasterKey, parseMasterKey, rewrapKey, unwrapKey, wrapKey, wrappedKeyId } from './keys.ts';

const CHUNK = 1024;
const HEADER = 9;
const FRAME = 1 + 4 + 12 + CHUNK + 16; // a full frame

async function failure(promise: Promise<unknown>): Promise<MediaErrorCode> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMediaError(error)) throw new Error(`expected a MediaError, got ${String(error)}`);
  return error.code;
}

async function setup(size = CHUNK * 3 + 100) {
  const store = new MemoryBlobStore();
  const master = createMasterKey('k2026');
  const plain = randomBytes(size);
  const stored = await storeEncrypted(store, { blobId: 'photo-1', data: plain, master, chunkSize: CHUNK });
  const read = (blobId = 'photo-1') =>
    readDecrypted(store, { blobId, wrappedKey: stored.wrappedKey, masters: [master] });
  return { store, master, plain, stored, read, blob: () => store.blobs.get('photo-1')! };
}

describe('envelope encryption', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK * 3 + 100])('round-trips %i bytes', async (size) => {
    const { plain, stored, read, blob } = await setup(size);
    expect(await read()).toEqual(plain);
    expect(stored.size).toBe(size);
    expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(blob().includes(plain.subarray(0, 16)) && size >= 16).toBe(false); // stored bytes are ciphertext
  });

  it('streams a source without holding it whole, and hashes the plaintext', async () => {
    const store = new MemoryBlobStore();
    const master = createMasterKey('k1');
    const parts = [randomBytes(5000), randomBytes(70_000), randomBytes(3)];
    async function* source() {
      yield* parts;
    }
    const stored = await storeEncrypted(store, { blobId: 'doc', data: source(), master });
    const plain = await readDecrypted(store, {
      blobId: 'doc',
      wrappedKey: stored.wrappedKey,
      masters: master,
      contentHash: stored.contentHash,
    });
    expect(plain).toEqual(Buffer.concat(parts));
  });

  it('works as Node streams too, and fails a stream cut short', async () => {
    const key = randomBytes(32);
    const plain = randomBytes(100_000);
    const sealed = await readAll(Readable.from([plain]).pipe(createEncryptStream(key, 'x', CHUNK)));
    const opened = await readAll(Readable.from([sealed]).pipe(createDecryptStream(key, 'x')));
    expect(opened).toEqual(plain);
    const cut = Readable.from([sealed.subarray(0, sealed.length - 1)]).pipe(createDecryptStream(key, 'x'));
    await expect(readAll(cut)).rejects.toMatchObject({ code: 'BLOB_TAMPERED' });
  });

  it('leaves nothing in the store when the plaintext source fails', async () => {
    const store = new MemoryBlobStore();
    async function* broken() {
      yield randomBytes(5000);
      throw new Error('client went away');
    }
    const attempt = storeEncrypted(store, { blobId: 'b', data: broken(), master: createMasterKey('k') });
    await expect(attempt).rejects.toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
    expect(store.blobs.size).toBe(0);
  });

  it('detects a flipped byte anywhere in the blob', async () => {
    const { read, blob } = await setup();
    for (const at of [2, HEADER + 3, HEADER + 20, HEADER + FRAME + 500, blob().length - 1]) {
      blob()[at]! ^= 0x01;
      expect(await failure(read())).toBe('BLOB_TAMPERED');
      blob()[at]! ^= 0x01;
    }
    expect((await read()).length).toBeGreaterThan(0);
  });

  it('detects truncation, even at a frame boundary, and data appended after the end', async () => {
    const { store, read, blob } = await setup();
    const whole = blob();
    for (const cut of [whole.length - 1, HEADER + FRAME * 3, HEADER + FRAME, HEADER, 4]) {
      store.blobs.set('photo-1', whole.subarray(0, cut));
      expect(await failure(read())).toBe('BLOB_TAMPERED');
    }
    store.blobs.set('photo-1', Buffer.concat([whole, whole.subarray(HEADER, HEADER + FRAME)]));
    expect(await failure(read())).toBe('BLOB_TAMPERED');
  });

  it('detects swapped chunks', async () => {
    const { store, read, blob } = await setup();
    const w = blob();
    const frame = (i: number) => w.subarray(HEADER + FRAME * i, HEADER + FRAME * (i + 1));
    store.blobs.set(
      'photo-1',
      Buffer.concat([w.subarray(0, HEADER), frame(1), frame(0), w.subarray(HEADER + FRAME * 2)]),
    );
    expect(await failure(read())).toBe('BLOB_TAMPERED');
  });

  it('refuses a blob moved to another id (the id is bound as associated data)', async () => {
    const { store, read, blob } = await setup();
    store.blobs.set('photo-2', blob());
    expect(await failure(read('photo-2'))).toBe('BLOB_TAMPERED');
  });

  it('checks the content hash when given', async () => {
    const { store, stored, master } = await setup();
    const input = { blobId: 'photo-1', wrappedKey: stored.wrappedKey, masters: master };
    expect(await failure(readDecrypted(store, { ...input, contentHash: 'ab'.repeat(32) }))).toBe(
      'BLOB_TAMPERED',
    );
  });

  it('rotates the master key without touching the stored blob', async () => {
    const { store, master: oldMaster, plain, stored, blob } = await setup();
    const before = Buffer.from(blob());
    const newMaster = createMasterKey('k2027');
    const rewrapped = rewrapKey(stored.wrappedKey, oldMaster, newMaster);
    expect(wrappedKeyId(rewrapped)).toBe('k2027');
    expect(blob()).toEqual(before);
    const read = (masters: (typeof oldMaster)[]) =>
      readDecrypted(store, { blobId: 'photo-1', wrappedKey: rewrapped, masters });
    expect(await read([newMaster])).toEqual(plain);
    expect(await failure(read([oldMaster]))).toBe('KEY_NOT_FOUND');
  });

  it('refuses the wrong master key and a wrapped key edited to name another key', () => {
    const a = createMasterKey('a');
    const wrapped = wrapKey(randomBytes(32), a);
    const impostor = createMasterKey('a'); // same id, different bytes
    expect(() => unwrapKey(wrapped, impostor)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
    const b = createMasterKey('b', a.key);
    expect(() => unwrapKey(wrapped.replace('hwk1.a.', 'hwk1.b.'), b)).toThrow(
      expect.objectContaining({ code: 'KEY_INVALID' }),
    );
    expect(() => unwrapKey('garbage', a)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });

  it('parses master keys from configuration', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(`k1:${key.toString('base64')}`)).toEqual({ id: 'k1', key });
    expect(() => parseMasterKey('k1:c2hvcnQ=')).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });
});
