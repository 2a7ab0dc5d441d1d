import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLogExport } from '@homeward/server/modules/transparency/log-export.service.ts';
import {
  attestAs,
  createDossier,
  createWorld,
  type World,
} from '@homeward/server/modules/transparency/transparency-fixtures.ts';
import type { Client } from '../../../server/test/test-app.ts';
import { verifyExportDir, writeExportDir } from './log.ts';
import { cosignExport, initWitness } from './witness.ts';

// Three parties' witnesses cosign the server's checkpoints; the server trusts a checkpoint only
// with all three (the default quorum), and only while the cosignatures are fresh.
const bin = resolve(import.meta.dirname, '../../../../node_modules/.bin/homeward');
const pass = 'witness passphrase for tests';
let w: World;
let admins: Client[];
const states: string[] = [];
beforeAll(async () => {
  w = await createWorld(new Date().toISOString());
  const { ua, mediator, icrc } = w.parties;
  admins = await Promise.all([ua, mediator, icrc].map((p) => w.t.login(['administrator'], p)));
  const { logKey } = (await admins[0]!.get('/api/v1/log/checkpoint')).json();
  for (const [i, p] of [ua, mediator, icrc].entries()) {
    const state = mkdtempSync(join(tmpdir(), `hw-witness-${i}-`));
    states.push(state);
    const vkey = initWitness(state, `witness-${i}.test.invalid`, logKey, pass);
    expect((await admins[i]!.post(`/api/v1/parties/${p.id}/witness-keys`, { vkey })).statusCode).toBe(201);
  }
});
afterAll(() => w.t.close());

const checkpoint = async () => (await admins[0]!.get('/api/v1/log/checkpoint')).json();
async function exportNow() {
  await checkpoint();
  const dir = mkdtempSync(join(tmpdir(), 'hw-witnessed-export-'));
  writeExportDir(dir, await buildLogExport(w.t.database.db));
  return dir;
}
function cosignInProcess(state: string, dir: string, out: string): Promise<number | null> {
  const proc = spawn(bin, ['witness', 'cosign', '--state', state, '--export', dir, '--out', out], {
    env: { ...process.env, HOMEWARD_WITNESS_PASSPHRASE: pass },
    stdio: 'ignore',
  });
  return new Promise((done) => proc.on('exit', done));
}

describe('witnessed checkpoints and quorum', () => {
  it('trusts a checkpoint once all three witnesses, run as separate processes, cosigned it', async () => {
    const d = await createDossier(w);
    await attestAs(w.ua, d.id);
    const dir = await exportNow();
    expect((await checkpoint()).witness).toMatchObject({ status: 'quorum-not-met', quorum: 3, witnesses: 3 });
    const outs = states.map((s) => join(s, 'cosigned.txt'));
    expect(await Promise.all(states.map((s, i) => cosignInProcess(s, dir, outs[i]!)))).toEqual([0, 0, 0]);
    for (const [i, out] of outs.entries()) {
      const res = await admins[i]!.post('/api/v1/log/cosignatures', { note: readFileSync(out, 'utf8') });
      expect(res.statusCode).toBe(200);
      expect(res.json().cosigners).toHaveLength(i + 1);
    }
    const cp = await checkpoint();
    expect(cp.witness.status).toBe('trusted');
    expect(cp.witness.cosignedNote.match(/^— witness-\d\.test\.invalid /gm)).toHaveLength(3);
  });

  it('does not trust a newer checkpoint until the witnesses cosign it too', async () => {
    const d = await createDossier(w);
    await attestAs(w.mediator, d.id);
    expect((await checkpoint()).witness.status).toBe('quorum-not-met');
    const dir = await exportNow();
    for (const [i, s] of states.entries()) {
      const r = cosignExport(s, dir, pass);
      expect(r.ok).toBe(true);
      if (r.ok) await admins[i]!.post('/api/v1/log/cosignatures', { note: r.note });
    }
    expect((await checkpoint()).witness.status).toBe('trusted');
    // A party's own check of the export, with the witness policy in its keys file, agrees.
    const again = await exportNow();
    const r = verifyExportDir(again, { keysFile: join(again, 'keys.json'), now: w.t.clock.now() });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.latestCheckpoint?.witnessStatus).toBe('trusted');
  });

  it('refuses cosignatures on a checkpoint this log never signed', async () => {
    const cp = await checkpoint();
    const forged = cp.note.replace(/\n(\d+)\n/, (_m: string, n: string) => `\n${Number(n) + 1}\n`);
    const res = await admins[0]!.post('/api/v1/log/cosignatures', { note: forged });
    expect(res.json().code).toBe('COSIGNATURE_INVALID');
  });

  it('flags the checkpoint as stale when the cosignatures grow old', async () => {
    w.t.clock.advance(2 * 3600_000);
    const auditor = await w.t.login(['auditor'], w.parties.icrc); // the others' sessions expired meanwhile
    expect((await auditor.get('/api/v1/log/checkpoint')).json().witness.status).toBe('stale');
    expect((await auditor.get('/api/v1/log/checkpoint')).json().trusted).toBeNull();
  });

  it('the standalone verifier refuses a stale checkpoint and takes --quorum and --max-age', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-stale-export-'));
    writeExportDir(dir, await buildLogExport(w.t.database.db));
    const keysFile = join(dir, 'keys.json');
    const now = w.t.clock.now(); // two hours after the last cosignatures
    const stale = verifyExportDir(dir, { keysFile, now });
    expect(stale.ok).toBe(false);
    expect(stale.findings.find((f) => f.code === 'CHECKPOINT_STALE')?.severity).toBe('error');
    expect(stale.trustedCheckpoint).toBeNull();
    const wide = verifyExportDir(dir, { keysFile, now, maxAgeSeconds: 3 * 3600 });
    expect(wide.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(wide.trustedCheckpoint?.size).toBeGreaterThan(0);
    expect(() => verifyExportDir(dir, { keysFile, now, quorum: 4 })).toThrow(/exceeds the 3 witness/);
  });
});
