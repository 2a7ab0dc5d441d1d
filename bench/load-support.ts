/**
 * Shared by bench/api-load.ts and bench/soak.ts: a fictional instance of N children (embedded PGlite
 * or a fresh PostgreSQL database), the real `homeward serve` process on loopback, logged-in
 * sessions, the four workloads, a closed-loop load driver (autocannon when installed, otherwise a
 * built-in one with the same model: C connections, each sending its next request when the last
 * one answered), and the server's resident memory sampled from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadConfig, openRuntime, systemActor } from '@homeward/server';
import { seedDemo } from '@homeward/server/modules/demo/demo.service.ts';
import { proposeForRequest } from '@homeward/server/modules/matching/matching.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { percentiles } from './stats.ts';

export const PASSWORD = 'bench bench bench bench';

export interface Instance {
  env: Record<string, string>;
  backend: 'PGlite' | 'PostgreSQL';
  dossierIds: string[];
  proposalIds: string[];
  /** Bench accounts: `holder-N` in the holding party (dossiers), `home-N` in the home party (requests). */
  accounts: number;
  seedSeconds: number;
}

/** A fresh instance with `count` fictional children, `accounts` users per side, and proposals for `proposeFor` requests. */
export async function prepareInstance(opts: { count: number; databaseUrl?: string | undefined; accounts: number; proposeFor: number; jobs: boolean }): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), 'hw-load-'));
  let databaseUrl = opts.databaseUrl;
  if (databaseUrl) {
    const name = `hw_load_${process.pid}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const env: Record<string, string> = {
    HOMEWARD_DATA_DIR: dir,
    HOMEWARD_LOG_LEVEL: 'warn',
    HOMEWARD_JOBS: opts.jobs ? 'on' : 'off',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const rt = await openRuntime(loadConfig(env));
  try {
    const t0 = performance.now();
    await seedDemo(rt.database.db, rt.clock, opts.count);
    const seedSeconds = (performance.now() - t0) / 1000;
    const db = rt.database.db;
    for (let i = 0; i < opts.accounts; i++) {
      await createUser(db, systemActor(), { email: `holder-${i}@bench.invalid`, partyCode: 'RU-DEMO', roles: ['caseworker'], password: PASSWORD });
      await createUser(db, systemActor(), { email: `home-${i}@bench.invalid`, partyCode: 'UA-DEMO', roles: ['caseworker', 'match-reviewer'], password: PASSWORD });
    }
    // A review queue: proposals for the first requests (matching all 50,000 is the rematch job's work, not this bench's).
    const requests = await db.selectFrom('tracing_request').select('id').orderBy('id').limit(opts.proposeFor).execute();
    for (const r of requests) await proposeForRequest({ db, clock: rt.clock }, r.id);
    const dossierIds = (await db.selectFrom('dossier').select('id').orderBy('id').limit(5000).execute()).map((r) => r.id);
    const proposalIds = (await db.selectFrom('match_proposal').select('id').where('status', '=', 'proposed').where('kind', '=', 'request-dossier').limit(2000).execute()).map((r) => r.id);
    return { env, backend: databaseUrl ? 'PostgreSQL' : 'PGlite', dossierIds, proposalIds, accounts: opts.accounts, seedSeconds };
  } finally {
    await rt.close();
  }
}

export interface RunningServer {
  proc: ChildProcess;
  url: string;
  stop(): Promise<number | null>;
}

/** Starts the real `homeward serve` on the instance; resolves when it serves. */
export function startServer(inst: Instance): Promise<RunningServer> {
  const bin = resolve(import.meta.dirname, '../node_modules/.bin/homeward');
  const proc = spawn(bin, ['serve'], { env: { ...process.env, ...inst.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving at (\S+)/.exec(out);
      if (m)
        ok({
          proc,
          url: m[1]!,
          stop: () => {
            proc.kill('SIGTERM');
            return new Promise((r) => (proc.exitCode !== null ? r(proc.exitCode) : proc.once('exit', r)));
          },
        });
    });
    proc.once('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(url: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Sessions for every bench account (searches are rate-limited per account: 300 a minute, as in production). */
export async function sessions(url: string, inst: Instance): Promise<{ holders: Session[]; homes: Session[] }> {
  const holders: Session[] = [];
  const homes: Session[] = [];
  for (let i = 0; i < inst.accounts; i++) {
    holders.push(await login(url, `holder-${i}@bench.invalid`));
    homes.push(await login(url, `home-${i}@bench.invalid`));
  }
  return { holders, homes };
}

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type Workload = 'search' | 'dossier-read' | 'request-create' | 'match-review';
export const workloads: Workload[] = ['search', 'dossier-read', 'request-create', 'match-review'];

const names = ['Oleksandr', 'Коваленко', 'Hanna', 'Шевчук', 'Marchenko', 'Дарья', 'Lysenko', 'Андрей', 'polishchuk', 'Злата'];

/** The next request of a workload (round-robin over accounts and records). */
export function generator(kind: Workload, inst: Instance, s: { holders: Session[]; homes: Session[] }): () => Req {
  let n = 0;
  const auth = (x: Session, json: boolean) => ({ cookie: x.cookie, 'x-csrf-token': x.csrf, ...(json ? { 'content-type': 'application/json' } : {}) });
  return () => {
    const i = n++;
    const holder = s.holders[i % s.holders.length]!;
    const home = s.homes[i % s.homes.length]!;
    switch (kind) {
      case 'search':
        return { method: 'POST', path: '/api/v1/dossiers/search', headers: auth(holder, true), body: JSON.stringify({ name: names[i % names.length], limit: 50 }) };
      case 'dossier-read':
        return { method: 'GET', path: `/api/v1/dossiers/${inst.dossierIds[i % inst.dossierIds.length]}`, headers: auth(holder, false) };
      case 'request-create':
        return {
          method: 'POST',
          path: '/api/v1/requests',
          headers: auth(home, true),
          body: JSON.stringify({
            sought: { names: [{ givenName: 'Fictional', familyName: `Bench${i}` }], sex: i % 2 ? 'female' : 'male', birthDate: '2014-05-02', displacement: { place: 'Fictional town', date: '2022-04', kind: 'evacuated-from-front-line' } },
            requester: { name: 'Fictional Parent', relationship: 'mother', contact: { phone: '+380000000000' } },
          }),
        };
      case 'match-review':
        // The reviewer's screen: every other request the queue, else one side-by-side comparison.
        return i % 2 || inst.proposalIds.length === 0
          ? { method: 'GET', path: '/api/v1/matches?limit=50', headers: auth(home, false) }
          : { method: 'GET', path: `/api/v1/matches/${inst.proposalIds[i % inst.proposalIds.length]}`, headers: auth(home, false) };
    }
  };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Answers by status code; anything but 2xx counts as an error, as do transport failures ("error"). */
  statuses: Record<string, number>;
  errors: number;
  latencies: number[];
}

/** Closed-loop load: `connections` clients for `seconds`, each sending `next()` as soon as the last one answered. */
export async function drive(url: string, next: () => Req, connections: number, seconds: number, driver: 'auto' | 'autocannon' | 'builtin'): Promise<LoadResult & { driver: string }> {
  if (driver !== 'builtin') {
    const autocannon = await import('autocannon' as string).then((m: { default: unknown }) => m.default as AutocannonFn).catch(() => undefined);
    if (autocannon) return { ...(await viaAutocannon(autocannon, url, next, connections, seconds)), driver: 'autocannon' };
    if (driver === 'autocannon') throw new Error('autocannon is not installed (npm install --save-dev autocannon)');
  }
  return { ...(await builtin(url, next, connections, seconds)), driver: 'builtin' };
}

async function builtin(url: string, next: () => Req, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const r = next();
      const s = performance.now();
      let key: string;
      try {
        const res = await fetch(url + r.path, { method: r.method, headers: r.headers, ...(r.body ? { body: r.body } : {}), signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        key = String(res.status);
      } catch {
        key = 'error';
      }
      latencies.push(performance.now() - s);
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return summarise(latencies, statuses, (performance.now() - t0) / 1000);
}

type AutocannonFn = (opts: Record<string, unknown>) => { on(event: string, fn: (...args: unknown[]) => void): void } & PromiseLike<unknown>;

async function viaAutocannon(autocannon: AutocannonFn, url: string, next: () => Req, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    // Every request built afresh: its account, record and body.
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, ...next() }) }],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime as number);
    const key = String(statusCode);
    statuses[key] = (statuses[key] ?? 0) + 1;
  });
  instance.on('reqError', () => (statuses.error = (statuses.error ?? 0) + 1));
  await instance;
  return summarise(latencies, statuses, (performance.now() - t0) / 1000);
}

function summarise(latencies: number[], statuses: Record<string, number>, seconds: number): LoadResult {
  const errors = Object.entries(statuses).reduce((n, [k, v]) => (/^2\d\d$/.test(k) ? n : n + v), 0);
  return { requests: latencies.length, seconds, statuses, errors, latencies };
}

export function describeResult(label: string, r: LoadResult): string {
  const p = percentiles(r.latencies);
  return `${label}: ${(r.requests / r.seconds).toFixed(1)} req/s, p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms (${r.requests} requests, ${r.errors} errors: ${JSON.stringify(r.statuses)})`;
}

/** The resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Samples `rssMb(pid)` every `everyMs` until stopped; returns the samples as [seconds since start, MB]. */
export function sampleRss(pid: number, everyMs: number): { stop(): Array<[number, number]> } {
  const t0 = performance.now();
  const samples: Array<[number, number]> = [[0, rssMb(pid)]];
  const timer = setInterval(() => samples.push([(performance.now() - t0) / 1000, rssMb(pid)]), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      samples.push([(performance.now() - t0) / 1000, rssMb(pid)]);
      return samples;
    },
  };
}
