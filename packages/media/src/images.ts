import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Sharp, SharpOptions } from 'sharp';
import { MediaError } from './errors.ts';
import { readCaptureDate } from './exif-date.ts';
import { decodeHeic } from './heic.ts';
import { readImageDimensions } from './image-header.ts';
import type { ImageType } from './sniff.ts';

export type VariantName = 'original' | 'medium' | 'thumbnail';
export type OutputFormat = 'jpeg' | 'webp';

export interface VariantSpec {
  name: VariantName;
  /** The longer side is scaled down to this many pixels; smaller images are never enlarged. */
  maxSide: number;
  quality: number;
}

/** The sizes produced by default: the original re-encoded and capped, a medium size and a thumbnail. */
export const DEFAULT_VARIANTS: readonly VariantSpec[] = [
  { name: 'original', maxSide: 3000, quality: 90 },
  { name: 'medium', maxSide: 1024, quality: 85 },
  { name: 'thumbnail', maxSide: 256, quality: 80 },
];

/** 64 megapixels: a 48 MP phone photo passes, a decompression bomb does not. */
export const DEFAULT_MAX_PIXELS = 64_000_000;

export interface ProcessImageOptions {
  format?: OutputFormat;
  maxPixels?: number;
  variants?: readonly VariantSpec[];
  /** Per libvips pipeline; a pathological file is abandoned rather than tying up a worker. */
  timeoutSeconds?: number;
}

export interface ImageVariant {
  name: VariantName;
  mime: 'image/jpeg' | 'image/webp';
  bytes: Buffer;
  width: number;
  height: number;
  /** SHA-256 (hex) of `bytes`. */
  sha256: string;
}

export interface ProcessedImage {
  variants: ImageVariant[];
  /** From EXIF DateTimeOriginal, read before the metadata is stripped (see {@link readCaptureDate}). */
  capturedAt?: string;
}

const LIBVIPS_FORMAT: Record<ImageType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heif',
  'image/heif': 'heif',
};

// libvips lists `.heic` among its HEIF suffixes only when its libheif has a HEVC decoder. The prebuilt
// binaries ship without one (patent licensing), so iPhone photos go to the wasm decoder instead.
const SHARP_DECODES_HEVC = sharp.format.heif?.input.fileSuffix?.includes('.heic') ?? false;

/**
 * Decodes an image and re-encodes it at each requested size, auto-oriented and with every piece of
 * metadata removed (EXIF, GPS, maker notes and camera serials, XMP, IPTC, ICC profiles: colours are
 * converted to sRGB and no profile is written). Only the capture date is kept, returned separately.
 *
 * Refuses, with a {@link MediaError}: images whose header declares more than `maxPixels` pixels
 * (`IMAGE_TOO_LARGE_PIXELS`, checked before any pixel is decoded, and again by libvips'
 * `limitInputPixels`), and truncated or corrupt images (`IMAGE_CORRUPT`).
 *
 * @example
 * const { variants, capturedAt } = await processImage(bytes, 'image/jpeg', { format: 'webp' });
 * // variants: original (≤3000 px), medium (≤1024 px), thumbnail (≤256 px)
 */
export async function processImage(
  bytes: Uint8Array,
  type: ImageType,
  options: ProcessImageOptions = {},
): Promise<ProcessedImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const dims = readImageDimensions(bytes, type);
  if (!dims) throw new MediaError('IMAGE_CORRUPT', 'The image is damaged or incomplete.');
  if (dims.width * dims.height > maxPixels) throw tooManyPixels(maxPixels);

  const input: SharpOptions = { limitInputPixels: maxPixels, failOn: 'error' };
  const metadata = await sharp(bytes, input)
    .metadata()
    .catch((error: unknown) => {
      throw toMediaError(error, maxPixels);
    });
  // libvips picks its loader from the bytes too; insist it agrees with our sniffing, so no other loader runs.
  if (metadata.format !== LIBVIPS_FORMAT[type]) {
    throw new MediaError('IMAGE_CORRUPT', 'The image is damaged or incomplete.');
  }
  const capturedAt = readCaptureDate(metadata.exif);

  const specs = options.variants ?? DEFAULT_VARIANTS;
  const render = (base: () => Sharp) =>
    Promise.all(specs.map((spec) => encodeVariant(base(), spec, options)));
  const isHeif = type === 'image/heic' || type === 'image/heif';
  let variants: ImageVariant[];
  if (isHeif && metadata.compression !== 'av1' && !SHARP_DECODES_HEVC) {
    variants = await renderHeic(bytes, maxPixels, render);
  } else {
    variants = await render(() => sharp(bytes, input).rotate()).catch((error: unknown) => {
      throw toMediaError(error, maxPixels);
    });
  }
  return capturedAt === undefined ? { variants } : { variants, capturedAt };
}

async function renderHeic(
  bytes: Uint8Array,
  maxPixels: number,
  render: (base: () => Sharp) => Promise<ImageVariant[]>,
): Promise<ImageVariant[]> {
  try {
    const raw = await decodeHeic(bytes);
    if (raw.width * raw.height > maxPixels) throw tooManyPixels(maxPixels);
    const rawInput = { raw: { width: raw.width, height: raw.height, channels: 4 as const } };
    return await render(() => sharp(raw.pixels, rawInput));
  } catch (error) {
    throw toMediaError(error, maxPixels);
  }
}

async function encodeVariant(
  image: Sharp,
  spec: VariantSpec,
  options: ProcessImageOptions,
): Promise<ImageVariant> {
  const format = options.format ?? 'jpeg';
  image
    .resize({ width: spec.maxSide, height: spec.maxSide, fit: 'inside', withoutEnlargement: true })
    .timeout({ seconds: options.timeoutSeconds ?? 30 });
  if (format === 'jpeg') image.flatten({ background: '#ffffff' }).jpeg({ quality: spec.quality });
  else image.webp({ quality: spec.quality });
  // sharp writes no EXIF, XMP, IPTC or ICC unless asked to (withMetadata / keepExif / keepIccProfile).
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  return {
    name: spec.name,
    mime: format === 'jpeg' ? 'image/jpeg' : 'image/webp',
    bytes: data,
    width: info.width,
    height: info.height,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

function tooManyPixels(maxPixels: number): MediaError {
  const mp = Math.round(maxPixels / 1e6);
  return new MediaError('IMAGE_TOO_LARGE_PIXELS', `The image has more than ${mp} million pixels.`);
}

function toMediaError(error: unknown, maxPixels: number): MediaError {
  if (error instanceof MediaError) return error;
  if (error instanceof Error && /pixel limit/i.test(error.message)) return tooManyPixels(maxPixels);
  return new MediaError('IMAGE_CORRUPT', 'The image is damaged or incomplete.', { cause: error });
}
