import {
  createNoteSigner,
  encodeVerifierKey,
  entryLeafHash,
  generateEd25519KeyPair,
  MerkleTree,
  SIG_TYPE_ED25519,
  signCheckpoint,
  toHex,
  type LogEntry,
  type LogExport,
} from '@homeward/translog';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosignExport, initWitness } from './witness.ts';

// A small log operated here, so the test can also play a dishonest operator that forks it.
const ORIGIN = 'log.test.invalid/witnessed';
const logKey = generateEd25519KeyPair();
const vkey = encodeVerifierKey(ORIGIN, SIG_TYPE_ED25519, logKey.publicKey);
const entry = (i: number, to = 'closed'): LogEntry => ({
  v: 1,
  kind: 'status-transition',
  id: `e-${i}`,
  time: '2026-06-01T10:00:00.000Z',
  party: 'p',
  subjectRef: `case/${i}`,
  from: 'open',
  to,
});

function exportOf(entries: LogEntry[]): string {
  const tree = MerkleTree.fromLeafHashes(entries.map(entryLeafHash));
  const note = signCheckpoint(
    { origin: ORIGIN, size: tree.size, rootHash: tree.root() },
    createNoteSigner(ORIGIN, logKey.privateKey),
  );
  const exp: LogExport = {
    origin: ORIGIN,
    logKey: vkey,
    entries: entries.map((e, index) => ({ index, entry: e, leafHash: toHex(entryLeafHash(e)) })),
    checkpoints: [note],
    envelopes: [],
    partyKeys: [],
  };
  const dir = mkdtempSync(join(tmpdir(), 'hw-witness-export-'));
  writeFileSync(join(dir, 'log.json'), JSON.stringify(exp));
  return dir;
}

const pass = 'witness passphrase for tests';
const log = (n: number, to?: string) =>
  Array.from({ length: n }, (_, i) => entry(i, i === n - 1 && to ? to : 'closed'));

describe('homeward witness', () => {
  it('cosigns a growing log and keeps its state', () => {
    const state = mkdtempSync(join(tmpdir(), 'hw-witness-'));
    expect(initWitness(state, 'witness.ua.invalid', vkey, pass)).toMatch(
      /^witness\.ua\.invalid\+[0-9a-f]{8}\+/,
    );
    const first = cosignExport(state, exportOf(log(3)), pass);
    expect(first).toMatchObject({ ok: true, size: 3 });
    expect(first.ok && first.note).toContain('— witness.ua.invalid ');
    expect(cosignExport(state, exportOf(log(7)), pass)).toMatchObject({ ok: true, size: 7 });
    expect(JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')).size).toBe(7);
  });

  it('refuses a fork, a rewritten history and a rollback, and keeps the state it had', () => {
    const state = mkdtempSync(join(tmpdir(), 'hw-witness-'));
    initWitness(state, 'witness.ru.invalid', vkey, pass);
    cosignExport(state, exportOf(log(4)), pass);
    const saved = readFileSync(join(state, 'state.json'), 'utf8');
    expect(cosignExport(state, exportOf(log(4, 'reopened')), pass)).toMatchObject({
      ok: false,
      code: 'WITNESS_FORK',
    });
    const rewritten = [entry(0, 'reopened'), ...log(5).slice(1)];
    expect(cosignExport(state, exportOf(rewritten), pass)).toMatchObject({
      ok: false,
      code: 'WITNESS_INCONSISTENT',
    });
    expect(cosignExport(state, exportOf(log(2)), pass)).toMatchObject({
      ok: false,
      code: 'WITNESS_ROLLBACK',
    });
    expect(readFileSync(join(state, 'state.json'), 'utf8')).toBe(saved);
  });

  it('refuses an export whose entries do not give the signed root, and a checkpoint by another key', () => {
    const state = mkdtempSync(join(tmpdir(), 'hw-witness-'));
    initWitness(state, 'witness.icrc.invalid', vkey, pass);
    const dir = exportOf(log(3));
    const exp = JSON.parse(readFileSync(join(dir, 'log.json'), 'utf8'));
    exp.entries[1].entry.to = 'reopened';
    writeFileSync(join(dir, 'log.json'), JSON.stringify(exp));
    expect(cosignExport(state, dir, pass)).toMatchObject({ ok: false, code: 'EXPORT_MISMATCH' });

    const other = mkdtempSync(join(tmpdir(), 'hw-witness-'));
    initWitness(
      other,
      'witness.other.invalid',
      encodeVerifierKey(ORIGIN, SIG_TYPE_ED25519, generateEd25519KeyPair().publicKey),
      pass,
    );
    expect(cosignExport(other, exportOf(log(3)), pass)).toMatchObject({ ok: false, code: 'NO_CHECKPOINT' });
  });
});
