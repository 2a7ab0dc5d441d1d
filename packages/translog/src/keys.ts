import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
  type KeyObject,
} from 'node:crypto';

import { fromBase64, sha256Hex, toBase64 } from './bytes.ts';
import { TranslogError } from './errors.ts';

/** An Ed25519 key pair as node:crypto KeyObjects. */
export interface Ed25519KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/**
 * Generates an Ed25519 key pair.
 * @example const { publicKey, privateKey } = generateEd25519KeyPair();
 */
export function generateEd25519KeyPair(): Ed25519KeyPair {
  return generateKeyPairSync('ed25519');
}

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new TranslogError('KEY_MALFORMED', 'not an Ed25519 key');
}

/** The 32-byte RFC 8032 public key. */
export function publicKeyToRaw(key: KeyObject): Uint8Array {
  assertEd25519(key);
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return new Uint8Array(Buffer.from(pub.export({ format: 'jwk' }).x as string, 'base64url'));
}

/** Imports a 32-byte public key given as bytes or standard base64. */
export function publicKeyFromRaw(raw: Uint8Array | string): KeyObject {
  const bytes = typeof raw === 'string' ? decodeKeyB64(raw) : raw;
  if (bytes.length !== 32) throw new TranslogError('KEY_MALFORMED', 'an Ed25519 public key is 32 bytes');
  const x = Buffer.from(bytes).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** The 32-byte RFC 8032 private seed. Handle with care: this is the secret. */
export function privateKeyToSeed(key: KeyObject): Uint8Array {
  assertEd25519(key);
  if (key.type !== 'private') throw new TranslogError('KEY_MALFORMED', 'not a private key');
  return new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).d as string, 'base64url'));
}

/** Imports a private key from its 32-byte seed (bytes or standard base64). */
export function privateKeyFromSeed(seed: Uint8Array | string): KeyObject {
  const bytes = typeof seed === 'string' ? decodeKeyB64(seed) : seed;
  if (bytes.length !== 32) throw new TranslogError('KEY_MALFORMED', 'an Ed25519 seed is 32 bytes');
  const pub = publicKeyFromSeed(bytes);
  const jwk = { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(bytes).toString('base64url'), x: pub };
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

function publicKeyFromSeed(seed: Uint8Array): string {
  // PKCS#8 wrapper for a bare Ed25519 seed (RFC 8410): lets node derive the public half.
  const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  const key = createPrivateKey({ key: Buffer.concat([prefix, seed]), format: 'der', type: 'pkcs8' });
  return createPublicKey(key).export({ format: 'jwk' }).x as string;
}

function decodeKeyB64(s: string): Uint8Array {
  try {
    return fromBase64(s);
  } catch {
    throw new TranslogError('KEY_MALFORMED', 'key is not valid base64');
  }
}

/** SPKI PEM of a public key (what `openssl pkey -pubout` prints). */
export function publicKeyToPem(key: KeyObject): string {
  assertEd25519(key);
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'pem' }) as string;
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey({ key: pem, format: 'pem' });
  assertEd25519(key);
  return key;
}

/** Unencrypted PKCS#8 PEM; prefer `encryptPrivateKey` for anything written to disk. */
export function privateKeyToPem(key: KeyObject): string {
  assertEd25519(key);
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}

export function privateKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  assertEd25519(key);
  return key;
}

/**
 * Homeward key id: lowercase hex SHA-256 of the 32-byte public key. Used as the DSSE `keyid`
 * hint and in key-registration log entries (signed-note key IDs are computed separately).
 * @example keyIdOf(publicKey) // '3b6a27bc…' (64 hex digits)
 */
export function keyIdOf(key: KeyObject | Uint8Array): string {
  return sha256Hex(key instanceof Uint8Array ? key : publicKeyToRaw(key));
}

/** A private key encrypted at rest: scrypt-derived key, AES-256-GCM, all fields base64. */
export interface EncryptedPrivateKey {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  ciphertext: string;
  tag: string;
  keyId: string;
}

const AAD = Buffer.from('homeward/translog/private-key/v1');
const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 };

function deriveKey(secret: string | Uint8Array, salt: Uint8Array, N: number, r: number, p: number): Buffer {
  if (secret.length === 0) throw new TranslogError('INVALID_INPUT', 'passphrase must not be empty');
  return scryptSync(secret, salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

/**
 * Encrypts the private seed with a passphrase or master key (scrypt N=2^15, r=8, p=1, then
 * AES-256-GCM). The key id and a fixed label are authenticated as associated data, so a blob
 * cannot be passed off as another key's.
 * @example const blob = encryptPrivateKey(privateKey, process.env.HOMEWARD_MASTER_KEY!);
 */
export function encryptPrivateKey(
  key: KeyObject,
  secret: string | Uint8Array,
  params: { N: number; r: number; p: number } = DEFAULT_SCRYPT,
): EncryptedPrivateKey {
  const seed = privateKeyToSeed(key);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const keyId = keyIdOf(createPublicKey(key));
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt, params.N, params.r, params.p), iv, {
    authTagLength: 16,
  });
  cipher.setAAD(Buffer.concat([AAD, Buffer.from(keyId)]));
  const ciphertext = Buffer.concat([cipher.update(seed), cipher.final()]);
  seed.fill(0);
  return {
    v: 1,
    kdf: 'scrypt',
    ...params,
    salt: toBase64(salt),
    cipher: 'aes-256-gcm',
    iv: toBase64(iv),
    ciphertext: toBase64(ciphertext),
    tag: toBase64(cipher.getAuthTag()),
    keyId,
  };
}

/** Decrypts a key from `encryptPrivateKey`; a wrong secret or altered blob gives KEY_DECRYPT_FAILED. */
export function decryptPrivateKey(blob: EncryptedPrivateKey, secret: string | Uint8Array): KeyObject {
  if (blob.v !== 1 || blob.kdf !== 'scrypt' || blob.cipher !== 'aes-256-gcm') {
    throw new TranslogError('KEY_MALFORMED', 'unsupported encrypted key format');
  }
  let seed: Buffer;
  try {
    const key = deriveKey(secret, fromBase64(blob.salt), blob.N, blob.r, blob.p);
    const decipher = createDecipheriv('aes-256-gcm', key, fromBase64(blob.iv), { authTagLength: 16 });
    decipher.setAAD(Buffer.concat([AAD, Buffer.from(blob.keyId)]));
    decipher.setAuthTag(fromBase64(blob.tag));
    seed = Buffer.concat([decipher.update(fromBase64(blob.ciphertext)), decipher.final()]);
  } catch {
    throw new TranslogError('KEY_DECRYPT_FAILED', 'wrong passphrase or altered key file', {
      keyId: blob.keyId,
    });
  }
  const key = privateKeyFromSeed(seed);
  seed.fill(0);
  if (keyIdOf(createPublicKey(key)) !== blob.keyId) {
    throw new TranslogError('KEY_DECRYPT_FAILED', 'decrypted key does not match its key id');
  }
  return key;
}
