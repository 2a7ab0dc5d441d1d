import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { decryptExport, encryptExport, generatePassphrase, PASSPHRASE_BITS, parseIdentityFile } from './exports.crypto.ts';

const plaintext = Buffer.from('{"_export":{"exportId":"x"}}\n', 'utf8');

describe('export encryption', () => {
  it('generates passphrases of 150 random bits that are easy to read out', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassphrase();
      expect(p).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){5}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(PASSPHRASE_BITS).toBeGreaterThanOrEqual(128);
  });

  it('opens a passphrase file with that passphrase only', async () => {
    const passphrase = generatePassphrase();
    const file = await encryptExport(plaintext, { passphrase });
    expect(file.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(file.includes(plaintext)).toBe(false);
    expect(await decryptExport(file, { passphrase })).toEqual(plaintext);
    await expect(decryptExport(file, { passphrase: generatePassphrase() })).rejects.toThrow();
  });

  it('opens a recipient file with the matching identity only', async () => {
    const identity = await generateX25519Identity();
    const file = await encryptExport(plaintext, { recipient: await identityToRecipient(identity) });
    expect(await decryptExport(file, { identities: [identity] })).toEqual(plaintext);
    await expect(decryptExport(file, { identities: [await generateX25519Identity()] })).rejects.toThrow();
  });

  it('reads identity files as age-keygen writes them', () => {
    const text = '# created: 2026-06-01T10:00:00Z\n# public key: age1xyz\nAGE-SECRET-KEY-1ABC\n\n';
    expect(parseIdentityFile(text)).toEqual(['AGE-SECRET-KEY-1ABC']);
  });
});
