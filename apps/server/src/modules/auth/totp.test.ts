import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, verifyTotp } from './totp.ts';

// RFC 6238 appendix B, SHA-1, seed "12345678901234567890", 8 digits.
const seed = Buffer.from('12345678901234567890');
const vectors: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it.each(vectors)('matches RFC 6238 at T=%i', (t, code) => {
    expect(hotp(seed, Math.floor(t / 30), 8)).toBe(code);
  });

  it('round-trips base32 (RFC 4648 examples)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
  });

  it('accepts the current code once, tolerates one step of drift, and refuses a replay', () => {
    const secret = base32Encode(seed);
    const at = new Date(1111111111 * 1000);
    const code = hotp(seed, Math.floor(1111111111 / 30));
    const step = verifyTotp(secret, code, at, null);
    expect(step).toBe(Math.floor(1111111111 / 30));
    expect(verifyTotp(secret, code, at, step)).toBeNull();
    expect(verifyTotp(secret, code, new Date(at.getTime() + 30_000), null)).toBe(step);
    expect(verifyTotp(secret, code, new Date(at.getTime() + 90_000), null)).toBeNull();
    expect(verifyTotp(secret, '12345', at, null)).toBeNull();
  });

  it('builds an otpauth URI an authenticator app reads', () => {
    expect(otpauthUri('ABC', 'a@b.c')).toBe('otpauth://totp/Homeward%3Aa%40b.c?secret=ABC&issuer=Homeward&algorithm=SHA1&digits=6&period=30');
  });
});
