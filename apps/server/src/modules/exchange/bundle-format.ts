import { canonicalJson } from '@homeward/translog';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { AppError } from '../../errors.ts';

/**
 * A Homeward exchange bundle (docs/EXCHANGE.md has it byte by byte):
 *
 *   HWXB1\n                                   magic, 6 bytes
 *   <header: RFC 8785 canonical JSON>\n       names sender, recipient, bundle id, sequence, keys, body hash
 *   <base64 Ed25519 signature>\n              over "homeward-exchange-bundle/v1\n" ‖ header line
 *   <body>                                    AES-256-GCM ciphertext ‖ 16-byte tag
 *
 * The body key comes from an ephemeral X25519 agreement with the recipient's encryption key,
 * through HKDF-SHA256 (the ECIES construction of RFC 9180's DHKEM and of age's X25519 stanza).
 * The header minus its body hash is the AEAD's associated data, so neither the sender nor the
 * recipient named in it can be changed without the decryption failing too.
 */
export const MAGIC = Buffer.from('HWXB1\n', 'latin1');
export const CONTEXT = 'homeward-exchange-bundle/v1';
export const ALG = 'X25519-HKDF-SHA256-AES-256-GCM';
const MAX_HEADER = 16 * 1024;
const TAG_BYTES = 16;

export interface BundleHeader {
  format: 'homeward-exchange-bundle';
  version: 1;
  bundleId: string;
  /** Party codes: the same on both instances (party ids are local). */
  from: string;
  to: string;
  /** 1, 2, 3… per sender and recipient; a bundle at or below the last one received is a replay. */
  sequence: number;
  createdAt: string;
  since: string | null;
  signingKeyId: string;
  encryption: { alg: typeof ALG; recipientKeyId: string; ephemeralPublicKey: string; nonce: string };
  body: { length: number; sha256: string };
}

export type HeaderFields = Omit<BundleHeader, 'format' | 'version' | 'signingKeyId' | 'encryption' | 'body'>;

export interface ParsedBundle {
  header: BundleHeader;
  headerLine: Buffer;
  signature: Buffer;
  body: Buffer;
}

const malformed = (why: string) => new AppError('BUNDLE_MALFORMED', `This is not a readable Homeward bundle: ${why}.`);

export const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Raw 32-byte X25519 or Ed25519 public key as a KeyObject. */
export function publicKeyFromRawOf(crv: 'X25519' | 'Ed25519', raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw malformed('a public key is not 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv, x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return Buffer.from(pub.export({ format: 'jwk' }).x as string, 'base64url');
}

function bodyKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  if (shared.every((b) => b === 0)) throw new AppError('BUNDLE_DECRYPT_FAILED', 'The bundle uses an invalid ephemeral key.');
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), `${CONTEXT} ${ALG}`, 32));
}

function associatedData(header: BundleHeader): Buffer {
  const bound: Partial<BundleHeader> = { ...header };
  delete bound.body;
  return Buffer.from(`${CONTEXT}\n${canonicalJson(bound)}`, 'utf8');
}

const signedMessage = (headerLine: Buffer) => Buffer.concat([Buffer.from(`${CONTEXT}\n`, 'utf8'), headerLine]);

/**
 * Encrypts `plaintext` to the recipient's X25519 key and signs the result with the sender's Ed25519 key.
 * @example const file = sealBundle(fields, gzipped, { keyId, privateKey }, { keyId: rk, publicKey: rawX25519 });
 */
export function sealBundle(
  fields: HeaderFields,
  plaintext: Buffer,
  signer: { keyId: string; privateKey: KeyObject },
  recipient: { keyId: string; publicKey: Buffer },
): Buffer {
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawPublicKey(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyFromRawOf('X25519', recipient.publicKey) });
  const key = bodyKey(shared, ephRaw, recipient.publicKey);
  const nonce = randomBytes(12);
  const header: BundleHeader = {
    format: 'homeward-exchange-bundle',
    version: 1,
    ...fields,
    signingKeyId: signer.keyId,
    encryption: { alg: ALG, recipientKeyId: recipient.keyId, ephemeralPublicKey: ephRaw.toString('base64'), nonce: nonce.toString('base64') },
    body: { length: 0, sha256: '' },
  };
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(header));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  header.body = { length: body.length, sha256: sha256Hex(body) };
  const headerLine = Buffer.from(`${canonicalJson(header)}\n`, 'utf8');
  const signature = sign(null, signedMessage(headerLine), signer.privateKey);
  return Buffer.concat([MAGIC, headerLine, Buffer.from(`${signature.toString('base64')}\n`, 'latin1'), body]);
}

/** Splits a bundle into its parts and checks their shape (not yet the signature). */
export function parseBundle(bytes: Buffer): ParsedBundle {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw malformed('it does not start with HWXB1');
  const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0 || headerEnd - MAGIC.length > MAX_HEADER) throw malformed('the header is cut off or damaged');
  const headerLine = bytes.subarray(MAGIC.length, headerEnd + 1);
  let header: BundleHeader;
  try {
    header = JSON.parse(headerLine.toString('utf8')) as BundleHeader;
  } catch {
    throw malformed('the header is damaged');
  }
  if (header?.format !== 'homeward-exchange-bundle' || header.version !== 1 || header.encryption?.alg !== ALG) {
    throw malformed('unknown format or version');
  }
  if (typeof header.body?.length !== 'number' || header.body.length < TAG_BYTES || typeof header.from !== 'string' || typeof header.to !== 'string' || !Number.isInteger(header.sequence)) {
    throw malformed('the header lacks required fields');
  }
  const sigEnd = bytes.indexOf(0x0a, headerEnd + 1);
  if (sigEnd < 0) throw malformed('it is cut off after the header');
  const signature = Buffer.from(bytes.subarray(headerEnd + 1, sigEnd).toString('latin1'), 'base64');
  const body = bytes.subarray(sigEnd + 1);
  if (body.length < header.body.length) {
    throw new AppError('BUNDLE_TRUNCATED', `The bundle is cut off: ${body.length} of ${header.body.length} body bytes are present.`);
  }
  if (body.length > header.body.length || signature.length !== 64) throw malformed('it has extra or missing bytes');
  return { header, headerLine, signature, body };
}

/** True when the signature is the sender key's over this header, and the body is the one the header names. */
export function verifyBundle(parsed: ParsedBundle, signingKey: KeyObject): boolean {
  if (!verify(null, signedMessage(parsed.headerLine), signingKey, parsed.signature)) return false;
  return sha256Hex(parsed.body) === parsed.header.body.sha256;
}

/** Decrypts the body with the recipient's X25519 private key. */
export function openBundle(parsed: ParsedBundle, recipientPrivateKey: KeyObject): Buffer {
  const { encryption } = parsed.header;
  const ephRaw = Buffer.from(encryption.ephemeralPublicKey, 'base64');
  try {
    const shared = diffieHellman({ privateKey: recipientPrivateKey, publicKey: publicKeyFromRawOf('X25519', ephRaw) });
    const key = bodyKey(shared, ephRaw, rawPublicKey(recipientPrivateKey));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(encryption.nonce, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(parsed.header));
    decipher.setAuthTag(parsed.body.subarray(parsed.body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(parsed.body.subarray(0, parsed.body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new AppError('BUNDLE_DECRYPT_FAILED', 'The bundle does not decrypt with this party’s key: it was altered or encrypted to another key.');
  }
}
