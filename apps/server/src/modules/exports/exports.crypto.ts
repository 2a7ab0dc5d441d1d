import { Decrypter, Encrypter } from 'age-encryption';
import { randomInt } from 'node:crypto';

// Every export is an age file (age-encryption.org/v1, written by age-encryption, the TypeScript
// implementation by age's author), so `age -d` opens it as well as `homeward export decrypt`.

/** 32 symbols without look-alikes (no l, o, 0, 1): 5 bits per character. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const GROUPS = 6;
const GROUP_LENGTH = 5;
/** Entropy of a generated passphrase: 6 groups of 5 characters of 5 bits. */
export const PASSPHRASE_BITS = GROUPS * GROUP_LENGTH * 5;

/**
 * scrypt work factor (log2 N) for passphrase files. The passphrase is 150 random bits from the
 * server's CSPRNG, so it resists guessing without scrypt's help; age-encryption's scrypt is
 * synchronous JavaScript, and the default 2^18 would stall the server for over a second per export.
 */
export const PASSPHRASE_LOG_N = 12;

/**
 * A passphrase for one export, read aloud or typed without confusion.
 * @example generatePassphrase() // 'k7mqa-x3rtz-9bcwe-hn4pd-uy2fs-v8gjk'
 */
export function generatePassphrase(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let s = '';
    for (let i = 0; i < GROUP_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

export type EncryptionKey = { passphrase: string } | { recipient: string };
export type DecryptionKey = { passphrase: string } | { identities: string[] };

/** Encrypts to a passphrase or to one age X25519 recipient. */
export async function encryptExport(plaintext: Uint8Array, key: EncryptionKey): Promise<Buffer> {
  const e = new Encrypter();
  if ('passphrase' in key) {
    e.setPassphrase(key.passphrase);
    e.setScryptWorkFactor(PASSPHRASE_LOG_N);
  } else {
    e.addRecipient(key.recipient);
  }
  return Buffer.from(await e.encrypt(plaintext));
}

/** Whether age accepts this recipient (the bech32 checksum and the key itself), tried on an empty file. */
export async function isUsableRecipient(recipient: string): Promise<boolean> {
  try {
    await encryptExport(new Uint8Array(), { recipient });
    return true;
  } catch {
    return false;
  }
}

/** Opens an export with its passphrase or with age identities (AGE-SECRET-KEY-1…); throws if none fits. */
export async function decryptExport(ciphertext: Uint8Array, key: DecryptionKey): Promise<Buffer> {
  const d = new Decrypter();
  if ('passphrase' in key) d.addPassphrase(key.passphrase);
  else for (const identity of key.identities) d.addIdentity(identity);
  return Buffer.from(await d.decrypt(ciphertext));
}

/** The identities of an age identity file (as `age-keygen` writes it): one per line, `#` comments. */
export function parseIdentityFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
