import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { HEIC_WITH_EXIF, buildPdf, pageObjects } from '../test/fixtures.ts';
import { readImageDimensions } from './image-header.ts';
import { sniffType } from './sniff.ts';

const blank = () => sharp({ create: { width: 37, height: 23, channels: 3, background: '#000' } });

describe('sniffType', () => {
  it('recognises each accepted type by its bytes alone', async () => {
    expect(sniffType(await blank().jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffType(await blank().png().toBuffer())).toBe('image/png');
    expect(sniffType(await blank().webp().toBuffer())).toBe('image/webp');
    expect(sniffType(HEIC_WITH_EXIF)).toBe('image/heic');
    expect(sniffType(buildPdf(pageObjects()))).toBe('application/pdf');
  });

  it.each([
    ['a shell script', '#!/bin/sh\nrm -rf / # photo.jpg'],
    ['HTML', '<html><script>alert(1)</script></html>'],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['a ZIP', 'PK\x03\x04\x14\x00\x00\x00'],
    ['an empty file', ''],
  ])('returns null for %s', (_name, content) => {
    expect(sniffType(Buffer.from(content, 'latin1'))).toBeNull();
  });

  it('refuses AVIF, a HEIF container outside the allow-list', async () => {
    expect(sniffType(await blank().avif().toBuffer())).toBeNull();
  });
});

describe('readImageDimensions', () => {
  it('reads width and height from each header without decoding', async () => {
    for (const [type, encode] of [
      ['image/jpeg', (s: Sharp) => s.jpeg()],
      ['image/png', (s: Sharp) => s.png()],
      ['image/webp', (s: Sharp) => s.webp()],
      ['image/webp', (s: Sharp) => s.webp({ lossless: true })],
      ['image/webp', (s: Sharp) => s.webp({ effort: 0 }).withExif({ IFD0: { Make: 'x' } })],
    ] as const) {
      const bytes = await encode(blank()).toBuffer();
      expect(readImageDimensions(bytes, type)).toEqual({ width: 37, height: 23 });
    }
    expect(readImageDimensions(HEIC_WITH_EXIF, 'image/heic')).toEqual({ width: 64, height: 64 }); // grid tiles
  });

  it('returns null for a header cut short', () => {
    expect(readImageDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'image/jpeg')).toBeNull();
  });
});
