import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCaptureDate } from './exif-date.ts';

async function exifOf(IFD2: Record<string, string>): Promise<Buffer | undefined> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'x' }, IFD2 })
    .toBuffer();
  return (await sharp(jpeg).metadata()).exif;
}

describe('readCaptureDate', () => {
  it('reads DateTimeOriginal, with its offset when the camera wrote one', async () => {
    expect(readCaptureDate(await exifOf({ DateTimeOriginal: '2021:12:31 23:59:58' }))).toBe(
      '2021-12-31T23:59:58',
    );
    const withOffset = await exifOf({
      DateTimeOriginal: '2021:12:31 23:59:58',
      OffsetTimeOriginal: '-05:00',
    });
    expect(readCaptureDate(withOffset)).toBe('2021-12-31T23:59:58-05:00');
  });

  it('falls back to DateTimeDigitized and ignores impossible dates', async () => {
    expect(readCaptureDate(await exifOf({ DateTimeDigitized: '2020:02:29 12:00:00' }))).toBe(
      '2020-02-29T12:00:00',
    );
    expect(readCaptureDate(await exifOf({ DateTimeOriginal: '0000:00:00 00:00:00' }))).toBeUndefined();
  });

  it('returns undefined, never throws, for missing or garbage EXIF', () => {
    expect(readCaptureDate(undefined)).toBeUndefined();
    expect(readCaptureDate(Buffer.from('Exif\0\0II*\0\xff\xff\xff\x7f', 'latin1'))).toBeUndefined();
    expect(readCaptureDate(Buffer.from('not exif at all'))).toBeUndefined();
  });
});
