import { describe, expect, it } from 'vitest';

import { toBase64 } from './bytes.ts';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
import { createCosignatureVerifier, createCosigner } from './cosignature.ts';
import { isTranslogError } from './errors.ts';
import { generateEd25519KeyPair } from './keys.ts';
import { hashLeaf } from './merkle.ts';
import { MerkleTree } from './merkle-tree.ts';
import {
  createNoteSigner,
  createNoteVerifier,
  encodeVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
} from './note.ts';
import { checkQuorum } from './quorum.ts';
import { witnessCheckpoint, type WitnessConfig, type WitnessState } from './witness.ts';

const ORIGIN = 'homeward.example/log';
const logKey = generateEd25519KeyPair();
const logSigner = createNoteSigner(ORIGIN, logKey.privateKey);
const logVerifier = createNoteVerifier(encodeVerifierKey(ORIGIN, SIG_TYPE_ED25519, logKey.publicKey));
const clock = 1_800_000_000;

const witnesses = ['ua.example/witness', 'ru.example/witness', 'icrc.example/witness'].map((name) => {
  const k = generateEd25519KeyPair();
  const config: WitnessConfig = {
    origin: ORIGIN,
    logVerifier,
    cosigner: createCosigner(name, k.privateKey, () => clock),
  };
  return {
    name,
    config,
    verifier: createCosignatureVerifier(encodeVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, k.publicKey)),
  };
});

const tree = (n: number, forkAt = -1) =>
  MerkleTree.fromLeafHashes(
    Array.from({ length: n }, (_, i) => hashLeaf(Uint8Array.of(i, i === forkAt ? 1 : 0))),
  );
const checkpointOf = (t: MerkleTree) =>
  signCheckpoint({ origin: ORIGIN, size: t.size, rootHash: t.root() }, logSigner);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return isTranslogError(e) ? e.code : String(e);
  }
  return 'ACCEPTED';
};

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it('parses and re-formats the published example byte for byte', () => {
    const text = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const cp = parseCheckpoint(text);
    expect([cp.origin, cp.size, cp.rootHash.length]).toEqual(['example.com/behind-the-sofa', 20852163, 32]);
    expect(formatCheckpoint(cp)).toBe(text);
  });

  it('parses strictly', () => {
    const root = toBase64(new Uint8Array(32));
    for (const bad of [
      `o\n08\n${root}\n`,
      `o\n8\n${root}`,
      `o\n8\n${root.slice(0, -4)}\n`,
      `\n8\n${root}\n`,
      `o\n8\n${root}\n\n`,
    ]) {
      expect(codeOf(() => parseCheckpoint(bad))).toBe('CHECKPOINT_MALFORMED');
    }
  });

  it('verifies the log signature and the origin', () => {
    const note = checkpointOf(tree(3));
    expect(openCheckpoint(note, logVerifier).checkpoint.size).toBe(3);
    expect(codeOf(() => openCheckpoint(note, logVerifier, 'other.example/log'))).toBe(
      'CHECKPOINT_ORIGIN_MISMATCH',
    );
    expect(codeOf(() => openCheckpoint(note.replace('\n3\n', '\n4\n'), logVerifier))).toBe(
      'NOTE_SIGNATURE_INVALID',
    );
  });
});

describe('witness', () => {
  const [w] = witnesses as [(typeof witnesses)[number]];
  const grow = (state: WitnessState | null, t: MerkleTree) =>
    witnessCheckpoint(w.config, state, {
      checkpoint: checkpointOf(t),
      proof: state ? t.consistencyProof(state.size) : [],
    });

  it('cosigns a growing log and keeps the last cosigned tree as its state', () => {
    const a = grow(null, tree(5));
    expect(a.state).toEqual({ origin: ORIGIN, size: 5, rootHash: toBase64(tree(5).root()) });
    const b = grow(a.state, tree(9));
    expect(b.state.size).toBe(9);
    expect(b.cosignature).toMatch(/^— ua\.example\/witness [A-Za-z0-9+/]+=*\n$/);
    // Re-presenting the same checkpoint is cosigned again without a state change.
    expect(grow(b.state, tree(9)).state).toEqual(b.state);
  });

  it('refuses a fork: another tree of the same size', () => {
    const s = grow(null, tree(9)).state;
    const err = codeOf(() =>
      witnessCheckpoint(w.config, s, { checkpoint: checkpointOf(tree(9, 3)), proof: [] }),
    );
    expect(err).toBe('WITNESS_FORK');
  });

  it('refuses a fork: a bigger tree that does not contain the cosigned one', () => {
    const s = grow(null, tree(5)).state;
    const forked = tree(10, 3);
    const req = { checkpoint: checkpointOf(forked), proof: forked.consistencyProof(5) };
    expect(codeOf(() => witnessCheckpoint(w.config, s, req))).toBe('WITNESS_INCONSISTENT');
    expect(codeOf(() => witnessCheckpoint(w.config, s, { ...req, proof: [] }))).toBe('WITNESS_INCONSISTENT');
  });

  it('refuses a rollback, a wrong assumed state, another log and an unsigned checkpoint', () => {
    const s = grow(null, tree(9)).state;
    expect(
      codeOf(() => witnessCheckpoint(w.config, s, { checkpoint: checkpointOf(tree(5)), proof: [] })),
    ).toBe('WITNESS_ROLLBACK');
    const req = { checkpoint: checkpointOf(tree(12)), proof: tree(12).consistencyProof(9), oldSize: 7 };
    try {
      witnessCheckpoint(w.config, s, req);
      expect.unreachable();
    } catch (e) {
      expect(isTranslogError(e, 'WITNESS_OLD_SIZE_MISMATCH') && e.details.size).toBe(9);
    }
    const stranger = createNoteSigner(ORIGIN, generateEd25519KeyPair().privateKey);
    const t = tree(12);
    const forged = signCheckpoint({ origin: ORIGIN, size: 12, rootHash: t.root() }, stranger);
    expect(
      codeOf(() => witnessCheckpoint(w.config, s, { checkpoint: forged, proof: t.consistencyProof(9) })),
    ).toBe('NOTE_UNVERIFIED');
    const other = signCheckpoint({ origin: 'other.example/log', size: 12, rootHash: t.root() }, logSigner);
    expect(
      codeOf(() => witnessCheckpoint(w.config, s, { checkpoint: other, proof: t.consistencyProof(9) })),
    ).toBe('CHECKPOINT_ORIGIN_MISMATCH');
  });
});

describe('quorum', () => {
  const cosignBy = (count: number, t = tree(8)) =>
    witnesses
      .slice(0, count)
      .reduce(
        (note, wt) => witnessCheckpoint(wt.config, null, { checkpoint: note, proof: [] }).note,
        checkpointOf(t),
      );
  const policy = { logVerifier, witnesses: witnesses.map((x) => x.verifier), quorum: 3, maxAgeSeconds: 600 };

  it('trusts a checkpoint cosigned by all three parties within the window', () => {
    const r = checkQuorum(cosignBy(3), policy, clock + 60);
    expect([r.status, r.trusted, r.cosigners.map((c) => c.name)]).toEqual([
      'trusted',
      true,
      ['ua.example/witness', 'ru.example/witness', 'icrc.example/witness'],
    ]);
  });

  it('does not trust a checkpoint without quorum', () => {
    const r = checkQuorum(cosignBy(2), policy, clock);
    expect([r.status, r.trusted]).toEqual(['quorum-not-met', false]);
    expect(r.message).toBe('only 2 of the 3 required witnesses cosigned size 8');
    expect(checkQuorum(cosignBy(2), { ...policy, quorum: 2 }, clock).trusted).toBe(true);
  });

  it('flags a stale checkpoint whose cosignatures are older than the window', () => {
    const r = checkQuorum(cosignBy(3), policy, clock + 601);
    expect([r.status, r.trusted]).toEqual(['stale', false]);
  });

  it('does not count a tampered cosignature or one from the future', () => {
    const note = cosignBy(3);
    const lines = note.split('\n');
    const last = lines.length - 2;
    lines[last] = (lines[last] as string).replace(
      /.{6}=*$/,
      (m) => (m.startsWith('A') ? 'B' : 'A') + m.slice(1),
    );
    const r = checkQuorum(lines.join('\n'), policy, clock);
    expect(r.invalid).toEqual(['icrc.example/witness']);
    expect(r.status).toBe('quorum-not-met');
    expect(checkQuorum(note, policy, clock - 1000).invalid).toHaveLength(3);
  });
});
