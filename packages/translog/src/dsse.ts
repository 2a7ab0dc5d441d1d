import { sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';

import { concat, fromBase64, sha256Hex, toBase64, utf8 } from './bytes.ts';
import { canonicalJson } from './entry.ts';
import { TranslogError } from './errors.ts';

/** One DSSE signature: base64 signature over PAE, and an unauthenticated key id hint. */
export interface DsseSignature {
  keyid?: string;
  sig: string;
}

/** The DSSE JSON envelope (secure-systems-lab/dsse envelope.md). */
export interface DsseEnvelope {
  payloadType: string;
  /** Base64 of the serialized body. */
  payload: string;
  signatures: DsseSignature[];
}

/** A signing key with the id written into `keyid`. */
export interface EnvelopeSigner {
  keyId: string;
  privateKey: KeyObject;
}

/**
 * DSSE v1 pre-authentication encoding:
 * `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in bytes as ASCII decimal.
 * @example new TextDecoder().decode(pae('http://example.com/HelloWorld', utf8('hello world')))
 * // 'DSSEv1 29 http://example.com/HelloWorld 11 hello world'
 */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8(payloadType);
  return concat(utf8(`DSSEv1 ${type.length} `), type, utf8(` ${payload.length} `), payload);
}

/**
 * Signs `payload` with one or more Ed25519 keys (several for four-eyes decisions).
 * @example signEnvelope('application/vnd.in-toto+json', utf8(json), [{ keyId, privateKey }])
 */
export function signEnvelope(
  payloadType: string,
  payload: Uint8Array,
  signers: readonly EnvelopeSigner[],
): DsseEnvelope {
  const env: DsseEnvelope = { payloadType, payload: toBase64(payload), signatures: [] };
  return signers.reduce(addEnvelopeSignature, env);
}

/** Returns a copy of `env` with one more signature (e.g. the second official's). */
export function addEnvelopeSignature(env: DsseEnvelope, signer: EnvelopeSigner): DsseEnvelope {
  const sig = edSign(null, pae(env.payloadType, envelopePayload(env)), signer.privateKey);
  return { ...env, signatures: [...env.signatures, { keyid: signer.keyId, sig: toBase64(sig) }] };
}

/** Decodes the payload; DSSE allows standard or URL-safe base64. */
export function envelopePayload(env: DsseEnvelope): Uint8Array {
  try {
    return fromBase64(env.payload, { urlSafe: true });
  } catch {
    throw new TranslogError('ENVELOPE_MALFORMED', 'envelope payload is not base64');
  }
}

/** Validates the shape of an untrusted envelope (e.g. read from an export). */
export function parseEnvelope(value: unknown): DsseEnvelope {
  const v = value as Partial<DsseEnvelope> | null;
  const ok =
    typeof v === 'object' &&
    v !== null &&
    typeof v.payloadType === 'string' &&
    typeof v.payload === 'string' &&
    Array.isArray(v.signatures) &&
    v.signatures.every(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        typeof s.sig === 'string' &&
        (s.keyid === undefined || typeof s.keyid === 'string'),
    );
  if (!ok) throw new TranslogError('ENVELOPE_MALFORMED', 'not a DSSE envelope');
  return v as DsseEnvelope;
}

/**
 * Indexes of the signatures that verify under `publicKey`. The keyid hint is not trusted:
 * every signature is tried.
 */
export function verifiedSignatures(env: DsseEnvelope, publicKey: KeyObject): number[] {
  const message = pae(env.payloadType, envelopePayload(env));
  const out: number[] = [];
  env.signatures.forEach((s, i) => {
    let sig: Uint8Array;
    try {
      sig = fromBase64(s.sig, { urlSafe: true });
    } catch {
      return;
    }
    if (sig.length === 64 && edVerify(null, message, publicKey, sig)) out.push(i);
  });
  return out;
}

/** Hex SHA-256 of the envelope's RFC 8785 canonical JSON: what an attestation log entry names. */
export function envelopeDigest(env: DsseEnvelope): string {
  return sha256Hex(utf8(canonicalJson(env)));
}
