import { sign as edSign, verify as edVerify, createPublicKey, type KeyObject } from 'node:crypto';

import { concat, fromBase64, sha256, toBase64, utf8 } from './bytes.ts';
import { TranslogError } from './errors.ts';
import { publicKeyFromRaw, publicKeyToRaw } from './keys.ts';

/** C2SP signed-note signature type bytes used here. */
export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

const EM_DASH_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;

/** One signature line: key name, the 4-byte key ID, and the signature bytes after it. */
export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, including its final newline. */
  text: string;
  signatures: NoteSignature[];
}

/** Checks what a note verifier key needs: a parsed `name+keyid+base64(type||key)`. */
export interface VerifierKey {
  name: string;
  keyId: number;
  type: number;
  publicKey: Uint8Array;
}

/** Verifies signatures of one key; `verify` gets the bytes after the key ID. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  verify(text: string, signature: Uint8Array): boolean;
}

/** Signs note text with one key; `sign` returns the bytes that follow the key ID. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: string): Uint8Array;
}

/** Key names must be non-empty with no Unicode spaces and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name);
}

/** key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const h = sha256(utf8(name), Uint8Array.of(0x0a, type), publicKey);
  return new DataView(h.buffer, h.byteOffset, 4).getUint32(0);
}

/** Encodes a verifier key `name+hexkeyid+base64(type||publicKey)`. */
export function encodeVerifierKey(name: string, type: number, publicKey: Uint8Array | KeyObject): string {
  if (!isValidKeyName(name)) throw new TranslogError('VKEY_MALFORMED', 'invalid key name');
  const raw = publicKey instanceof Uint8Array ? publicKey : publicKeyToRaw(publicKey);
  const id = noteKeyId(name, type, raw).toString(16).padStart(8, '0');
  return `${name}+${id}+${toBase64(concat(Uint8Array.of(type), raw))}`;
}

/**
 * Parses a verifier key strictly: 8 lowercase hex digits, canonical base64, a key ID that is the
 * derivation of name, type and key, and a 32-byte key of type 0x01 or 0x04.
 * @example parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')
 */
export function parseVerifierKey(vkey: string): VerifierKey {
  const bad = (why: string): never => {
    throw new TranslogError('VKEY_MALFORMED', `verifier key: ${why}`);
  };
  const m = /^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  if (!m) return bad('expected name+keyid+base64');
  const [, name, hexId, b64] = m as unknown as [string, string, string, string];
  if (!isValidKeyName(name)) bad('invalid key name');
  let bytes: Uint8Array = new Uint8Array();
  try {
    bytes = fromBase64(b64);
  } catch {
    bad('invalid base64');
  }
  if (bytes.length < 2) bad('no public key');
  const type = bytes[0] as number;
  const publicKey = bytes.subarray(1);
  if (type !== SIG_TYPE_ED25519 && type !== SIG_TYPE_COSIGNATURE_V1)
    bad(`unsupported type 0x${type.toString(16)}`);
  if (publicKey.length !== 32) bad('an Ed25519 key is 32 bytes');
  const keyId = parseInt(hexId, 16);
  if (keyId !== noteKeyId(name, type, publicKey)) bad('key ID is not derived from the key');
  return { name, keyId, type, publicKey: new Uint8Array(publicKey) };
}

/**
 * Parses a signed note strictly per c2sp.org/signed-note: UTF-8 without control characters other
 * than newline, text ending in newline, a blank line, then `— name base64(keyid||sig)` lines.
 */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const bad = (why: string): never => {
    throw new TranslogError('NOTE_MALFORMED', `signed note: ${why}`);
  };
  let msg = '';
  if (typeof note === 'string') msg = note;
  else {
    try {
      msg = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
    } catch {
      bad('not valid UTF-8');
    }
  }
  if (msg.isWellFormed !== undefined && !msg.isWellFormed()) bad('not valid UTF-8');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(msg)) bad('contains control characters');
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) bad('no blank line before the signatures');
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) bad('signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) bad('too many signatures');
  const signatures = lines.map((line) => {
    if (!line.startsWith(EM_DASH_PREFIX)) bad('signature line must start with an em dash and a space');
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const b64 = space < 0 ? '' : rest.slice(space + 1);
    if (!isValidKeyName(name)) bad('invalid key name');
    let raw: Uint8Array = new Uint8Array();
    try {
      raw = fromBase64(b64);
    } catch {
      bad('invalid signature base64');
    }
    if (raw.length < 5) bad('signature too short');
    const keyId = new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0);
    return { name, keyId, signature: new Uint8Array(raw.subarray(4)) };
  });
  return { text, signatures };
}

/** Formats one signature line (with its trailing newline). */
export function formatSignatureLine(sig: NoteSignature): string {
  const id = new Uint8Array(4);
  new DataView(id.buffer).setUint32(0, sig.keyId);
  return `${EM_DASH_PREFIX}${sig.name} ${toBase64(concat(id, sig.signature))}\n`;
}

/** Formats a note from its text and signatures. */
export function formatNote(note: ParsedNote): string {
  if (!note.text.endsWith('\n'))
    throw new TranslogError('NOTE_MALFORMED', 'note text must end with a newline');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/** An Ed25519 (type 0x01) signer for notes. */
export function createNoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  const keyId = noteKeyId(name, SIG_TYPE_ED25519, publicKeyToRaw(createPublicKey(privateKey)));
  if (!isValidKeyName(name)) throw new TranslogError('VKEY_MALFORMED', 'invalid key name');
  return { name, keyId, sign: (text) => new Uint8Array(edSign(null, utf8(text), privateKey)) };
}

/** An Ed25519 (type 0x01) verifier from a vkey string. */
export function createNoteVerifier(vkey: string): NoteVerifier {
  const k = parseVerifierKey(vkey);
  if (k.type !== SIG_TYPE_ED25519)
    throw new TranslogError('VKEY_MALFORMED', 'not an Ed25519 note key (0x01)');
  const key = publicKeyFromRaw(k.publicKey);
  return {
    name: k.name,
    keyId: k.keyId,
    type: k.type,
    verify: (text, sig) => sig.length === 64 && edVerify(null, utf8(text), key, sig),
  };
}

/**
 * Adds signatures to a note (text or an already signed note) and returns the encoded note.
 * @example signNote('hello\n', [createNoteSigner('example.com/log', privateKey)])
 */
export function signNote(note: string | ParsedNote, signers: readonly NoteSigner[]): string {
  const base = typeof note === 'string' ? { text: note, signatures: [] } : note;
  const added = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(base.text) }));
  return formatNote({ text: base.text, signatures: [...base.signatures, ...added] });
}

/** Result of opening a note: which known keys verified, and which signatures were unknown. */
export interface OpenedNote extends ParsedNote {
  verified: Array<NoteSignature & { verifier: NoteVerifier }>;
  unknown: NoteSignature[];
}

/**
 * Verifies a note against known keys. Unknown signatures are ignored, as the spec requires; a
 * signature from a known key that fails gives NOTE_SIGNATURE_INVALID, and a note with no
 * verified signature gives NOTE_UNVERIFIED.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const parsed = parseNote(note);
  const verified: OpenedNote['verified'] = [];
  const unknown: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of parsed.signatures) {
    const v = verifiers.find((x) => x.name === sig.name && x.keyId === sig.keyId);
    if (!v) {
      unknown.push(sig);
      continue;
    }
    const id = `${sig.name}+${sig.keyId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!v.verify(parsed.text, sig.signature)) {
      throw new TranslogError('NOTE_SIGNATURE_INVALID', `invalid signature by ${sig.name}`, {
        name: sig.name,
        keyId: sig.keyId.toString(16).padStart(8, '0'),
      });
    }
    verified.push({ ...sig, verifier: v });
  }
  if (verified.length === 0) throw new TranslogError('NOTE_UNVERIFIED', 'no signature from a known key');
  return { ...parsed, verified, unknown };
}

/** Hex form of a key ID, as in vkeys. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}
