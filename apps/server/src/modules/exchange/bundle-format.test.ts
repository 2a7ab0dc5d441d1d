import { canonicalJson } from '@homeward/translog';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAGIC, openBundle, parseBundle, rawPublicKey, sealBundle, sha256Hex, verifyBundle } from './bundle-format.ts';

const sender = generateKeyPairSync('ed25519');
const recipient = generateKeyPairSync('x25519');
const fields = { bundleId: '6f1c1e52-4a39-4c55-9a51-2f0b6f0e7a11', from: 'UA-NIB', to: 'ICRC', sequence: 3, createdAt: '2026-06-01T10:00:00.000Z', since: null };
const plaintext = Buffer.from('{"manifest":"fictional"}');
const seal = (to = recipient) =>
  sealBundle(fields, plaintext, { keyId: 'a'.repeat(64), privateKey: sender.privateKey }, { keyId: 'b'.repeat(64), publicKey: rawPublicKey(to.publicKey) });

describe('exchange bundle format', () => {
  it('round-trips: the recipient verifies the signature and decrypts the body', () => {
    const parsed = parseBundle(seal());
    expect(parsed.header).toMatchObject({ ...fields, format: 'homeward-exchange-bundle', version: 1, signingKeyId: 'a'.repeat(64) });
    expect(verifyBundle(parsed, sender.publicKey)).toBe(true);
    expect(openBundle(parsed, recipient.privateKey).equals(plaintext)).toBe(true);
  });

  it('detects any byte changed after signing, in the body or in the header', () => {
    const bytes = seal();
    const body = Buffer.from(bytes);
    body[body.length - 20]! ^= 1;
    expect(verifyBundle(parseBundle(body), sender.publicKey)).toBe(false);
    const header = Buffer.from(bytes.toString('latin1').replace('"sequence":3', '"sequence":4'), 'latin1');
    expect(verifyBundle(parseBundle(header), sender.publicKey)).toBe(false);
  });

  it('does not verify with another key', () => {
    expect(verifyBundle(parseBundle(seal()), generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });

  it('cannot be opened by anyone but the recipient', () => {
    const other = generateKeyPairSync('x25519');
    expect(() => openBundle(parseBundle(seal()), other.privateKey)).toThrow(expect.objectContaining({ code: 'BUNDLE_DECRYPT_FAILED' }));
  });

  it('binds the header to the ciphertext: re-addressed and re-signed by someone else, it no longer decrypts', () => {
    const parsed = parseBundle(seal());
    const forger = generateKeyPairSync('ed25519');
    const header = { ...parsed.header, from: 'FORGER' };
    const line = Buffer.from(`${canonicalJson(header)}\n`);
    const sig = sign(null, Buffer.concat([Buffer.from('homeward-exchange-bundle/v1\n'), line]), forger.privateKey);
    const forged = parseBundle(Buffer.concat([MAGIC, line, Buffer.from(`${sig.toString('base64')}\n`), parsed.body]));
    expect(verifyBundle(forged, forger.publicKey)).toBe(true);
    expect(() => openBundle(forged, recipient.privateKey)).toThrow(expect.objectContaining({ code: 'BUNDLE_DECRYPT_FAILED' }));
  });

  it('refuses truncated files and files that are not bundles', () => {
    const bytes = seal();
    expect(() => parseBundle(bytes.subarray(0, bytes.length - 5))).toThrow(expect.objectContaining({ code: 'BUNDLE_TRUNCATED' }));
    expect(() => parseBundle(bytes.subarray(0, 40))).toThrow(expect.objectContaining({ code: 'BUNDLE_MALFORMED' }));
    expect(() => parseBundle(Buffer.from('PK\u0003\u0004 a zip file'))).toThrow(expect.objectContaining({ code: 'BUNDLE_MALFORMED' }));
    expect(() => parseBundle(Buffer.concat([bytes, Buffer.from('x')]))).toThrow(expect.objectContaining({ code: 'BUNDLE_MALFORMED' }));
  });

  it('names the body by its hash in the signed header', () => {
    const parsed = parseBundle(seal());
    expect(parsed.header.body).toEqual({ length: parsed.body.length, sha256: sha256Hex(parsed.body) });
  });
});
