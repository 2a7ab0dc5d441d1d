import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The operator's drill from docs/RELIABILITY.md, with real processes on real data folders.
const bin = resolve(import.meta.dirname, '../../../node_modules/.bin/homeward');
const masterKey = randomBytes(32).toString('base64');
const base = { ...process.env, HOMEWARD_LOG_LEVEL: 'warn', HOMEWARD_MASTER_KEY: masterKey };
delete (base as Record<string, string | undefined>).DATABASE_URL;

const cli = (dataDir: string, args: string[], extra: Record<string, string> = {}) =>
  spawnSync(bin, args, { env: { ...base, HOMEWARD_DATA_DIR: dataDir, ...extra }, encoding: 'utf8', timeout: 120_000 });

describe('homeward backup and restore', () => {
  it('backs up a seeded instance and restores it into an empty one, verified; refuses a wrong key and a non-empty target', () => {
    const source = mkdtempSync(join(tmpdir(), 'hw-src-'));
    const target = mkdtempSync(join(tmpdir(), 'hw-dst-'));
    const file = join(mkdtempSync(join(tmpdir(), 'hw-bk-')), 'drill.hwb');

    expect(cli(source, ['seed', '--demo', '40']).status).toBe(0);
    const made = cli(source, ['backup', '--out', file]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/Backup written to .*drill\.hwb/);
    expect(existsSync(`${file}.manifest.json`)).toBe(true);
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
    expect(manifest.tables.dossier.rows).toBe(40);

    const verified = cli(source, ['backup', 'verify', file]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('is intact');

    const wrongKey = cli(target, ['restore', file], { HOMEWARD_MASTER_KEY: randomBytes(32).toString('base64') });
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stderr).toContain('another master key');

    const restored = cli(target, ['restore', file]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(`transparency log size ${manifest.log.size}, root ${manifest.log.root}`);

    // The restored instance answers like the original: its own log verifies.
    const log = cli(target, ['log', 'verify']);
    expect(log.status, log.stdout + log.stderr).toBe(0);

    const again = cli(target, ['restore', file]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('empty instance');
  }, 240_000);
});
