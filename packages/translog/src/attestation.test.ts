import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
  createAttestation,
  newSalt,
  parseStatement,
  photoRef,
  subjectCommitment,
  verifyAttestation,
  type PartyKey,
} from './attestation.ts';
import { fromBase64, toBase64, utf8 } from './bytes.ts';
import { addEnvelopeSignature, pae, type DsseEnvelope } from './dsse.ts';
import { generateEd25519KeyPair, keyIdOf, publicKeyToRaw } from './keys.ts';

describe('DSSE pre-authentication encoding', () => {
  // Test vector of secure-systems-lab/dsse protocol.md (ECDSA P-256, deterministic RFC 6979).
  const X = 46950820868899156662930047687818585632848591499744589407958293238635476079160n;
  const Y = 5640078356564379163099075877009565129882514886557779369047442380624545832820n;
  const b64url = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').toString('base64url');

  it('encodes the spec example', () => {
    const bytes = pae('http://example.com/HelloWorld', utf8('hello world'));
    expect(new TextDecoder().decode(bytes)).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    expect(new TextDecoder().decode(pae('t', utf8('é')))).toBe('DSSEv1 1 t 2 é'); // lengths in bytes
  });

  it('verifies the published envelope signature over our PAE', () => {
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: b64url(X), y: b64url(Y) },
      format: 'jwk',
    });
    const env = {
      payload: 'aGVsbG8gd29ybGQ=',
      payloadType: 'http://example.com/HelloWorld',
      sig: 'A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==',
    };
    const message = pae(env.payloadType, fromBase64(env.payload));
    const ok = (m: Uint8Array) =>
      verify('sha256', m, { key, dsaEncoding: 'ieee-p1363' }, fromBase64(env.sig));
    expect(ok(message)).toBe(true);
    expect(ok(pae(env.payloadType, utf8('hello world!')))).toBe(false);
  });
});

describe('attestations', () => {
  const ua = generateEd25519KeyPair();
  const ru = generateEd25519KeyPair();
  const partyKey = (
    party: string,
    pk: typeof ua,
    validFrom: string,
    validUntil: string | null,
  ): PartyKey => ({
    party,
    keyId: keyIdOf(pk.publicKey),
    publicKey: toBase64(publicKeyToRaw(pk.publicKey)),
    validFrom,
    validUntil,
  });
  const keys = [
    partyKey('UA', ua, '2026-01-01T00:00:00Z', null),
    partyKey('RU', ru, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
  ];
  const covered = { biography: 'Born in Mariupol…', photos: [photoRef(utf8('jpeg bytes'))] };
  const salt = newSalt();
  const attest = (party: string, pk: typeof ua, time = new Date('2026-06-01T10:00:00Z')) =>
    createAttestation(
      {
        subjectRef: 'homeward:dossier/7d1b0c8e@v3',
        covered,
        salt,
        claim: 'identity-verified',
        coveredFields: ['biography', 'photos'],
        party,
        signer: { userId: 'user-17' },
        time,
      },
      { keyId: keyIdOf(pk.publicKey), privateKey: pk.privateKey },
    );

  it('builds an in-toto Statement v1 in a DSSE envelope that standard tooling can read', () => {
    const { envelope, subjectDigest } = attest('UA', ua);
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    const s = parseStatement(envelope);
    expect(s._type).toBe('https://in-toto.io/Statement/v1');
    expect(s.subject).toEqual([{ name: 'homeward:dossier/7d1b0c8e@v3', digest: { sha256: subjectDigest } }]);
    expect(s.predicate).toMatchObject({
      claim: 'identity-verified',
      party: 'UA',
      signer: { userId: 'user-17' },
      note: null,
    });
    expect(JSON.stringify(envelope)).not.toContain('Mariupol');
  });

  it('commits to a salted hash: the same content under another salt gives another digest', () => {
    expect(subjectCommitment(salt, covered)).toBe(attest('UA', ua).subjectDigest);
    expect(subjectCommitment(newSalt(), covered)).not.toBe(attest('UA', ua).subjectDigest);
  });

  it('accepts a valid attestation and reports its content valid', () => {
    const r = verifyAttestation(attest('UA', ua).envelope, keys, { salt, covered });
    expect([r.status, r.code, r.contentChecked]).toEqual(['valid', 'OK', true]);
  });

  it('reports a stale attestation when the covered content changed', () => {
    const r = verifyAttestation(attest('UA', ua).envelope, keys, {
      salt,
      covered: { ...covered, biography: 'edited' },
    });
    expect([r.status, r.code]).toEqual(['stale', 'STALE_CONTENT']);
    expect(r.message).toContain('biography, photos');
  });

  it('reports "subject erased" when the salt is gone but the signature still verifies', () => {
    const r = verifyAttestation(attest('UA', ua).envelope, keys, 'erased');
    expect([r.status, r.code]).toEqual(['subject-erased', 'SUBJECT_ERASED']);
  });

  it('refuses a forged signature, an altered statement and an unknown key', () => {
    const { envelope } = attest('UA', ua);
    const forged: DsseEnvelope = {
      ...envelope,
      signatures: [{ keyid: keys[0]!.keyId, sig: toBase64(new Uint8Array(64)) }],
    };
    expect(verifyAttestation(forged, keys).code).toBe('SIGNATURE_INVALID');
    const stmt = JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as {
      predicate: { claim: string };
    };
    stmt.predicate.claim = 'family-link-verified';
    const altered = { ...envelope, payload: Buffer.from(JSON.stringify(stmt)).toString('base64') };
    expect(verifyAttestation(altered, keys).code).toBe('SIGNATURE_INVALID');
    const stranger = generateEd25519KeyPair();
    expect(verifyAttestation(attest('UA', stranger).envelope, keys).code).toBe('SIGNATURE_INVALID');
  });

  it("refuses another party's key and a key outside its validity or revoked", () => {
    expect(verifyAttestation(attest('UA', ru).envelope, keys).code).toBe('WRONG_PARTY_KEY');
    const late = attest('RU', ru, new Date('2027-02-01T00:00:00Z')).envelope;
    expect(verifyAttestation(late, keys).code).toBe('KEY_NOT_VALID_AT_SIGNING');
    const early = attest('UA', ua, new Date('2025-12-31T23:59:59Z')).envelope;
    expect(verifyAttestation(early, keys).code).toBe('KEY_NOT_VALID_AT_SIGNING');
    const revoked = keys.map((k) => ({ ...k, revokedAt: '2026-03-01T00:00:00Z' }));
    expect(verifyAttestation(attest('UA', ua).envelope, revoked).code).toBe('KEY_REVOKED');
    // Before the revocation the key still counts: rotation keeps old signatures valid.
    const before = attest('UA', ua, new Date('2026-02-01T00:00:00Z')).envelope;
    expect(verifyAttestation(before, revoked).status).toBe('valid');
  });

  it('carries a second official’s signature in the same envelope (four eyes)', () => {
    const second = generateEd25519KeyPair();
    const env = addEnvelopeSignature(attest('UA', ua).envelope, {
      keyId: keyIdOf(second.publicKey),
      privateKey: second.privateKey,
    });
    expect(env.signatures).toHaveLength(2);
    expect(verifyAttestation(env, keys).status).toBe('valid');
  });

  it('refuses an envelope that does not hold a Homeward statement', () => {
    const { envelope } = attest('UA', ua);
    expect(verifyAttestation({ ...envelope, payloadType: 'application/json' }, keys).code).toBe(
      'STATEMENT_MALFORMED',
    );
  });
});
