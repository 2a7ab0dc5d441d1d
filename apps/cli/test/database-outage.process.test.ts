import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, childEnv, exited, freshPostgres, login, prepareInstance, query, startServer } from './process-support.ts';

// The database going away while `homeward serve` runs on PostgreSQL, and coming back: requests fail
// quickly and cleanly (503 DATABASE_UNAVAILABLE), nothing hangs or crashes, and the same server
// process serves again once the database is back.
const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) console.log('database-outage.process.test: TEST_DATABASE_URL is not set; skipped (it needs a PostgreSQL server to take away).');

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

/**
 * A TCP relay in front of PostgreSQL, so the test can cut the line: `refuse` closes the port (and
 * every open connection), `blackhole` accepts connections and never answers, `pass` relays.
 */
class Relay {
  mode: 'pass' | 'blackhole' = 'pass';
  private server: NetServer | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<void> {
    this.server = createServer((client) => {
      this.track(client);
      if (this.mode === 'blackhole') return;
      const upstream = connect(this.target.port, this.target.host);
      this.track(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => (client.destroy(), upstream.destroy());
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((ok) => this.server!.listen(this.port, '127.0.0.1', ok));
    this.port = (this.server!.address() as { port: number }).port;
  }

  private track(s: Socket) {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
  }

  cut(): void {
    for (const s of this.sockets) s.destroy();
  }

  async refuse(): Promise<void> {
    const closed = new Promise((ok) => this.server?.close(ok));
    this.cut();
    await closed;
  }
}

describe.skipIf(!pgUrl)('the database goes away while the server runs, and comes back', () => {
  it('answers 503 DATABASE_UNAVAILABLE promptly while it is away (refused, dropped, or silent), and serves again without a restart', async () => {
    const db = await freshPostgres('hw_outage');
    try {
      const target = new URL(db.url);
      const relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) });
      await relay.listen();
      const viaRelay = new URL(db.url);
      viaRelay.host = `127.0.0.1:${relay.port}`;
      const env = childEnv({ DATABASE_URL: viaRelay.toString(), HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'hw-outage-')) });
      const { email } = await prepareInstance(env);
      const server = await startServer(env, children);
      const s = await login(server.url, email);
      const made = await call(server.url, s, 'POST', '/api/v1/dossiers', { names: [{ givenName: 'Марія', familyName: 'Тест' }], sex: 'female' });
      expect(made.status).toBe(201);
      const read = `/api/v1/dossiers/${made.body.id as string}`;
      const health = async () => (await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(20_000) })).status;

      /** While the database is away: every request answers 503 with the code, within `withinMs`. */
      const expectUnavailable = async (withinMs: number, write = true) => {
        const t0 = Date.now();
        expect(await health()).toBe(503);
        const get = await call(server.url, s, 'GET', read);
        expect(get).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
        if (write) {
          const post = await call(server.url, s, 'POST', '/api/v1/dossiers', { names: [{ givenName: 'Олена' }], sex: 'female' });
          expect(post).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
        }
        expect(Date.now() - t0).toBeLessThan(withinMs);
      };
      const expectServing = async () => {
        expect(await health()).toBe(200);
        expect((await call(server.url, s, 'GET', read)).status).toBe(200);
        expect((await call(server.url, s, 'POST', '/api/v1/dossiers', { names: [{ givenName: 'Ірина' }], sex: 'female' })).status).toBe(201);
      };

      // 1. The server's connections are dropped and the port refuses new ones (a stopped database).
      await relay.refuse();
      await expectUnavailable(5_000);
      await relay.listen();
      await expectServing();

      // 2. PostgreSQL itself refuses: the sessions are terminated and the database takes no connections.
      const name = target.pathname.slice(1);
      await query(pgUrl!, `alter database ${name} allow_connections false`);
      await query(pgUrl!, 'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      await expectUnavailable(5_000);
      await query(pgUrl!, `alter database ${name} allow_connections true`);
      await expectServing();

      // 3. The network goes silent: connections are accepted and never answered (no refusal to see);
      // each request gives up when its connection attempt times out (5 s).
      relay.mode = 'blackhole';
      relay.cut();
      await expectUnavailable(2 * 8_000, false);
      relay.mode = 'pass';
      await expectServing();

      expect(server.proc.exitCode).toBeNull(); // never crashed
      server.proc.kill('SIGTERM');
      expect(await exited(server.proc)).toBe(0);
      await relay.refuse();
      // Only the request logs' kind and code: no stack of an unexpected error.
      expect(server.output()).not.toContain('unhandled error');
    } finally {
      await db.drop();
    }
  }, 120_000);
});
