import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep } from '../../server/src/modules/auth/totp.ts';

// Real processes on a real embedded data folder: what an operator does, including kill -9.
const bin = resolve(import.meta.dirname, '../../../node_modules/.bin/homeward');
const dataDir = mkdtempSync(join(tmpdir(), 'hw-cli-'));
const env = { ...process.env, HOMEWARD_DATA_DIR: dataDir, PORT: '0', HOMEWARD_LOG_LEVEL: 'warn', DATABASE_URL: '' };
delete (env as Record<string, string | undefined>).DATABASE_URL;
const password = 'a long and unguessable passphrase';
const children: ChildProcess[] = [];
let totpSecret = '';
// Each login uses a later TOTP step (a code is accepted once); ±1 step of drift is allowed.
let step = -1;
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

const cli = (args: string[], extra: Record<string, string> = {}) =>
  spawnSync(bin, args, { env: { ...env, ...extra }, encoding: 'utf8', timeout: 60_000 });

function startServer(): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  return new Promise((resolvePromise, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving at (http:\/\/\S+)/.exec(out);
      if (m) resolvePromise({ proc, url: m[1]! });
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function session(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'op@test.invalid', password, totp: hotp(base32Decode(totpSecret), timeStep(new Date()) + step++) }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.on('exit', (c) => r(c))));

describe('homeward CLI on an embedded data folder', () => {
  it('creates a party and a user (password from the environment)', () => {
    expect(cli(['party', 'create', '--code', 'UA-T', '--name', 'Test authority', '--kind', 'home-country-authority']).status).toBe(0);
    const weak = cli(['user', 'create', '--email', 'weak@test.invalid', '--party', 'UA-T', '--role', 'caseworker'], { HOMEWARD_PASSWORD: 'short' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password: must be at least 12 characters long');
    const ok = cli(['user', 'create', '--email', 'op@test.invalid', '--party', 'UA-T', '--role', 'caseworker,auditor'], { HOMEWARD_PASSWORD: password });
    expect(ok.stdout).toContain('with roles caseworker, auditor');
    expect(ok.stdout).toMatch(/recovery codes: (\w{5}-\w{5} ){9}\w{5}-\w{5}/);
    totpSecret = /authenticator secret: (\w+)/.exec(ok.stdout)![1]!;
  });

  it('creates and revokes a scoped API token', () => {
    const made = cli(['token', 'create', '--email', 'op@test.invalid', '--name', 'exchange', '--permission', 'dossier.read', '--days', '7']);
    expect(made.status).toBe(0);
    const id = /Token (\w+) created/.exec(made.stdout)![1]!;
    expect(made.stdout).toMatch(new RegExp(`hwt_${id}_`));
    const beyond = cli(['token', 'create', '--email', 'op@test.invalid', '--name', 'x', '--permission', 'user.admin']);
    expect(beyond.status).toBe(1);
    expect(cli(['token', 'revoke', id]).stdout).toContain(`Token ${id} revoked.`);
  });

  it('imports with a report of rejected lines and exit code 3', () => {
    const file = join(dataDir, 'in.jsonl');
    writeFileSync(file, ['{"sourceId":"A1","names":[{"givenName":"Іван"}],"sex":"male"}', 'not json', '{"sourceId":"A2","names":[]}'].join('\n'));
    const r = cli(['import', file, '--kind', 'dossiers', '--party', 'UA-T']);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('1 created, 0 updated, 0 unchanged, 2 rejected');
    const report = readFileSync(`${file}.rejected.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(report.map((x: { line: number }) => x.line)).toEqual([2, 3]);
  });

  it('loses nothing committed when killed with SIGKILL, and refuses a second process on the folder', async () => {
    const { proc, url } = await startServer();
    const { cookie, csrf } = await session(url);
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await fetch(`${url}/api/v1/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ names: [{ givenName: 'Марія', familyName: `Тест${i}` }], sex: 'female' }),
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const second = cli(['migrate']);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/in use by another Homeward process \(pid \d+\)/);

    proc.kill('SIGKILL');
    await exited(proc);

    const again = await startServer();
    const s2 = await session(again.url);
    for (const id of ids) {
      const res = await fetch(`${again.url}/api/v1/dossiers/${id}`, { headers: { cookie: s2.cookie } });
      expect(res.status).toBe(200);
    }
    again.proc.kill('SIGTERM');
    expect(await exited(again.proc)).toBe(0);
    expect(existsSync(join(dataDir, 'homeward.lock'))).toBe(false);
  });
});
