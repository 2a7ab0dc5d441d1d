import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { fromHex, toHex } from './bytes.ts';
import { isTranslogError } from './errors.ts';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  generateEd25519KeyPair,
  keyIdOf,
  privateKeyFromPem,
  privateKeyFromSeed,
  privateKeyToPem,
  privateKeyToSeed,
  publicKeyFromPem,
  publicKeyFromRaw,
  publicKeyToPem,
  publicKeyToRaw,
} from './keys.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('Ed25519 keys', () => {
  it('matches RFC 8032 §7.1 test 1 (seed → public key → signature of the empty message)', () => {
    const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const key = privateKeyFromSeed(seed);
    expect(toHex(publicKeyToRaw(key))).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    expect(toHex(sign(null, new Uint8Array(), key))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('round-trips public and private keys through raw base64 and PEM', () => {
    const { publicKey, privateKey } = generateEd25519KeyPair();
    const raw = Buffer.from(publicKeyToRaw(publicKey)).toString('base64');
    expect(publicKeyFromRaw(raw).equals(publicKey)).toBe(true);
    expect(publicKeyFromPem(publicKeyToPem(publicKey)).equals(publicKey)).toBe(true);
    expect(privateKeyFromPem(privateKeyToPem(privateKey)).equals(privateKey)).toBe(true);
    expect(privateKeyFromSeed(privateKeyToSeed(privateKey)).equals(privateKey)).toBe(true);
    expect(publicKeyToPem(publicKey)).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keyIdOf(publicKey)).toMatch(/^[0-9a-f]{64}$/);
    expect(() => publicKeyFromRaw('AAAA')).toThrow(/32 bytes/);
  });

  it('encrypts a private key at rest and refuses a wrong passphrase or an altered blob', () => {
    const { publicKey, privateKey } = generateEd25519KeyPair();
    const blob = encryptPrivateKey(privateKey, 'correct horse battery staple', FAST);
    expect(JSON.stringify(blob)).not.toContain(Buffer.from(privateKeyToSeed(privateKey)).toString('base64'));
    expect(blob.keyId).toBe(keyIdOf(publicKey));
    expect(decryptPrivateKey(blob, 'correct horse battery staple').equals(privateKey)).toBe(true);
    const refused = (fn: () => unknown) => {
      try {
        fn();
        return false;
      } catch (e) {
        return isTranslogError(e, 'KEY_DECRYPT_FAILED');
      }
    };
    expect(refused(() => decryptPrivateKey(blob, 'wrong'))).toBe(true);
    const other = keyIdOf(generateEd25519KeyPair().publicKey);
    expect(refused(() => decryptPrivateKey({ ...blob, keyId: other }, 'correct horse battery staple'))).toBe(
      true,
    );
    expect(
      refused(() =>
        decryptPrivateKey({ ...blob, tag: blob.tag.slice(0, 8) }, 'correct horse battery staple'),
      ),
    ).toBe(true);
  });

  it('uses scrypt N=2^15 by default', () => {
    const blob = encryptPrivateKey(generateEd25519KeyPair().privateKey, new Uint8Array(32).fill(7));
    expect([blob.N, blob.r, blob.p]).toEqual([32768, 8, 1]);
  });
});
