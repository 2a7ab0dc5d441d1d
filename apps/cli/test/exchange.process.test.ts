import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Two Homeward instances (two data folders, two parties) exchanging bundles with the real CLI.
const bin = resolve(import.meta.dirname, '../../../node_modules/.bin/homeward');
const base = { ...process.env, HOMEWARD_LOG_LEVEL: 'warn' };
delete (base as Record<string, string | undefined>).DATABASE_URL;

const instance = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hw-x-'));
  const env = { ...base, HOMEWARD_DATA_DIR: dir, HOMEWARD_MASTER_KEY: randomBytes(32).toString('base64') };
  return (args: string[]) =>
    new Promise<Run>((done) => {
      const p = spawn(bin, args, { env, timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      p.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('close', (status) => done({ status, stdout, stderr }));
    });
};
interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
const ok = async (run: Promise<Run>) => {
  const r = await run;
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return r.stdout;
};
// The two instances are separate processes on separate folders: steps that do not depend on each other run side by side.
const both = (a: Promise<Run>, b: Promise<Run>) => Promise.all([ok(a), ok(b)]);

describe('homeward bundle between two instances', () => {
  it('swaps party cards, exchanges bundles both ways, re-imports idempotently and refuses bad bundles', async () => {
    const work = mkdtempSync(join(tmpdir(), 'hw-x-files-'));
    const f = (name: string) => join(work, name);
    const hold = instance();
    const home = instance();
    await both(
      hold(['party', 'create', '--code', 'HOLD-A', '--name', 'Fictional holding authority', '--kind', 'holding-country-authority']),
      home(['party', 'create', '--code', 'HOME-B', '--name', 'Fictional home authority', '--kind', 'home-country-authority']),
    );
    const identity = { names: [{ givenName: 'Fictional', familyName: 'Child' }], sex: 'female', birthDate: '2014-05-02', displacement: { place: 'Fictional town', date: '2022-04', kind: 'evacuated-from-front-line' } };
    writeFileSync(f('dossiers.jsonl'), JSON.stringify({ sourceId: 'd-1', ...identity, currentLocation: { placement: 'foster-family', address: 'Fictional street 1' } }) + '\n');
    writeFileSync(f('requests.jsonl'), JSON.stringify({ sourceId: 'r-1', sought: identity, requester: { name: 'Fictional Parent', relationship: 'mother' } }) + '\n');
    await both(hold(['import', f('dossiers.jsonl'), '--kind', 'dossiers', '--party', 'HOLD-A']), home(['import', f('requests.jsonl'), '--kind', 'requests', '--party', 'HOME-B']));

    const [holdCard] = await both(hold(['party', 'export-keys', '--out', f('hold-card.json')]), home(['party', 'export-keys', '--out', f('home-card.json')]));
    const [registered] = await both(home(['party', 'import-keys', f('hold-card.json')]), hold(['party', 'import-keys', f('home-card.json')]));
    expect(registered).toContain('Registered partner HOLD-A');
    // The fingerprint printed on both sides is the one to compare by telephone.
    expect(registered.match(/fingerprint[^:]*: ([0-9a-f]{64})/)![1]).toBe(holdCard.match(/fingerprint[^:]*: ([0-9a-f]{64})/)![1]);

    expect(await ok(hold(['bundle', 'export', '--to', 'HOME-B', '--out', f('a-to-b-1.hwx')]))).toContain('1 dossiers, 0 requests');
    const imported = await ok(home(['bundle', 'import', f('a-to-b-1.hwx')]));
    expect(imported).toContain('dossiers: 1 created, 0 updated, 0 unchanged, 0 conflicts');
    expect(imported).toMatch(/matching: [1-9]\d* proposals/);
    const [again] = await both(home(['bundle', 'import', f('a-to-b-1.hwx')]), hold(['bundle', 'export', '--to', 'HOME-B', '--out', f('a-to-b-2.hwx')]));
    expect(again).toContain('already imported; nothing changed');

    await ok(home(['bundle', 'export', '--to', 'HOLD-A', '--out', f('b-to-a-1.hwx')]));
    expect(await ok(hold(['bundle', 'import', f('b-to-a-1.hwx')]))).toContain('requests: 1 created');

    const bytes = readFileSync(f('a-to-b-1.hwx'));
    writeFileSync(f('cut.hwx'), bytes.subarray(0, bytes.length - 100));
    const [cut, misaddressed] = await Promise.all([home(['bundle', 'import', f('cut.hwx')]), hold(['bundle', 'import', f('a-to-b-2.hwx')])]);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toContain('cut off');
    expect(misaddressed.status).toBe(1);
    expect(misaddressed.stderr).toContain('addressed to HOME-B');

    // Both transparency logs, with their exchange entries and the partner's registered keys, still verify.
    await both(hold(['log', 'verify']), home(['log', 'verify']));
  }, 240_000);
});
