import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Executor } from '../audit/audit.repository.ts';
import { rawPublicKey, sha256Hex } from './bundle-format.ts';
import type { EncryptionKeyRow } from './exchange.tables.ts';

/** An X25519 private key sealed at rest: AES-256-GCM under a key derived from the server secret. */
interface SealedKey {
  v: 1;
  cipher: 'aes-256-gcm';
  iv: string;
  ciphertext: string;
  tag: string;
  keyId: string;
}

const AAD = 'homeward/exchange/encryption-key/v1';
// The server secret is already a uniformly random 32-byte key, so a PRF (not a password KDF) derives this one.
const sealingKey = (secret: Buffer) => createHmac('sha256', secret).update('homeward:exchange:encryption-keys').digest();

function seal(privateKey: KeyObject, keyId: string, secret: Buffer): SealedKey {
  const d = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv).setAAD(Buffer.from(`${AAD}${keyId}`));
  const ciphertext = Buffer.concat([cipher.update(d), cipher.final()]);
  d.fill(0);
  return { v: 1, cipher: 'aes-256-gcm', iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64'), keyId };
}

const opened = new Map<string, KeyObject>();

/** The private half of one of this instance's encryption keys (throws if it is a partner's). */
export function encryptionPrivateKeyOf(row: EncryptionKeyRow, secret: Buffer): KeyObject {
  const hit = opened.get(row.key_id);
  if (hit) return hit;
  const s = row.sealed_private_key as SealedKey | null;
  if (!s) throw new Error('encryption key has no private half on this server');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), Buffer.from(s.iv, 'base64')).setAAD(Buffer.from(`${AAD}${row.key_id}`));
  decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
  const d = Buffer.concat([decipher.update(Buffer.from(s.ciphertext, 'base64')), decipher.final()]);
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: d.toString('base64url'), x: Buffer.from(row.public_key, 'base64').toString('base64url') }, format: 'jwk' });
  d.fill(0);
  opened.set(row.key_id, key);
  return key;
}

export async function findCurrentEncryptionKey(db: Executor, partyId: string) {
  return db
    .selectFrom('party_encryption_key')
    .selectAll()
    .where('party_id', '=', partyId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findEncryptionKey(db: Executor, keyId: string) {
  return db.selectFrom('party_encryption_key').selectAll().where('key_id', '=', keyId).executeTakeFirst();
}

export async function insertEncryptionKey(
  db: Executor,
  k: { keyId: string; partyId: string; publicKey: string; sealed: SealedKey | null; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('party_encryption_key')
    .values({
      key_id: k.keyId,
      party_id: k.partyId,
      public_key: k.publicKey,
      sealed_private_key: k.sealed ? JSON.stringify(k.sealed) : null,
      created_at: k.createdAt,
    })
    .execute();
}

export async function revokeEncryptionKey(db: Executor, keyId: string, at: Date, reason: string): Promise<void> {
  await db.updateTable('party_encryption_key').set({ revoked_at: at, revocation_reason: reason }).where('key_id', '=', keyId).execute();
}

/** The party's X25519 key that bundles to it are encrypted to; generated (and sealed) on first need. */
export async function ensureEncryptionKey(trx: Executor, secret: Buffer, partyId: string, now: Date): Promise<EncryptionKeyRow> {
  const current = await findCurrentEncryptionKey(trx, partyId);
  if (current) return current;
  const { privateKey } = generateKeyPairSync('x25519');
  const raw = rawPublicKey(privateKey);
  const keyId = sha256Hex(raw);
  await insertEncryptionKey(trx, { keyId, partyId, publicKey: raw.toString('base64'), sealed: seal(privateKey, keyId, secret), createdAt: now });
  opened.set(keyId, privateKey);
  return (await findEncryptionKey(trx, keyId))!;
}
