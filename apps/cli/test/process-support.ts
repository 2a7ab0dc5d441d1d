import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { resolve } from 'node:path';
import { loadConfig, openRuntime, systemActor, type Runtime } from '@homeward/server';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';

/** Helpers for tests that run the real `homeward` CLI and server as separate processes. */
export const bin = resolve(import.meta.dirname, '../../../node_modules/.bin/homeward');
export const PASSWORD = 'a long and unguessable passphrase';

/** The environment of a child process: this one's, minus any DATABASE_URL, plus `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOMEWARD_LOG_LEVEL: 'warn', PORT: '0' };
  delete env.DATABASE_URL;
  return { ...env, ...extra };
}

export const exited = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null || p.signalCode !== null ? r(p.exitCode) : p.once('exit', (c) => r(c))));

export interface Server {
  proc: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

/** Starts `homeward serve` and resolves once it says where it is serving. */
export function startServer(env: NodeJS.ProcessEnv, children: ChildProcess[]): Promise<Server> {
  const proc = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let out = '';
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((ok, fail) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving at (http:\/\/\S+)/.exec(out);
      if (m) ok({ proc, url: m[1]!, output: () => out });
    });
    proc.once('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(url: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** A fetch with the session's cookie and CSRF token, JSON in and out. */
export async function call(url: string, s: Session, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

/**
 * Opens the instance in this process (migrating it), creates a party that does not require a second
 * factor and a caseworker in it, and closes it again (an embedded folder is then free for a child).
 */
export async function prepareInstance(env: NodeJS.ProcessEnv, email = 'op@test.invalid', then?: (rt: Runtime, partyId: string) => Promise<void>) {
  const rt = await openRuntime(loadConfig(env));
  try {
    const code = `FT-${randomBytes(3).toString('hex').toUpperCase()}`;
    const party = await createParty(rt.database.db, systemActor(), { code, name: 'Fault test authority', kind: 'holding-country-authority' });
    await rt.database.db.updateTable('party').set({ require_two_factor: false }).where('id', '=', party.id).execute();
    await createUser(rt.database.db, systemActor(), { email, partyCode: code, roles: ['caseworker'], password: PASSWORD });
    await then?.(rt, party.id);
    return { partyCode: code, partyId: party.id, email };
  } finally {
    await rt.close();
  }
}

/** A fresh, empty PostgreSQL database on the server of TEST_DATABASE_URL; returns its URL and a drop function. */
export async function freshPostgres(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Runs `sql` on `url` and returns the rows. */
export async function query<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, values)).rows as T[];
  } finally {
    await c.end();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const randomMasterKey = () => randomBytes(32).toString('base64');
