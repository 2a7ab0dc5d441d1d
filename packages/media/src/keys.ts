import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { MediaError } from './errors.ts';

/** A key-encryption key, held by the server (configuration, KMS…) and never stored beside the blobs. */
export interface MasterKey {
  /** Short identifier recorded in every wrapped key, so old blobs still open after a rotation. */
  readonly id: string;
  /** 32 bytes (AES-256). */
  readonly key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PREFIX = 'hwk1';

/** Builds a master key, checking the id and length. Without `key`, a fresh random key is generated. */
export function createMasterKey(id: string, key: Uint8Array = randomBytes(32)): MasterKey {
  if (!KEY_ID.test(id))
    throw new MediaError('KEY_INVALID', 'A master key id is 1–64 letters, digits, _ or -.');
  if (key.length !== 32) throw new MediaError('KEY_INVALID', 'A master key is exactly 32 bytes.');
  return { id, key: Buffer.from(key) };
}

/**
 * Parses a master key from configuration, written `id:base64-of-32-bytes`.
 *
 * @example parseMasterKey(process.env.HOMEWARD_MEDIA_KEY!) // 'k2026:q83v…='
 */
export function parseMasterKey(spec: string): MasterKey {
  const colon = spec.indexOf(':');
  if (colon < 1) throw new MediaError('KEY_INVALID', 'A master key is written id:base64.');
  return createMasterKey(spec.slice(0, colon), Buffer.from(spec.slice(colon + 1), 'base64'));
}

/** A fresh 32-byte data key; one per blob, never reused. */
export function generateDataKey(): Buffer {
  return randomBytes(32);
}

/**
 * Encrypts a data key under a master key (AES-256-GCM, the master key id as associated data).
 * The result is a printable string, `hwk1.<masterKeyId>.<base64url>`, to be stored with the blob's row.
 */
export function wrapKey(dataKey: Uint8Array, master: MasterKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv);
  cipher.setAAD(Buffer.from(`${PREFIX}.${master.id}`));
  const body = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}.${master.id}.${body.toString('base64url')}`;
}

/** The id of the master key a wrapped key was made with (to find keys still in use before retiring one). */
export function wrappedKeyId(wrapped: string): string {
  return parseWrapped(wrapped).keyId;
}

/** Recovers the data key, choosing the master key by the id recorded in `wrapped`. */
export function unwrapKey(wrapped: string, masters: MasterKey | readonly MasterKey[]): Buffer {
  const { keyId, body } = parseWrapped(wrapped);
  const master = (Array.isArray(masters) ? masters : [masters]).find((m: MasterKey) => m.id === keyId);
  if (!master) throw new MediaError('KEY_NOT_FOUND', `Master key "${keyId}" is not configured.`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', master.key, body.subarray(0, 12));
    decipher.setAAD(Buffer.from(`${PREFIX}.${keyId}`));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]);
  } catch (error) {
    throw new MediaError('KEY_INVALID', 'The wrapped key does not open with this master key.', {
      cause: error,
    });
  }
}

/**
 * Key rotation: re-wraps a data key under `newMaster` without touching the encrypted blob, which stays
 * byte-for-byte the same. Run it over every stored wrapped key, then retire the old master key.
 *
 * @example row.wrappedKey = rewrapKey(row.wrappedKey, oldMaster, newMaster);
 */
export function rewrapKey(wrapped: string, oldMaster: MasterKey, newMaster: MasterKey): string {
  const dataKey = unwrapKey(wrapped, oldMaster);
  try {
    return wrapKey(dataKey, newMaster);
  } finally {
    dataKey.fill(0);
  }
}

function parseWrapped(wrapped: string): { keyId: string; body: Buffer } {
  const [prefix, keyId, encoded, extra] = wrapped.split('.');
  const body = Buffer.from(encoded ?? '', 'base64url');
  if (
    prefix !== PREFIX ||
    !keyId ||
    !KEY_ID.test(keyId) ||
    extra !== undefined ||
    body.length !== 12 + 32 + 16
  ) {
    throw new MediaError('KEY_INVALID', 'This is not a wrapped data key.');
  }
  return { keyId, body };
}
