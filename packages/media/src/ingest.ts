import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { chunksOf, readAll } from './blob-store.ts';
import type { BlobSource, BlobStore } from './blob-store.ts';
import { decryptChunks, encryptChunks } from './chunked-cipher.ts';
import { MediaError } from './errors.ts';
import { processImage } from './images.ts';
import type { OutputFormat, VariantName } from './images.ts';
import { generateDataKey, unwrapKey, wrapKey } from './keys.ts';
import type { MasterKey } from './keys.ts';
import { checkPdf } from './pdf-check.ts';
import { DOCUMENT_TYPES, IMAGE_TYPES, isImageType, requireType } from './sniff.ts';
import type { MediaType } from './sniff.ts';

/** `photo`: JPEG, PNG, WebP, HEIC. `document`: the same, or PDF (a birth certificate may be a phone photo). */
export type UploadKind = 'photo' | 'document';

export interface IngestInput {
  bytes: Uint8Array;
  maxBytes: number;
  kind: UploadKind;
  /** Output format of image variants; default JPEG. */
  format?: OutputFormat;
  maxPixels?: number;
}

export interface Variant {
  name: VariantName;
  mime: 'image/jpeg' | 'image/webp' | 'application/pdf';
  bytes: Buffer;
  /** Null for PDFs. */
  width: number | null;
  height: number | null;
  /** SHA-256 (hex) of `bytes`. */
  sha256: string;
}

export interface IngestResult {
  /** The sniffed type of what was uploaded. */
  sourceType: MediaType;
  /** Images: original (re-encoded, ≤3000 px), medium, thumbnail. PDFs: original only, unchanged. */
  variants: Variant[];
  /** SHA-256 (hex) of the `original` variant: what attestations cover. */
  contentHash: string;
  /** Capture date from EXIF, for images that had one (see `readCaptureDate`). */
  capturedAt?: string;
}

/**
 * Checks and cleans one upload. The type comes from the bytes alone; everything refused is a MediaError
 * (`EMPTY_FILE`, `FILE_TOO_LARGE`, `UNSUPPORTED_TYPE`, `IMAGE_CORRUPT`, `IMAGE_TOO_LARGE_PIXELS`,
 * `PDF_MALFORMED`, `PDF_ENCRYPTED`, `PDF_ACTIVE_CONTENT`). Pure: stores nothing.
 *
 * @example
 * const bytes = await readAll(request.body, 20_000_000); // refuses oversize without buffering it all
 * const { variants, contentHash, capturedAt } = await ingestUpload({ bytes, maxBytes: 20_000_000, kind: 'photo' });
 */
export async function ingestUpload(input: IngestInput): Promise<IngestResult> {
  const { bytes, maxBytes, kind } = input;
  if (bytes.length === 0) throw new MediaError('EMPTY_FILE', 'The file is empty.');
  if (bytes.length > maxBytes) {
    throw new MediaError('FILE_TOO_LARGE', `The file is larger than ${Math.floor(maxBytes / 1e6)} MB.`);
  }
  const allowed: readonly MediaType[] = kind === 'photo' ? IMAGE_TYPES : [...IMAGE_TYPES, ...DOCUMENT_TYPES];
  const sourceType = requireType(bytes, allowed);

  if (!isImageType(sourceType)) {
    checkPdf(bytes);
    const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a view, not a copy
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const original: Variant = {
      name: 'original',
      mime: 'application/pdf',
      bytes: pdf,
      width: null,
      height: null,
      sha256,
    };
    return { sourceType, variants: [original], contentHash: sha256 };
  }

  const image = await processImage(bytes, sourceType, { format: input.format, maxPixels: input.maxPixels });
  const original = image.variants.find((v) => v.name === 'original') ?? image.variants[0]!;
  const result: IngestResult = { sourceType, variants: image.variants, contentHash: original.sha256 };
  if (image.capturedAt !== undefined) result.capturedAt = image.capturedAt;
  return result;
}

export interface StoredBlob {
  blobId: string;
  /** The blob's data key wrapped by the master key; store it in the blob's row. */
  wrappedKey: string;
  /** Id of the master key that wrapped it (also inside `wrappedKey`). */
  keyId: string;
  /** SHA-256 (hex) of the plaintext. */
  contentHash: string;
  /** Plaintext size in bytes. */
  size: number;
}

/**
 * Encrypts `data` under a fresh data key and puts it in `store`, streaming (chunks of 64 kB by default, see
 * `chunked-cipher.ts`), so a large PDF is never held twice in memory. All-or-nothing as `store.put` is.
 *
 * @example
 * const stored = await storeEncrypted(store, { blobId: randomUUID(), data: variant.bytes, master });
 * // keep stored.blobId, stored.wrappedKey and stored.contentHash in the database
 */
export async function storeEncrypted(
  store: BlobStore,
  input: { blobId: string; data: BlobSource; master: MasterKey; chunkSize?: number },
): Promise<StoredBlob> {
  const dataKey = generateDataKey();
  const hash = createHash('sha256');
  let size = 0;
  async function* plaintext(): AsyncGenerator<Buffer> {
    for await (const chunk of chunksOf(input.data)) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  try {
    await store.put(input.blobId, encryptChunks(plaintext(), dataKey, input.blobId, input.chunkSize));
    const wrappedKey = wrapKey(dataKey, input.master);
    return {
      blobId: input.blobId,
      wrappedKey,
      keyId: input.master.id,
      contentHash: hash.digest('hex'),
      size,
    };
  } finally {
    dataKey.fill(0);
  }
}

export interface ReadEncryptedInput {
  blobId: string;
  wrappedKey: string;
  /** Every master key still in use; the right one is chosen by the id inside `wrappedKey`. */
  masters: MasterKey | readonly MasterKey[];
}

/**
 * Opens a stored blob as a plaintext stream. Each chunk is authenticated before it is released, but the
 * stream errors (`BLOB_TAMPERED`) only when it reaches a bad chunk or a missing end: send the bytes to a
 * client only if they may learn that a download failed midway, otherwise use {@link readDecrypted}.
 */
export async function openDecrypted(store: BlobStore, input: ReadEncryptedInput): Promise<Readable> {
  const dataKey = unwrapKey(input.wrappedKey, input.masters);
  const encrypted = await store.get(input.blobId);
  return Readable.from(decryptChunks(encrypted, dataKey, input.blobId));
}

/**
 * Reads, authenticates and decrypts a whole blob. With `contentHash`, also checks the plaintext's SHA-256
 * (`BLOB_TAMPERED` on mismatch), which ties what is served to what was attested.
 *
 * @example const bytes = await readDecrypted(store, { blobId, wrappedKey, masters: [current, previous] });
 */
export async function readDecrypted(
  store: BlobStore,
  input: ReadEncryptedInput & { contentHash?: string },
): Promise<Buffer> {
  const plain = await readAll(await openDecrypted(store, input));
  if (input.contentHash !== undefined) {
    const actual = createHash('sha256').update(plain).digest('hex');
    if (actual !== input.contentHash.toLowerCase()) {
      throw new MediaError('BLOB_TAMPERED', 'The stored file failed its integrity check (content hash).');
    }
  }
  return plain;
}
