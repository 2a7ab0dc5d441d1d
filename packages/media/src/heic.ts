import type { Dimensions } from './image-header.ts';

export interface RawImage extends Dimensions {
  /** RGBA pixels, row by row. */
  pixels: Buffer;
}

/**
 * Decodes a HEIC photo with libheif compiled to WebAssembly (heic-decode). Used only when the prebuilt
 * libvips cannot decode HEVC itself (its libheif is built without the libde265 plugin, for licensing
 * reasons). The module is loaded on first use: it is several megabytes of wasm.
 *
 * The caller must have checked the header dimensions first: this allocates width × height × 4 bytes.
 */
export async function decodeHeic(bytes: Uint8Array): Promise<RawImage> {
  const { default: decode } = await import('heic-decode');
  const { width, height, data } = await decode({ buffer: bytes });
  if (data.length !== width * height * 4) throw new Error('HEIC decoder returned an inconsistent buffer');
  return { width, height, pixels: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
}
