/**
 * Issue 2 benchmarks: JSONL import of N dossiers, name-filtered listing latency through the real
 * HTTP API, and start-up time on an existing data folder.
 *
 *   npx tsx bench/dossiers.ts [--count 50000] [--database-url postgres://…]
 *
 * Without --database-url it runs on embedded PGlite in a fresh temporary data folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig, openRuntime, buildServer, systemActor } from '@homeward/server';
import { generateDemoChildren } from '@homeward/server/modules/demo/demo-data.ts';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { importFile } from '@homeward/server/modules/transfer/import.service.ts';
import { percentiles } from './stats.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '50000' }, 'database-url': { type: 'string' } } });
const count = Number(values.count);
const dir = mkdtempSync(join(tmpdir(), 'hw-bench-'));
let databaseUrl = values['database-url'];
if (databaseUrl) {
  // A fresh database on the server given.
  const name = `hw_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
}
const env = { HOMEWARD_DATA_DIR: dir, HOMEWARD_LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
const backend = databaseUrl ? 'PostgreSQL' : 'PGlite';

const file = join(dir, 'dossiers.jsonl');
const kids = generateDemoChildren(count, 99);
writeFileSync(file, kids.map((k) => JSON.stringify(k.dossier)).join('\n') + '\n');

let rt = await openRuntime(loadConfig(env));
const party = await createParty(rt.database.db, systemActor(), { code: 'RU-BENCH', name: 'Bench holder', kind: 'holding-country-authority' });
await createUser(rt.database.db, systemActor(), { email: 'bench@bench.invalid', partyCode: 'RU-BENCH', roles: ['caseworker'], password: 'bench bench bench bench' });
const t0 = performance.now();
const summary = await importFile(rt.database.db, rt.clock, file, { kind: 'dossiers', format: 'jsonl', partyId: party.id, actor: systemActor(party.id) });
const importSecs = (performance.now() - t0) / 1000;
console.log(`[${backend}] import of ${count} dossiers: ${importSecs.toFixed(1)} s (${Math.round(count / importSecs)}/s), created ${summary.created}, rejected ${summary.rejected.length}`);

// Name-filtered listing through real HTTP on loopback.
const app = await buildServer(rt);
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@bench.invalid', password: 'bench bench bench bench' }) });
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
const { csrfToken } = (await login.json()) as { csrfToken: string };
const queries = ['Oleksandr', 'Коваленко', 'Hanna', 'Шевчук', 'Marchenko', 'Дарья', 'Lysenko', 'Андрей', 'polishchuk', 'Злата'];
const times: number[] = [];
for (let i = 0; i < 300; i++) {
  const q = queries[i % queries.length]!;
  const s = performance.now();
  const res = await fetch(`${url}/api/v1/dossiers/search`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: q, limit: 50 }) });
  await res.arrayBuffer();
  if (i >= 20) times.push(performance.now() - s);
}
const p = percentiles(times);
console.log(`[${backend}] name-filtered search over ${count} dossiers (limit 50, ${times.length} requests): p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms`);
await app.close();
await rt.close();

if (!databaseUrl) {
  // Start-up on the existing data folder: process start until /api/health answers.
  const bin = resolve(import.meta.dirname, '../node_modules/.bin/homeward');
  for (let run = 0; run < 3; run++) {
    const s = performance.now();
    const proc = spawn(bin, ['serve'], { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const served = await new Promise<string>((ok) => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving at (\S+)/.exec(out);
        if (m) ok(m[1]!);
      });
    });
    const health = await fetch(`${served}/api/health`);
    console.log(`[${backend}] start-up on an existing data folder (${count} dossiers), run ${run + 1}: serving in ${((performance.now() - s) / 1000).toFixed(2)} s (health ${health.status})`);
    proc.kill('SIGTERM');
    await new Promise((r) => proc.on('exit', r));
  }
}
rt = undefined as never;
