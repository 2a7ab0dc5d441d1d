import { MediaError } from './errors.ts';

/** The content types this package accepts. Anything else is refused with `UNSUPPORTED_TYPE`. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;
export const DOCUMENT_TYPES = ['application/pdf'] as const;

export type ImageType = (typeof IMAGE_TYPES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type MediaType = ImageType | DocumentType;

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** Brands of an ISO-BMFF `ftyp` box (major first), or null when the file does not start with one. */
function ftypBrands(bytes: Uint8Array): string[] | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
  const boxSize = Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0);
  if (boxSize < 16 || boxSize > 4096) return null;
  const end = Math.min(boxSize, bytes.length);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands;
}

/**
 * The type of a file judged only by its first bytes (magic numbers), never by name or declared type.
 * Returns null for anything outside the allow-list, including AVIF (a HEIF container with AV1 inside),
 * scripts, HTML, SVG and ZIP.
 *
 * @example sniffType(await readFile('photo.jpg')) // 'image/jpeg', even if the file is called photo.png
 */
export function sniffType(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  const brands = ftypBrands(bytes);
  if (brands) {
    if (brands.some((b) => HEIC_BRANDS.has(b))) return 'image/heic';
    if (brands.includes('avif') || brands.includes('avis')) return null;
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'image/heif';
  }
  return null;
}

/** Sniffs `bytes` and throws `UNSUPPORTED_TYPE` unless the type is in `allowed`. */
export function requireType<T extends MediaType>(bytes: Uint8Array, allowed: readonly T[]): T {
  const type = sniffType(bytes);
  if (type === null || !(allowed as readonly MediaType[]).includes(type)) {
    const names = allowed.map((t) => t.split('/')[1]?.toUpperCase()).join(', ');
    throw new MediaError('UNSUPPORTED_TYPE', `This file is not an accepted type (accepted: ${names}).`);
  }
  return type as T;
}

export function isImageType(type: MediaType): type is ImageType {
  return (IMAGE_TYPES as readonly string[]).includes(type);
}
