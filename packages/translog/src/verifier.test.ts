import { describe, expect, it } from 'vitest';

import { toHex } from './bytes.ts';
import type { AttestationEntry, LogEntry, StatusTransitionEntry } from './entry.ts';
import { entryLeafHash } from './entry.ts';
import { generateEd25519KeyPair } from './keys.ts';
import { verifyLogExport, type LogExport, type VerifyReport } from './verifier.ts';
import {
  attestation,
  checkpoints,
  makeExport,
  NOW,
  parties,
  partyKey,
  registration,
  withEntries,
} from './verifier.fixture.ts';

const errors = (r: VerifyReport) => r.findings.filter((f) => f.severity === 'error').map((f) => f.code);
const find = (r: VerifyReport, code: string) => r.findings.find((f) => f.code === code);
const verify = (exp: LogExport, savedCheckpoint?: string) =>
  verifyLogExport(exp, savedCheckpoint === undefined ? { now: NOW } : { now: NOW, savedCheckpoint });
const entriesOf = (exp: LogExport): LogEntry[] => exp.entries.map((e) => structuredClone(e.entry));

describe('standalone verifier: an untouched export', () => {
  it('passes with every attestation valid and the latest checkpoint witnessed', () => {
    const r = verify(makeExport());
    expect(errors(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.size).toBe(6);
    expect(r.latestCheckpoint).toEqual({ size: 6, witnessStatus: 'trusted' });
    expect(r.attestations).toEqual({ valid: 2, stale: 0, 'subject-erased': 0, invalid: 0 });
  });
});

describe('standalone verifier: tampering in the database', () => {
  it('names an edited entry and the root it breaks', () => {
    const exp = structuredClone(makeExport());
    (exp.entries[2]!.entry as StatusTransitionEntry).to = 'closed';
    const r = verify(exp);
    expect(find(r, 'ENTRY_ALTERED')).toMatchObject({
      entryIndex: 2,
      message: expect.stringContaining('entry 2'),
    });
    expect(find(r, 'ROOT_MISMATCH')?.message).toContain('entries 0–3');
    expect(r.ok).toBe(false);
  });

  it('detects an entry edited together with its stored leaf hash by the signed root', () => {
    const exp = structuredClone(makeExport());
    const e = exp.entries[5]!;
    (e.entry as { recordCount: number }).recordCount = 13;
    e.leafHash = toHex(entryLeafHash(e.entry));
    const r = verify(exp);
    expect(errors(r)).toEqual(['ROOT_MISMATCH']);
    expect(find(r, 'ROOT_MISMATCH')).toMatchObject({
      checkpointSize: 6,
      message: expect.stringContaining('entries 4–5'),
    });
  });

  it('names a deleted entry and deleted entries at the end', () => {
    const exp = makeExport();
    const r = verify({ ...exp, entries: exp.entries.filter((e) => e.index !== 3) });
    expect(find(r, 'ENTRY_INDEX_MISMATCH')?.entryIndex).toBe(3);
    expect(errors(r)).toContain('ROOT_MISMATCH');
    expect(errors(r)).toContain('ENTRIES_MISSING');
    const tail = verify({ ...exp, entries: exp.entries.slice(0, 5) });
    expect(find(tail, 'ENTRIES_MISSING')?.message).toBe(
      'a signed checkpoint covers 6 entries but the export has 5: entries were deleted',
    );
  });

  it('names reordered entries', () => {
    const exp = makeExport();
    const [a, b] = [exp.entries[3]!, exp.entries[4]!];
    const r = verify({ ...exp, entries: [...exp.entries.slice(0, 3), b, a, ...exp.entries.slice(5)] });
    expect(r.findings.filter((f) => f.code === 'ENTRY_INDEX_MISMATCH').map((f) => f.entryIndex)).toEqual([
      3, 4,
    ]);
    expect(errors(r)).toContain('ROOT_MISMATCH');
  });

  it('names an altered or forged attestation envelope', () => {
    const exp = structuredClone(makeExport());
    const env = exp.envelopes[0] as { signatures: { sig: string }[] };
    env.signatures[0]!.sig = Buffer.alloc(64, 1).toString('base64');
    const r = verify(exp);
    expect(find(r, 'ATTESTATION_ENVELOPE_ALTERED')).toMatchObject({
      entryIndex: 3,
      message:
        'entry 3 (identity-verified by UA): its signed envelope was changed after it was logged, and its signature no longer verifies',
    });
    expect(find(r, 'ENVELOPE_NOT_IN_LOG')).toBeUndefined();
    const missing = verify({ ...exp, envelopes: exp.envelopes.slice(1) });
    expect(find(missing, 'ATTESTATION_ENVELOPE_MISSING')?.entryIndex).toBe(3);
  });

  it('detects an operator who rewrites history and re-signs every checkpoint, given a saved tree head', () => {
    const honest = makeExport();
    const saved = honest.checkpoints[0] as string; // the size-4 head a party kept
    expect(find(verify(honest, saved), 'LOG_GREW')?.message).toBe(
      'the log only grew since the tree head you saved (size 4 → 6)',
    );
    const entries = entriesOf(honest);
    (entries[2] as StatusTransitionEntry).to = 'closed';
    const rewritten = withEntries(honest, entries);
    expect(errors(verify(rewritten))).toEqual([]); // consistent on its own…
    expect(find(verify(rewritten, saved), 'LOG_REWRITTEN')?.severity).toBe('error'); // …but not with what you saved
    const shrunk = withEntries(honest, entries.slice(0, 3), [3]);
    expect(errors(verify(shrunk, saved))).toContain('LOG_SHRANK');
  });

  it('refuses a checkpoint with a bad log signature and reports two trees of one size as a fork', () => {
    const exp = makeExport();
    const bad = (exp.checkpoints[1] as string).replace('\n6\n', '\n7\n');
    expect(errors(verify({ ...exp, checkpoints: [exp.checkpoints[0] as string, bad] }))).toContain(
      'CHECKPOINT_INVALID',
    );
    const entries = entriesOf(exp);
    (entries[5] as { recordCount: number }).recordCount = 99;
    const fork = checkpoints(entries, [6])[0] as string;
    const r = verify({ ...exp, checkpoints: [...exp.checkpoints, fork] });
    expect(find(r, 'LOG_FORK')?.message).toBe('the log signed two different trees of size 6: it forked');
  });

  it('refuses personal data in an entry', () => {
    const exp = structuredClone(makeExport());
    (exp.entries[2]!.entry as unknown as Record<string, unknown>).meta = { firstName: 'Olena' };
    expect(find(verify(exp), 'ENTRY_PERSONAL_DATA')?.entryIndex).toBe(2);
  });
});

describe('standalone verifier: witnesses', () => {
  it('flags a latest checkpoint without quorum, and a stale one', () => {
    const exp = makeExport();
    const entries = entriesOf(exp);
    const two = verify({ ...exp, checkpoints: checkpoints(entries, [6], 2) });
    expect(find(two, 'QUORUM_NOT_MET')?.message).toBe('only 2 of the 3 required witnesses cosigned size 6');
    expect(two.latestCheckpoint?.witnessStatus).toBe('quorum-not-met');
    const old = verify({ ...exp, checkpoints: checkpoints(entries, [6], 3, NOW.getTime() / 1000 - 7200) });
    expect(find(old, 'CHECKPOINT_STALE')?.severity).toBe('warning');
    expect(old.latestCheckpoint?.witnessStatus).toBe('stale');
  });

  it('warns about entries not yet covered by a checkpoint', () => {
    const exp = makeExport();
    const r = verify({ ...exp, checkpoints: exp.checkpoints.slice(0, 1) });
    expect(find(r, 'UNCHECKPOINTED_ENTRIES')?.message).toBe(
      'entries 4–5 are not yet covered by a signed checkpoint',
    );
  });
});

describe('standalone verifier: attestations and keys', () => {
  const replaceAttestation = (exp: LogExport, a: ReturnType<typeof attestation>, index = 3) => {
    const entries = entriesOf(exp);
    entries[index] = a.entry;
    return { ...withEntries(exp, entries), envelopes: [a.envelope, ...exp.envelopes.slice(1)] };
  };

  it("refuses an attestation signed with another party's key", () => {
    const r = verify(replaceAttestation(makeExport(), attestation(3, 'UA', parties.RU)));
    expect(find(r, 'WRONG_PARTY_KEY')).toMatchObject({
      entryIndex: 3,
      message: expect.stringContaining('a key of RU'),
    });
  });

  it('refuses an attestation signed after the key expired', () => {
    const a = attestation(3, 'RU', parties.RU, new Date('2027-03-01T00:00:00Z'));
    a.entry.time = '2027-03-01T00:01:00.000Z';
    const r = verify(replaceAttestation(makeExport(), a));
    expect(find(r, 'KEY_NOT_VALID_AT_SIGNING')?.entryIndex).toBe(3);
  });

  it('refuses an attestation claiming a signing time after it was logged', () => {
    const a = attestation(3, 'UA', parties.UA, new Date('2026-06-02T00:00:00Z'));
    expect(
      find(verify(replaceAttestation(makeExport(), a)), 'ATTESTATION_TIME_AFTER_LOGGING')?.entryIndex,
    ).toBe(3);
  });

  it('refuses a key used before it was registered in the log, and a key revoked in the log', () => {
    const exp = makeExport();
    const entries = entriesOf(exp);
    const moved = withEntries(
      exp,
      [entries[1]!, entries[2]!, entries[3]!, entries[0]!, entries[4]!, entries[5]!].map((e, i) => ({
        ...e,
        id: `e-${i}`,
      })),
    );
    expect(find(verify(moved), 'KEY_NOT_REGISTERED')?.entryIndex).toBe(2);
    const revoke: LogEntry = {
      v: 1,
      kind: 'key-revocation',
      id: 'e-r',
      time: '2026-06-01T09:02:30.000Z',
      party: 'UA',
      keyId: exp.partyKeys[0]!.keyId,
      revokedAt: '2026-06-01T09:02:30.000Z',
      reason: 'compromised',
    };
    const revoked = withEntries(
      exp,
      [...entries.slice(0, 3), revoke, ...entries.slice(3)].map((e, i) => ({ ...e, id: `e-${i}` })),
    );
    expect(find(verify(revoked), 'KEY_REVOKED')?.entryIndex).toBe(4);
    // A signature backdated to before the revocation but logged after it is refused too.
    const backdated = attestation(4, 'UA', parties.UA, new Date('2026-06-01T09:01:00Z'));
    const late = withEntries(
      { ...exp, envelopes: [backdated.envelope, ...exp.envelopes.slice(1)] },
      [...entries.slice(0, 3), revoke, backdated.entry, ...entries.slice(4)].map((e, i) => ({
        ...e,
        id: `e-${i}`,
      })),
    );
    expect(find(verify(late), 'KEY_REVOKED')?.entryIndex).toBe(4);
  });

  it('names a key swapped outside the log', () => {
    const exp = makeExport();
    const swapped = { ...partyKey('UA', generateEd25519KeyPair()), keyId: exp.partyKeys[0]!.keyId };
    const r = verify({ ...exp, partyKeys: [swapped, exp.partyKeys[1]!] });
    expect(find(r, 'KEY_MISMATCH')?.entryIndex).toBe(0);
    expect(errors(r)).toContain('SIGNATURE_INVALID');
  });

  it('shows an attestation as stale when the content changed, without failing the log', () => {
    const exp = makeExport();
    const subjects = exp.subjects!.map((s) => ({ ...s, covered: { biography: 'changed', photos: [] } }));
    const r = verify({ ...exp, subjects });
    expect(find(r, 'STALE_CONTENT')).toMatchObject({ severity: 'warning', entryIndex: 3 });
    expect(r.ok).toBe(true);
  });

  it('still verifies an erased subject, as "subject erased"', () => {
    const exp = makeExport();
    const a3 = exp.entries[3]!.entry as AttestationEntry;
    const erasure: LogEntry = {
      v: 1,
      kind: 'erasure',
      id: 'e-6',
      time: '2026-06-01T09:06:00.000Z',
      party: 'UA',
      subjectRef: a3.subjectRef,
      subjectDigests: [a3.subjectDigest],
    };
    const erased = withEntries({ ...exp, subjects: [] }, [...entriesOf(exp), erasure]);
    const r = verify(erased);
    expect(r.ok).toBe(true);
    expect(r.attestations).toMatchObject({ 'subject-erased': 2, valid: 0 });
    expect(find(r, 'SUBJECT_ERASED')).toMatchObject({ severity: 'info', entryIndex: 3 });
    const saltGone = verify({ ...exp, subjects: [{ ...exp.subjects![0]!, salt: null }] });
    expect(find(saltGone, 'SUBJECT_ERASED')?.entryIndex).toBe(3);
  });

  it('names a key registered twice with different public keys', () => {
    const exp = makeExport();
    const other = registration(6, {
      ...partyKey('UA', generateEd25519KeyPair()),
      keyId: exp.partyKeys[0]!.keyId,
    });
    const r = verify(withEntries(exp, [...entriesOf(exp), other]));
    expect(find(r, 'KEY_REGISTRATION_CONFLICT')?.entryIndex).toBe(6);
  });
});
