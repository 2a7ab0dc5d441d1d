/**
 * Shared by bench/api-load.ts and bench/soak.ts: a fictional instance of N children (embedded PGlite
 * or a fresh PostgreSQL database, removed at the end), the real `homeward serve` process on loopback,
 * signed-in sessions, the four workloads, a closed-loop load driver (autocannon when installed,
 * otherwise a built-in one with the same model: C connections, each sending its next request when
 * the last one answered), and the server's memory: RSS from /proc, V8 heap from bench/memory-probe.mjs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { loadConfig, openRuntime, systemActor } from '@homeward/server';
import { csrfTokenFor, SESSION_COOKIE } from '@homeward/server/http/auth-hook.ts';
import { login } from '@homeward/server/modules/auth/auth.service.ts';
import { seedDemo } from '@homeward/server/modules/demo/demo.service.ts';
import { proposeForRequest } from '@homeward/server/modules/matching/matching.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { deriveSecret } from '@homeward/server/runtime.ts';
import { percentiles } from './stats.ts';

export const PASSWORD = 'bench bench bench bench';

const t0 = performance.now();
/** A progress line on stderr, with the seconds since the script started (the seed at 50,000 takes a while). */
export function progress(msg: string) {
  process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}\n`);
}

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Sessions {
  holders: Session[];
  homes: Session[];
}

export interface Instance {
  env: Record<string, string>;
  backend: 'PGlite' | 'PostgreSQL';
  dossierIds: string[];
  proposalIds: string[];
  /** Bench accounts: `holder-N` in the holding party (dossiers), `home-N` in the home party (requests). */
  accounts: number;
  /** One signed-in session per account (searches are rate-limited per account: 300 a minute, as in production). */
  sessions: Sessions;
  seedSeconds: number;
  /** Removes the data folder and drops the database made for the run. */
  remove(): Promise<void>;
}

/** A fresh instance with `count` fictional children, `accounts` users per side, and proposals for `proposeFor` requests. */
export async function prepareInstance(opts: { count: number; databaseUrl?: string | undefined; accounts: number; proposeFor: number; jobs: boolean }): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), 'hw-load-'));
  const name = `hw_load_${process.pid}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: opts.databaseUrl });
    await c.connect();
    await c.query(statement).finally(() => c.end());
  };
  let databaseUrl: string | undefined;
  if (opts.databaseUrl) {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const u = new URL(opts.databaseUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const remove = async () => {
    rmSync(dir, { recursive: true, force: true });
    if (databaseUrl) await admin(`drop database if exists ${name} with (force)`);
  };
  const env: Record<string, string> = {
    HOMEWARD_DATA_DIR: dir,
    HOMEWARD_LOG_LEVEL: 'warn',
    HOMEWARD_JOBS: opts.jobs ? 'on' : 'off',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const backend = databaseUrl ? 'PostgreSQL' : 'PGlite';
  const rt = await openRuntime(loadConfig(env));
  try {
    progress(`${backend}: seeding ${opts.count} fictional children`);
    const started = performance.now();
    await seedDemo(rt.database.db, rt.clock, opts.count);
    const seedSeconds = (performance.now() - started) / 1000;
    progress(`seeded in ${seedSeconds.toFixed(1)} s; ${opts.accounts} accounts per side`);
    const db = rt.database.db;
    // Signed in here through the login service (password check, session row and audit entry, as the
    // route does) rather than over HTTP: the login route allows 20 attempts a minute from one
    // address, so the 21st of 2 × 50 logins on loopback was refused (429).
    const secret = deriveSecret(rt.config.secrets.masterKey, 'server');
    const signIn = async (email: string): Promise<Session> => {
      const { token, session } = await login(db, rt.clock, secret, { email, password: PASSWORD, requestId: null });
      return { cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfTokenFor(secret, session.sessionId) };
    };
    const sessions: Sessions = { holders: [], homes: [] };
    for (let i = 0; i < opts.accounts; i++) {
      await createUser(db, systemActor(), { email: `holder-${i}@bench.invalid`, partyCode: 'RU-DEMO', roles: ['caseworker'], password: PASSWORD });
      await createUser(db, systemActor(), { email: `home-${i}@bench.invalid`, partyCode: 'UA-DEMO', roles: ['caseworker', 'match-reviewer'], password: PASSWORD });
      sessions.holders.push(await signIn(`holder-${i}@bench.invalid`));
      sessions.homes.push(await signIn(`home-${i}@bench.invalid`));
    }
    // A review queue: proposals for the first requests (matching all 50,000 is the rematch job's work, not this bench's).
    progress(`proposals for ${opts.proposeFor} requests`);
    const requests = await db.selectFrom('tracing_request').select('id').orderBy('id').limit(opts.proposeFor).execute();
    for (const r of requests) await proposeForRequest({ db, clock: rt.clock }, r.id);
    const dossierIds = (await db.selectFrom('dossier').select('id').orderBy('id').limit(5000).execute()).map((r) => r.id);
    const proposalIds = (await db.selectFrom('match_proposal').select('id').where('status', '=', 'proposed').where('kind', '=', 'request-dossier').limit(2000).execute()).map((r) => r.id);
    return { env, backend, dossierIds, proposalIds, accounts: opts.accounts, sessions, seedSeconds, remove };
  } catch (err) {
    await rt.close();
    await remove();
    throw err;
  } finally {
    await rt.close().catch(() => undefined);
  }
}

export interface RunningServer {
  proc: ChildProcess;
  url: string;
  stop(): Promise<number | null>;
  /** The server's own memory samples (bench/memory-probe.mjs), every `memoryEveryMs` since it started. */
  memory(): MemorySample[];
  memoryFile: string;
  /** performance.now() when the server was started (the probe's samples count from about then). */
  startedAt: number;
}

/** process.memoryUsage() of the server in MB, `t` seconds after it started. */
export interface MemorySample {
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/**
 * Starts the real `homeward serve` on the instance; resolves when it serves. Its output is piped and
 * relayed, never inherited: a server that outlived this script (the script failed before stopping it)
 * kept this script's stderr open, and whoever read the bench's output through a pipe waited for its
 * end for ever. It is also killed if this process exits without stopping it.
 */
export function startServer(inst: Instance, memoryEveryMs = 5000): Promise<RunningServer> {
  const bin = resolve(import.meta.dirname, '../node_modules/.bin/homeward');
  const memoryFile = join(mkdtempSync(join(tmpdir(), 'hw-load-memory-')), 'memory.jsonl');
  const probe = {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${resolve(import.meta.dirname, 'memory-probe.mjs')}`.trim(),
    HOMEWARD_BENCH_MEMORY_FILE: memoryFile,
    HOMEWARD_BENCH_MEMORY_MS: String(memoryEveryMs),
  };
  const startedAt = performance.now();
  const proc = spawn(bin, ['serve'], { env: { ...process.env, ...inst.env, ...probe, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const memory = (): MemorySample[] => {
    try {
      return readFileSync(memoryFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as MemorySample);
    } catch {
      return [];
    }
  };
  const running = () => proc.exitCode === null && proc.signalCode === null;
  const killOnExit = () => running() && proc.kill('SIGKILL');
  process.once('exit', killOnExit);
  proc.once('exit', () => process.off('exit', killOnExit));
  proc.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
  return new Promise((ok, fail) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving at (\S+)/.exec(out);
      if (m)
        ok({
          proc,
          url: m[1]!,
          memory,
          memoryFile,
          startedAt,
          stop: () => {
            if (!running()) return Promise.resolve(proc.exitCode);
            proc.kill('SIGTERM');
            return new Promise((r) => proc.once('exit', r));
          },
        });
    });
    proc.once('exit', (code) => {
      if (/serving at/.test(out)) return;
      rmSync(dirname(memoryFile), { recursive: true, force: true });
      fail(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

/**
 * Runs `run` against the instance's server, then stops the server and removes the instance however
 * the run ends: normally, with an error, or on Ctrl-C.
 */
export async function withServer<T>(inst: Instance, run: (server: RunningServer) => Promise<T>, memoryEveryMs?: number): Promise<T> {
  let server: RunningServer | undefined;
  const cleanUp = async () => {
    await server?.stop();
    if (server) rmSync(dirname(server.memoryFile), { recursive: true, force: true });
    await inst.remove();
  };
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    server = await startServer(inst, memoryEveryMs);
    return await run(server);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }
}

/**
 * The background job runs the instance's server made, by job and final state, with how many of them
 * pg-boss failed for a lost heartbeat or a timeout (read after the server stopped: PGlite is one process's).
 */
export async function jobRuns(inst: Instance): Promise<string> {
  const rt = await openRuntime(loadConfig(inst.env));
  try {
    const { rows } = await rt.database.executeSql(
      `select name, state, count(*)::int as n,
              count(*) filter (where output::text like '%heartbeat timeout%')::int as heartbeat,
              count(*) filter (where output::text like '%timed out%')::int as expired,
              max(extract(epoch from completed_on - started_on))::float as longest,
              string_agg(distinct output->>'message', ', ') filter (where state in ('retry', 'failed')) as why
         from pgboss.job group by 1, 2 order by 1, 2`,
    );
    type Row = { name: string; state: string; n: number; heartbeat: number; expired: number; longest: number | null; why: string | null };
    return (rows as Row[])
      .map((r) => `${r.name} ${r.state} ×${r.n}${r.heartbeat ? ` (${r.heartbeat} heartbeat lost)` : ''}${r.expired ? ` (${r.expired} expired)` : ''}${r.why ? ` (${r.why})` : ''}${r.longest ? `, longest ${r.longest.toFixed(1)} s` : ''}`)
      .join('; ') || 'none';
  } finally {
    await rt.close();
  }
}

/** Samples at the start, the middle and the end of `samples`, as one line. */
export function describeMemory(samples: MemorySample[]): string {
  if (samples.length === 0) return 'no samples';
  const at = [samples[0]!, samples[Math.floor((samples.length - 1) / 2)]!, samples.at(-1)!];
  return at.map((m) => `${m.t.toFixed(0)} s: RSS ${m.rss.toFixed(0)}, heap ${m.heapUsed.toFixed(0)}/${m.heapTotal.toFixed(0)}, external ${m.external.toFixed(0)} MB`).join('; ');
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
export function generator(kind: Workload, inst: Instance, s: Sessions = inst.sessions): () => Req {
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
    // As the built-in driver: an answer slower than 30 s counts as an error (autocannon's default is 10 s).
    timeout: 30,
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
