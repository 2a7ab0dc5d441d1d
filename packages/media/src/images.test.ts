import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HEIC_WITH_EXIF, jpegWithPrivateExif, photoJpeg, pngHeaderOnly } from '../test/fixtures.ts';
import { isMediaError } from './errors.ts';
import type { MediaErrorCode } from './errors.ts';
import { readImageDimensions } from './image-header.ts';
import { processImage } from './images.ts';

async function refusal(promise: Promise<unknown>): Promise<MediaErrorCode> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMediaError(error)) throw new Error(`expected a MediaError, got ${String(error)}`);
  return error.code;
}

describe('processImage', () => {
  it('strips GPS, camera serial and owner from every size but returns the capture date', async () => {
    const input = await jpegWithPrivateExif();
    const before = await exifr.parse(input, { gps: true });
    expect(before.latitude).toBeCloseTo(50.45); // the fixture really carries what must go
    expect(before.SerialNumber ?? before.BodySerialNumber).toBe('SN-0042');

    const { variants, capturedAt } = await processImage(input, 'image/jpeg');
    expect(capturedAt).toBe('2022-03-01T10:20:30+02:00');
    expect(variants.map((v) => v.name)).toEqual(['original', 'medium', 'thumbnail']);
    for (const variant of variants) {
      expect(await exifr.parse(variant.bytes, true)).toBeUndefined();
      expect(await exifr.gps(variant.bytes)).toBeUndefined();
      const meta = await sharp(variant.bytes).metadata();
      expect([meta.exif, meta.xmp, meta.icc, meta.iptc]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(variant.bytes.includes('Olena')).toBe(false);
      expect(variant.bytes.includes('SN-0042')).toBe(false);
    }
  });

  it('drops ICC profiles and XMP, converting colours to sRGB', async () => {
    const input = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ff0000' } })
      .withIccProfile('p3')
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>Secret place</x:xmpmeta>')
      .jpeg()
      .toBuffer();
    expect((await sharp(input).metadata()).icc).toBeDefined();
    const { variants } = await processImage(input, 'image/jpeg', { format: 'webp' });
    for (const variant of variants) {
      const meta = await sharp(variant.bytes).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.icc, meta.xmp, meta.exif]).toEqual([undefined, undefined, undefined]);
      expect(variant.bytes.includes('Secret place')).toBe(false);
    }
  });

  it('auto-orients before stripping the orientation tag', async () => {
    const sideways = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#123456' } })
      .jpeg()
      .withMetadata({ orientation: 6 }) // "rotate 90° clockwise to display"
      .toBuffer();
    const { variants } = await processImage(sideways, 'image/jpeg');
    expect(variants[0]).toMatchObject({ name: 'original', width: 200, height: 400 });
  });

  it('produces capped original, medium and thumbnail sizes without enlarging', async () => {
    const { variants } = await processImage(await photoJpeg(4000, 3000, false), 'image/jpeg');
    expect(variants.map((v) => [v.name, v.width, v.height, v.mime])).toEqual([
      ['original', 3000, 2250, 'image/jpeg'],
      ['medium', 1024, 768, 'image/jpeg'],
      ['thumbnail', 256, 192, 'image/jpeg'],
    ]);
    const small = await processImage(await photoJpeg(200, 100, false), 'image/jpeg');
    expect(small.variants.map((v) => v.width)).toEqual([200, 200, 200]);
  });

  it('flattens transparent PNGs onto white for JPEG output', async () => {
    const png = await sharp({
      create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const { variants } = await processImage(png, 'image/png');
    const { data } = await sharp(variants[2]!.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([255, 255, 255]);
  });

  it('refuses a truncated JPEG', async () => {
    const whole = await photoJpeg(800, 600);
    expect(await refusal(processImage(whole.subarray(0, Math.floor(whole.length * 0.6)), 'image/jpeg'))).toBe(
      'IMAGE_CORRUPT',
    );
    expect(await refusal(processImage(whole.subarray(0, 40), 'image/jpeg'))).toBe('IMAGE_CORRUPT');
  });

  it('refuses a 50,000 × 50,000 PNG from its header, without decoding it', async () => {
    const bomb = pngHeaderOnly(50_000, 50_000);
    expect(readImageDimensions(bomb, 'image/png')).toEqual({ width: 50_000, height: 50_000 });
    const rssBefore = process.memoryUsage().rss;
    expect(await refusal(processImage(bomb, 'image/png'))).toBe('IMAGE_TOO_LARGE_PIXELS');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024); // 2.5 GB if decoded
  });

  it('applies the pixel limit given by the caller, also through libvips', async () => {
    const input = await photoJpeg(1000, 1000);
    expect(await refusal(processImage(input, 'image/jpeg', { maxPixels: 999_999 }))).toBe(
      'IMAGE_TOO_LARGE_PIXELS',
    );
  });

  it('decodes HEIC (falling back to libheif wasm when libvips cannot) and strips its metadata', async () => {
    const { variants, capturedAt } = await processImage(HEIC_WITH_EXIF, 'image/heic');
    expect(capturedAt).toBe('2023-07-14T09:08:07+03:00');
    expect(variants[0]).toMatchObject({ width: 64, height: 48, mime: 'image/jpeg' });
    const { data } = await sharp(variants[0]!.bytes).raw().toBuffer({ resolveWithObject: true });
    // The fixture is red on the left and blue on the bottom half; check the top-left pixel survived.
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(60);
    expect(await exifr.parse(variants[0]!.bytes, true)).toBeUndefined();
  });

  it('refuses a truncated HEIC', async () => {
    const cut = HEIC_WITH_EXIF.subarray(0, 600);
    expect(await refusal(processImage(cut, 'image/heic'))).toBe('IMAGE_CORRUPT');
  });
});
