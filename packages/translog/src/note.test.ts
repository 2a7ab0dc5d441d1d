import { describe, expect, it } from 'vitest';

import { fromBase64 } from './bytes.ts';
import {
  createCosignatureVerifier,
  createCosigner,
  cosignatureTimestamp,
  verifierFromVkey,
} from './cosignature.ts';
import { isTranslogError } from './errors.ts';
import { generateEd25519KeyPair, privateKeyFromSeed } from './keys.ts';
import {
  createNoteSigner,
  createNoteVerifier,
  encodeVerifierKey,
  formatKeyId,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
  SIG_TYPE_COSIGNATURE_V1,
} from './note.ts';

// Published example of golang.org/x/mod/sumdb/note (note.go package documentation).
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return isTranslogError(e) ? e.code : 'OTHER';
  }
  return undefined;
};

describe('signed note (c2sp.org/signed-note) known answers', () => {
  it('reproduces the Go sumdb/note example signature byte for byte from its private key', () => {
    const seed = fromBase64(PETER_SKEY.split('+').slice(4).join('+')).subarray(1);
    const signer = createNoteSigner('PeterNeumann', privateKeyFromSeed(seed));
    expect(formatKeyId(signer.keyId)).toBe('c74f20a3');
    expect(signNote(TEXT, [signer])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('verifies the doubly signed example with both published keys', () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const opened = openNote(note, [createNoteVerifier(PETER_VKEY), createNoteVerifier(ENOCH_VKEY)]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    // Only Peter known: Enoch's signature is ignored, as the spec requires.
    expect(openNote(note, [createNoteVerifier(PETER_VKEY)]).unknown.map((s) => s.name)).toEqual([
      'EnochRoot',
    ]);
  });

  it('computes the key IDs of published vkeys of types 0x01 and 0x04', () => {
    expect(
      parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k').keyId,
    ).toBe(0x530d903a);
    expect(parseVerifierKey('TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6').type).toBe(1);
    const remora = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
    const k = parseVerifierKey(remora);
    expect(k.type).toBe(SIG_TYPE_COSIGNATURE_V1);
    expect(encodeVerifierKey(k.name, k.type, k.publicKey)).toBe(remora);
  });

  it('refuses mangled verifier keys', () => {
    for (const bad of [
      'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // wrong key ID
      'PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // uppercase ID
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T', // bad base64
      'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // space in name
      'PeterNeumann+c74f20a3',
    ]) {
      expect(code(() => parseVerifierKey(bad))).toBe('VKEY_MALFORMED');
    }
  });

  it('rejects a note whose text or signature was altered, and malformed notes', () => {
    const v = [createNoteVerifier(PETER_VKEY)];
    expect(code(() => openNote(`${TEXT.replace('answer', 'Answer')}\n${PETER_SIG}`, v))).toBe(
      'NOTE_SIGNATURE_INVALID',
    );
    expect(code(() => openNote(`${TEXT}\n${ENOCH_SIG}`, v))).toBe('NOTE_UNVERIFIED');
    expect(code(() => parseNote(`${TEXT}${PETER_SIG}`))).toBe('NOTE_MALFORMED'); // no blank line
    expect(code(() => parseNote(`${TEXT}\n${PETER_SIG.trimEnd()}`))).toBe('NOTE_MALFORMED'); // no final newline
    expect(code(() => parseNote(`${TEXT}\n${PETER_SIG.replace('—', '-')}`))).toBe('NOTE_MALFORMED'); // hyphen
    expect(code(() => parseNote(`a\tb\n\n${PETER_SIG}`))).toBe('NOTE_MALFORMED'); // control character
    expect(code(() => parseNote(new Uint8Array([0x61, 0xff, 0x0a, 0x0a])))).toBe('NOTE_MALFORMED'); // bad UTF-8
  });
});

describe('cosignatures (c2sp.org/tlog-cosignature)', () => {
  it('reads the timestamps of published cosignatures', () => {
    // The example of tlog-cosignature.md ("time 1679315147") and transparency-dev/formats' test.
    const spec = parseNote(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
        '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n',
    );
    expect(cosignatureTimestamp(spec.signatures[0]!.signature)).toBe(1679315147);
    const formats = fromBase64(
      'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==',
    );
    expect(cosignatureTimestamp(formats.subarray(4))).toBe(1727964367);
  });

  it('signs and verifies a timestamped cosignature over the checkpoint text', () => {
    const { privateKey, publicKey } = generateEd25519KeyPair();
    const cosigner = createCosigner('witness.example/w1', privateKey, () => 1700000000);
    const vkey = encodeVerifierKey('witness.example/w1', SIG_TYPE_COSIGNATURE_V1, publicKey);
    const note = signNote('log.example\n1\nbm90IGEgcmVhbCByb290IGJ1dCAzMiBieXRlcyBsb25nIQ==\n', [cosigner]);
    const opened = openNote(note, [verifierFromVkey(vkey)]);
    expect(cosignatureTimestamp(opened.verified[0]!.signature)).toBe(1700000000);
    // A plain Ed25519 verifier of the same key must not accept a cosignature (different key ID and message).
    const plain = encodeVerifierKey('witness.example/w1', 1, publicKey);
    expect(code(() => openNote(note, [createNoteVerifier(plain)]))).toBe('NOTE_UNVERIFIED');
    const altered = note.replace('\n1\n', '\n2\n');
    expect(code(() => openNote(altered, [createCosignatureVerifier(vkey)]))).toBe('NOTE_SIGNATURE_INVALID');
  });
});
