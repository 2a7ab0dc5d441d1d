import type { ImageType } from './sniff.ts';

export interface Dimensions {
  width: number;
  height: number;
}

/**
 * Width and height read from the file header alone, without decoding any pixels, so that a decompression
 * bomb (a 50,000 × 50,000 PNG is 60 kB on disk and 10 GB in memory) is refused before anything is
 * allocated for it. Returns null when the header cannot be found or is inconsistent.
 *
 * For HEIC/HEIF the largest `ispe` (image spatial extent) box is taken, which covers grid images whose
 * tiles are small but whose canvas is not.
 */
export function readImageDimensions(bytes: Uint8Array, type: ImageType): Dimensions | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'image/png':
      return readPng(buf);
    case 'image/jpeg':
      return readJpeg(buf);
    case 'image/webp':
      return readWebp(buf);
    case 'image/heic':
    case 'image/heif':
      return readHeif(buf);
  }
}

function valid(width: number, height: number): Dimensions | null {
  return width > 0 && height > 0 ? { width, height } : null;
}

function readPng(buf: Buffer): Dimensions | null {
  if (buf.length < 24 || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return valid(buf.readUInt32BE(16), buf.readUInt32BE(20));
}

// Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readJpeg(buf: Buffer): Dimensions | null {
  let at = 2;
  while (at + 4 <= buf.length) {
    if (buf[at] !== 0xff) return null;
    const marker = buf[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan data or end before any frame header
    const length = buf.readUInt16BE(at + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (at + 9 > buf.length) return null;
      return valid(buf.readUInt16BE(at + 7), buf.readUInt16BE(at + 5));
    }
    at += 2 + length;
  }
  return null;
}

function readWebp(buf: Buffer): Dimensions | null {
  if (buf.length < 30) return null;
  const chunk = buf.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return valid(buf.readUIntLE(24, 3) + 1, buf.readUIntLE(27, 3) + 1);
  if (chunk === 'VP8L') {
    if (buf[20] !== 0x2f) return null;
    const bits = buf.readUInt32LE(21);
    return valid((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ') {
    if (buf[23] !== 0x9d || buf[24] !== 0x01 || buf[25] !== 0x2a) return null;
    return valid(buf.readUInt16LE(26) & 0x3fff, buf.readUInt16LE(28) & 0x3fff);
  }
  return null;
}

function readHeif(buf: Buffer): Dimensions | null {
  let best: Dimensions | null = null;
  for (let at = buf.indexOf('ispe', 0, 'latin1'); at >= 4; at = buf.indexOf('ispe', at + 4, 'latin1')) {
    if (at + 16 > buf.length || buf.readUInt32BE(at - 4) < 20) continue;
    const found = valid(buf.readUInt32BE(at + 8), buf.readUInt32BE(at + 12));
    if (found && (!best || found.width * found.height > best.width * best.height)) best = found;
  }
  return best;
}
