import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
import { verifyExportDir, writeExportDir } from './log.ts';

// The standalone verifier: an export checked with the parties' keys and no database at all.
const bin = resolve(import.meta.dirname, '../../../../node_modules/.bin/homeward');
let w: World;
let dir: string;
beforeAll(async () => {
  w = await createWorld();
  const d = await createDossier(w);
  await attestAs(w.ua, d.id);
  await attestAs(w.mediator, d.id);
  await w.viewer.get('/api/v1/log/checkpoint');
  dir = mkdtempSync(join(tmpdir(), 'hw-log-export-'));
  writeExportDir(dir, await buildLogExport(w.t.database.db));
});
afterAll(() => w.t.close());

const copy = (edit: (log: { entries: Array<{ entry: Record<string, unknown> }> }) => void) => {
  const other = mkdtempSync(join(tmpdir(), 'hw-log-tampered-'));
  const log = JSON.parse(readFileSync(join(dir, 'log.json'), 'utf8'));
  edit(log);
  writeFileSync(join(other, 'log.json'), JSON.stringify(log));
  return other;
};
const errors = (r: { findings: Array<{ severity: string; code: string }> }) =>
  r.findings.filter((f) => f.severity === 'error').map((f) => f.code);

describe('homeward log verify --export DIR --keys FILE', () => {
  it('passes an untouched export checked against the parties’ keys', () => {
    const r = verifyExportDir(dir, { keysFile: join(dir, 'keys.json'), now: w.t.clock.now() });
    expect(errors(r)).toEqual([]);
    expect(r.attestations.valid).toBe(2);
  });

  it('names an entry edited in the export', () => {
    const other = copy((log) => (log.entries[1]!.entry.time = '2020-01-01T00:00:00.000Z'));
    const r = verifyExportDir(other, { keysFile: join(dir, 'keys.json'), now: w.t.clock.now() });
    expect(errors(r)).toContain('ENTRY_ALTERED');
  });

  it('names a key that differs from the one the checker trusts', () => {
    const keys = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'));
    keys.partyKeys[0].publicKey = Buffer.alloc(32, 5).toString('base64');
    const file = join(dir, 'swapped-keys.json');
    writeFileSync(file, JSON.stringify(keys));
    expect(errors(verifyExportDir(dir, { keysFile: file, now: w.t.clock.now() }))).toContain('KEY_MISMATCH');
  });

  it('runs as a command with no database configured, exit code 0 when clean and 4 when not', () => {
    const env = {
      ...process.env,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      HOMEWARD_DATA_DIR: join(dir, 'no-data'),
    };
    const ok = spawnSync(bin, ['log', 'verify', '--export', dir, '--keys', join(dir, 'keys.json')], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(ok.stdout).toContain('OK: nothing was altered');
    expect(ok.status).toBe(0);
    const bad = copy((log) => log.entries.splice(1, 1));
    const r = spawnSync(bin, ['log', 'verify', '--export', bad, '--keys', join(dir, 'keys.json')], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stdout).toMatch(/ERROR ENTRY_INDEX_MISMATCH \(entry 1\)/);
    expect(r.status).toBe(4);
  });
});
