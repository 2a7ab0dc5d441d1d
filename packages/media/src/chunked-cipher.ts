import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Duplex } from 'node:stream';
import { MediaError } from './errors.ts';

/**
 * Encrypted blob format (version 1), so that a large PDF is encrypted and decrypted chunk by chunk:
 *
 *   header  = "HWE1" | version u8 (=1) | chunkSize u32be                                   (9 bytes)
 *   frame*  = final u8 (0|1) | length u32be | nonce (12) | ciphertext (length) | tag (16)
 *
 * Each frame is AES-256-GCM under the blob's own data key, with a fresh random nonce, and associated data
 * `header | blobIdLength u16be | blobId | index u64be | final`. So a frame cannot be moved (index), dropped
 * from the end (the last frame must say final, and nothing may follow it), or the whole blob moved to
 * another id (blob id), without authentication failing. An empty blob is one empty final frame.
 */
const MAGIC = 'HWE1';
const VERSION = 1;
const HEADER_BYTES = 9;
const FRAME_HEAD = 1 + 4 + 12;
const TAG_BYTES = 16;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;

function header(chunkSize: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.write(MAGIC, 0, 'latin1');
  h.writeUInt8(VERSION, 4);
  h.writeUInt32BE(chunkSize, 5);
  return h;
}

function frameAad(head: Buffer, blobId: string, index: number, final: boolean): Buffer {
  const id = Buffer.from(blobId, 'utf8');
  const tail = Buffer.alloc(2 + id.length + 8 + 1);
  tail.writeUInt16BE(id.length, 0);
  id.copy(tail, 2);
  tail.writeBigUInt64BE(BigInt(index), 2 + id.length);
  tail.writeUInt8(final ? 1 : 0, 2 + id.length + 8);
  return Buffer.concat([head, tail]);
}

function tampered(why: string, cause?: unknown): MediaError {
  return new MediaError('BLOB_TAMPERED', `The stored file failed its integrity check (${why}).`, { cause });
}

/**
 * Encrypts a plaintext source into the framed format above, one frame at a time: memory use is about two
 * chunks whatever the size of the file. Errors from `source` propagate to the consumer unchanged.
 */
export async function* encryptChunks(
  source: AsyncIterable<Uint8Array>,
  dataKey: Buffer,
  blobId: string,
  chunkSize = DEFAULT_CHUNK_SIZE,
): AsyncGenerator<Buffer> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`chunkSize must be 1..${MAX_CHUNK_SIZE}`);
  }
  const head = header(chunkSize);
  let index = 0;
  const seal = (plain: Buffer, final: boolean): Buffer => {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
    cipher.setAAD(frameAad(head, blobId, index++, final));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const frameHead = Buffer.alloc(5);
    frameHead.writeUInt8(final ? 1 : 0, 0);
    frameHead.writeUInt32BE(body.length, 1);
    return Buffer.concat([frameHead, nonce, body, cipher.getAuthTag()]);
  };

  yield head;
  let pending = Buffer.alloc(0);
  for await (const chunk of source) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    // Hold back at least one byte: only at the end do we know which frame is final.
    while (pending.length > chunkSize) {
      yield seal(pending.subarray(0, chunkSize), false);
      pending = pending.subarray(chunkSize);
    }
  }
  yield seal(pending, true);
}

/**
 * Authenticates and decrypts the framed format. Each frame's plaintext is released only after its tag
 * checks, but a consumer sees earlier frames before a later one fails: treat the data as good only when the
 * iteration ends without error (`readDecrypted` does that for you). Fails with `BLOB_TAMPERED`.
 */
export async function* decryptChunks(
  source: AsyncIterable<Uint8Array>,
  dataKey: Buffer,
  blobId: string,
): AsyncGenerator<Buffer> {
  let buffered = Buffer.alloc(0);
  let head: Buffer | null = null;
  let chunkSize = 0;
  let index = 0;
  let finished = false;

  for await (const chunk of source) {
    buffered = buffered.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffered, chunk]);
    if (!head) {
      if (buffered.length < HEADER_BYTES) continue;
      head = buffered.subarray(0, HEADER_BYTES);
      if (head.toString('latin1', 0, 4) !== MAGIC || head[4] !== VERSION) throw tampered('unknown format');
      chunkSize = head.readUInt32BE(5);
      if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) throw tampered('bad chunk size');
      buffered = buffered.subarray(HEADER_BYTES);
    }
    while (buffered.length >= FRAME_HEAD) {
      if (finished) throw tampered('data after the final chunk');
      const flag = buffered[0]!;
      const length = buffered.readUInt32BE(1);
      if (flag > 1 || length > chunkSize) throw tampered('bad frame');
      const frameBytes = FRAME_HEAD + length + TAG_BYTES;
      if (buffered.length < frameBytes) break;
      const final = flag === 1;
      const decipher = createDecipheriv('aes-256-gcm', dataKey, buffered.subarray(5, FRAME_HEAD));
      decipher.setAAD(frameAad(head, blobId, index++, final));
      decipher.setAuthTag(buffered.subarray(FRAME_HEAD + length, frameBytes));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(buffered.subarray(FRAME_HEAD, FRAME_HEAD + length)),
          decipher.final(),
        ]);
      } catch (error) {
        throw tampered('authentication failed', error);
      }
      finished = final;
      buffered = buffered.subarray(frameBytes);
      yield plain;
    }
  }
  if (buffered.length > 0) throw tampered(finished ? 'data after the final chunk' : 'truncated');
  if (!finished) throw tampered('truncated');
}

/** {@link encryptChunks} as a Node stream (a Duplex: write plaintext, read the encrypted blob). */
export function createEncryptStream(dataKey: Buffer, blobId: string, chunkSize = DEFAULT_CHUNK_SIZE): Duplex {
  return Duplex.from((source: AsyncIterable<Uint8Array>) =>
    encryptChunks(source, dataKey, blobId, chunkSize),
  );
}

/** {@link decryptChunks} as a Node stream (write the encrypted blob, read plaintext). */
export function createDecryptStream(dataKey: Buffer, blobId: string): Duplex {
  return Duplex.from((source: AsyncIterable<Uint8Array>) => decryptChunks(source, dataKey, blobId));
}
