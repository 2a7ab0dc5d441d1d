import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, childEnv, exited, freshPostgres, query, startServer, waitFor } from './process-support.ts';

// A server killed (kill -9) in the middle of a background job: pg-boss keeps that run `active`, and
// since every queue is `stately` (one active run) the job could not run again until the run expired
// (15 minutes). With heartbeats (jobs/runner.ts) a restarted server fails the dead run and retries it
// within about a minute; the handler is idempotent, so the retry completes the work without doubling
// any of it. PostgreSQL only: the test reads the database while the server holds it.
const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) console.log('job-crash.process.test: TEST_DATABASE_URL is not set; skipped (the test reads the database while the server runs).');

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

const cli = (env: NodeJS.ProcessEnv, args: string[]) => spawnSync(bin, args, { env, encoding: 'utf8', timeout: 90_000 });
const JOB = 'matching.catch-up';
const CHILDREN = '400';
const open = `select count(*)::int as n from match_proposal where status = 'proposed'`;
const doubled = `select count(*)::int as n from (select kind, left_id, right_id from match_proposal where status = 'proposed' group by 1, 2, 3 having count(*) > 1) d`;
const count = async (url: string, sql: string) => (await query<{ n: number }>(url, sql))[0]!.n;

describe.skipIf(!pgUrl)('kill -9 of a server during a matching catch-up (PostgreSQL)', () => {
  it('a restarted server runs the killed job again within about a minute; it completes with the same proposals as a clean run', async () => {
    const [clean, killed] = await Promise.all([freshPostgres('hw_jobcrash_clean'), freshPostgres('hw_jobcrash_killed')]);
    try {
      const envOf = (url: string) => childEnv({ DATABASE_URL: url, HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'hw-jobcrash-')), HOMEWARD_LOG_LEVEL: 'debug' });
      const cleanEnv = envOf(clean.url);
      const killedEnv = envOf(killed.url);
      // The same fictional data in both (the generator is deterministic), none of it matched yet.
      for (const env of [cleanEnv, killedEnv]) expect(cli(env, ['seed', '--demo', CHILDREN]).status).toBe(0);

      // The reference: the same catch-up run to its end, by hand, in the background meanwhile.
      const cleanRun = new Promise<number | null>((r) => {
        const p = spawn(bin, ['jobs', 'run', JOB], { env: cleanEnv, stdio: 'ignore' });
        children.push(p);
        p.once('exit', r);
      });

      // The server runs the job through its queue (as on its schedule); it is killed half-way.
      const first = await startServer(killedEnv, children);
      const { PgBoss } = await import('pg-boss');
      const boss = new PgBoss({ connectionString: killed.url, schema: 'pgboss', supervise: false, schedule: false, migrate: false });
      await boss.start();
      try {
        await boss.send(JOB, {}); // null if the schedule queued a run just now: that one runs instead
      } finally {
        await boss.stop({ graceful: false, close: true });
      }
      const seen = await waitFor('the first proposals of the run', async () => {
        const n = await count(killed.url, open);
        return n >= 100 ? n : undefined;
      }, 60_000);
      first.proc.kill('SIGKILL');
      await exited(first.proc);
      const killedAt = Date.now();
      const afterKill = await count(killed.url, open);
      expect(afterKill).toBeGreaterThanOrEqual(seen);
      // The dead server's run still holds the queue's one active slot.
      const dead = await query<{ id: string }>(killed.url, `select id from pgboss.job where name = $1 and state = 'active'`, [JOB]);
      expect(dead).toHaveLength(1);

      expect(await cleanRun).toBe(0);
      const cleanCount = await count(clean.url, open);
      expect(afterKill, 'the kill came before the run finished').toBeLessThan(cleanCount);

      // Restarted: the dead run is noticed (no heartbeat), retried, and completes.
      const second = await startServer(killedEnv, children);
      const state = async () => (await query<{ state: string }>(killed.url, `select state from pgboss.job where id = $1`, [dead[0]!.id]))[0]?.state;
      await waitFor('the killed run to be run again and complete', async () => ((await state()) === 'completed' ? true : undefined), 100_000, 500);
      const seconds = (Date.now() - killedAt) / 1000;
      console.log(`job-crash.process.test: the killed ${JOB} run completed ${seconds.toFixed(1)} s after the kill`);
      expect(seconds).toBeLessThan(100);
      expect(second.output()).toMatch(new RegExp(`"job":"${JOB}".*"msg":"job done"`));

      // Nothing lost, nothing twice: exactly the clean run's proposals.
      expect(await count(killed.url, open)).toBe(cleanCount);
      expect(await count(killed.url, doubled)).toBe(0);
      expect(await count(killed.url, `select count(*)::int as n from matching_run_state where name = 'catch-up'`)).toBe(1);

      second.proc.kill('SIGTERM');
      expect(await exited(second.proc)).toBe(0);
      const log = cli(killedEnv, ['log', 'verify']);
      expect(log.status, log.stdout + log.stderr).toBe(0);
    } finally {
      await Promise.all([clean.drop(), killed.drop()]);
    }
  }, 240_000);
});
