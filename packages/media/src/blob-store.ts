import { Readable } from 'node:stream';
import { MediaError } from './errors.ts';

/** What `put` accepts: a whole buffer, or a stream / async iterable of byte chunks. */
export type BlobSource = Uint8Array | Readable | AsyncIterable<Uint8Array>;

/**
 * Where encrypted blobs live. Implementations store opaque bytes under an id and know nothing of keys or
 * formats. Contract:
 * - `put` is all-or-nothing: when it rejects, `get(id)` finds nothing new (a previous blob with the same
 *   id, if any, is untouched); when it resolves, the bytes are durable. It replaces an existing blob.
 * - `get` rejects with `BLOB_NOT_FOUND` when there is no such blob.
 * - `delete` is idempotent.
 * - Ids are 1–128 characters of `[A-Za-z0-9_-]` (a UUID fits), checked with {@link assertBlobId}, so an id can
 *   never name a path outside the store.
 */
export interface BlobStore {
  put(id: string, data: BlobSource): Promise<void>;
  get(id: string): Promise<Readable>;
  delete(id: string): Promise<void>;
  exists(id: string): Promise<boolean>;
}

const BLOB_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Throws `INVALID_BLOB_ID` unless `id` is a safe blob id. */
export function assertBlobId(id: string): void {
  if (!BLOB_ID.test(id))
    throw new MediaError('INVALID_BLOB_ID', 'A blob id is 1–128 letters, digits, _ or -.');
}

/** Normalises any {@link BlobSource} to an async iterable of Buffers. */
export async function* chunksOf(data: BlobSource): AsyncGenerator<Buffer> {
  if (data instanceof Uint8Array) {
    yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return;
  }
  for await (const chunk of data as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string'
      ? Buffer.from(chunk)
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/** Reads a whole stream into one Buffer, refusing more than `maxBytes` (`FILE_TOO_LARGE`). */
export async function readAll(data: BlobSource, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunksOf(data)) {
    total += chunk.length;
    if (total > maxBytes)
      throw new MediaError('FILE_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

/** An in-memory store for tests and for callers that need a throwaway one. */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();

  async put(id: string, data: BlobSource): Promise<void> {
    assertBlobId(id);
    const bytes = await readAll(data).catch((error: unknown) => {
      if (error instanceof MediaError) throw error;
      throw new MediaError('UPLOAD_INTERRUPTED', 'The upload was interrupted before it finished.', {
        cause: error,
      });
    });
    this.blobs.set(id, bytes);
  }

  async get(id: string): Promise<Readable> {
    assertBlobId(id);
    const blob = this.blobs.get(id);
    if (!blob) throw new MediaError('BLOB_NOT_FOUND', 'No such file.');
    return Readable.from([blob]);
  }

  async delete(id: string): Promise<void> {
    assertBlobId(id);
    this.blobs.delete(id);
  }

  async exists(id: string): Promise<boolean> {
    assertBlobId(id);
    return this.blobs.has(id);
  }
}
