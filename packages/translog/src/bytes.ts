import { createHash, timingSafeEqual } from 'node:crypto';

import { TranslogError } from './errors.ts';

/** SHA-256 of the concatenation of `parts`. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function sha256Hex(...parts: Uint8Array[]): string {
  return toHex(sha256(...parts));
}

const encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function fromHex(s: string, expectedLength?: number): Uint8Array {
  if (!/^([0-9a-f]{2})*$/.test(s)) throw new TranslogError('INVALID_INPUT', 'not lowercase hex');
  const out = new Uint8Array(Buffer.from(s, 'hex'));
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new TranslogError('INVALID_INPUT', `expected ${expectedLength} bytes, got ${out.length}`);
  }
  return out;
}

export function toBase64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

const STD_B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_B64 = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/;

/**
 * Strict RFC 4648 §4 base64: padding required, no whitespace, no spare bits. Node's own decoder
 * skips invalid characters silently, which would let two spellings name the same signature.
 */
export function fromBase64(s: string, opts: { urlSafe?: boolean } = {}): Uint8Array {
  const ok = STD_B64.test(s) || (opts.urlSafe === true && URL_B64.test(s));
  if (!ok) throw new TranslogError('INVALID_INPUT', 'invalid base64');
  const out = new Uint8Array(Buffer.from(s, opts.urlSafe === true ? 'base64url' : 'base64'));
  const std = toBase64(out);
  if (std !== s && std.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') !== s.replace(/=+$/, '')) {
    throw new TranslogError('INVALID_INPUT', 'non-canonical base64');
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Constant-time equality for hashes and tags (false on different lengths). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
