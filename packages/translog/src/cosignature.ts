import { createPublicKey, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';

import { concat, utf8 } from './bytes.ts';
import { TranslogError } from './errors.ts';
import { publicKeyFromRaw, publicKeyToRaw } from './keys.ts';
import {
  createNoteVerifier,
  isValidKeyName,
  noteKeyId,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  type NoteSigner,
  type NoteVerifier,
} from './note.ts';

/** Seconds since the epoch; the caller passes the clock in. */
export type Clock = () => number;

/** The message an Ed25519 cosignature v1 signs (c2sp.org/tlog-cosignature). */
export function cosignatureMessage(checkpointText: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new TranslogError('INVALID_INPUT', 'bad timestamp');
  return `cosignature/v1\ntime ${timestamp}\n${checkpointText}`;
}

/** The timestamp of a type 0x04 signature (the 72 bytes after the key ID). */
export function cosignatureTimestamp(signature: Uint8Array): number {
  if (signature.length !== 72) throw new TranslogError('NOTE_MALFORMED', 'a cosignature is 8 + 64 bytes');
  const ts = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0);
  if (ts > BigInt(Number.MAX_SAFE_INTEGER))
    throw new TranslogError('NOTE_MALFORMED', 'timestamp out of range');
  return Number(ts);
}

/**
 * A witness cosigner (type 0x04). `clock` gives the time written into each cosignature.
 * @example
 * const cosigner = createCosigner('witness.ua.example/w1', key, () => Math.floor(Date.now() / 1000));
 * signNote(parseNote(checkpointNote), [cosigner]);
 */
export function createCosigner(name: string, privateKey: KeyObject, clock: Clock): NoteSigner {
  if (!isValidKeyName(name)) throw new TranslogError('VKEY_MALFORMED', 'invalid key name');
  const keyId = noteKeyId(name, SIG_TYPE_COSIGNATURE_V1, publicKeyToRaw(createPublicKey(privateKey)));
  return {
    name,
    keyId,
    sign(text) {
      const ts = clock();
      const head = new Uint8Array(8);
      new DataView(head.buffer).setBigUint64(0, BigInt(ts));
      const sig = edSign(null, utf8(cosignatureMessage(text, ts)), privateKey);
      return concat(head, new Uint8Array(sig));
    },
  };
}

/** A verifier of type 0x04 cosignatures, from a vkey of type 0x04. */
export function createCosignatureVerifier(vkey: string): NoteVerifier {
  const k = parseVerifierKey(vkey);
  if (k.type !== SIG_TYPE_COSIGNATURE_V1)
    throw new TranslogError('VKEY_MALFORMED', 'not a cosignature key (0x04)');
  const key = publicKeyFromRaw(k.publicKey);
  return {
    name: k.name,
    keyId: k.keyId,
    type: k.type,
    verify(text, sig) {
      if (sig.length !== 72) return false;
      const ts = cosignatureTimestamp(sig);
      return edVerify(null, utf8(cosignatureMessage(text, ts)), key, sig.subarray(8));
    },
  };
}

/** A verifier for any supported vkey (0x01 note signature or 0x04 cosignature). */
export function verifierFromVkey(vkey: string): NoteVerifier {
  const k = parseVerifierKey(vkey);
  return k.type === SIG_TYPE_ED25519 ? createNoteVerifier(vkey) : createCosignatureVerifier(vkey);
}
