import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertBlobId, chunksOf } from './blob-store.ts';
import type { BlobSource, BlobStore } from './blob-store.ts';
import { MediaError } from './errors.ts';

export interface LocalBlobStoreOptions {
  /** Replaces `fs.promises.open` for writes; tests use it to simulate a full disk. */
  openForWrite?: (path: string, flags: string, mode: number) => Promise<FileHandle>;
}

const TEMP_PREFIX = '.tmp-';

/**
 * A {@link BlobStore} in a local folder: `<root>/<first two characters of id>/<id>`, files mode 0600.
 *
 * Crash-safe publication: bytes go to a temporary file in the same folder, which is fsynced, renamed over
 * the final name (atomic on POSIX file systems) and the folder fsynced. If the source stream fails, the
 * disk fills (`STORAGE_FULL`) or anything else goes wrong, the temporary file is removed and nothing appears
 * under the id. If the process is killed mid-write, only a `.tmp-*` file can remain; {@link removeStaleTemporaryFiles}
 * sweeps those at start-up.
 *
 * @example
 * const store = new LocalBlobStore('/var/lib/homeward/blobs');
 * await store.put(id, encryptedStream);
 */
export class LocalBlobStore implements BlobStore {
  constructor(
    readonly root: string,
    private readonly options: LocalBlobStoreOptions = {},
  ) {}

  private pathOf(id: string): string {
    assertBlobId(id);
    return join(this.root, id.slice(0, 2), id);
  }

  async put(id: string, data: BlobSource): Promise<void> {
    const finalPath = this.pathOf(id);
    const dir = dirname(finalPath);
    const tempPath = join(dir, `${TEMP_PREFIX}${id}-${randomUUID()}`);
    let handle: FileHandle | undefined;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      handle = await (this.options.openForWrite ?? open)(tempPath, 'wx', 0o600);
      const chunks = chunksOf(data)[Symbol.asyncIterator]();
      for (;;) {
        const next = await chunks.next().catch((error: unknown) => {
          throw new MediaError('UPLOAD_INTERRUPTED', 'The upload was interrupted before it finished.', {
            cause: error,
          });
        });
        if (next.done) break;
        await writeFully(handle, next.value);
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(tempPath, finalPath);
      await syncFolder(dir);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await rm(tempPath, { force: true }).catch(() => undefined);
      throw toStorageError(error);
    }
  }

  async get(id: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(id), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw new MediaError('BLOB_NOT_FOUND', 'No such file.');
      throw unavailable(error);
    }
  }

  async delete(id: string): Promise<void> {
    const path = this.pathOf(id);
    await rm(path, { force: true });
    await syncFolder(dirname(path)).catch(() => undefined);
  }

  async exists(id: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(id))).isFile();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw unavailable(error);
    }
  }

  /** Deletes temporary files older than `olderThanMs` left by a process that died mid-write. Returns how many. */
  async removeStaleTemporaryFiles(olderThanMs = 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    const shards = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const shard of shards.filter((d) => d.isDirectory())) {
      const dir = join(this.root, shard.name);
      for (const name of await readdir(dir)) {
        if (!name.startsWith(TEMP_PREFIX)) continue;
        const info = await stat(join(dir, name)).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs >= olderThanMs) {
          await rm(join(dir, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

async function writeFully(handle: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** Makes a rename or unlink durable: the folder entry itself must reach the disk. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function toStorageError(error: unknown): MediaError {
  if (error instanceof MediaError) return error;
  if (isErrno(error, 'ENOSPC') || isErrno(error, 'EDQUOT')) {
    return new MediaError('STORAGE_FULL', 'The file store is full; nothing was stored.', { cause: error });
  }
  return new MediaError('STORAGE_WRITE_FAILED', 'The file could not be stored; nothing was stored.', {
    cause: error,
  });
}

function unavailable(error: unknown): MediaError {
  return new MediaError('STORAGE_UNAVAILABLE', 'The file store could not be read.', { cause: error });
}
