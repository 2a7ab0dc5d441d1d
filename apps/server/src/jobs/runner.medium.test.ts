import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../../test/test-db.ts';
import { defaultJobSettings, type JobContext, type JobDefinition } from './job-types.ts';
import { HEARTBEAT_SECONDS, JOB_SCHEMA, startJobs, type JobRunner } from './runner.ts';

const quiet = { debug: () => undefined, error: () => undefined };
let database: Database;
let ctx: JobContext;

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = { db: database.db, clock: fixedClock('2026-06-01T10:00:00Z'), secret: Buffer.alloc(32, 7), settings: defaultJobSettings };
  await database.executeSql('create table job_test_run (key text not null, runner text not null)');
});
afterAll(() => database.close());

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for jobs');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runs = async () => (await database.executeSql('select key, runner from job_test_run order by key')).rows as Array<{ key: string; runner: string }>;

describe('job runner (pg-boss on the application database)', () => {
  it('runs every sent job exactly once when two server instances work the same queue', async () => {
    const job = (runner: string): JobDefinition => ({
      name: 'test.count',
      policy: 'standard',
      handler: async (_ctx, data) => {
        await database.executeSql('insert into job_test_run (key, runner) values ($1, $2)', [String(data.key), runner]);
      },
    });
    const a = await startJobs({ database, ctx, jobs: [job('a')], log: quiet, pollingIntervalSeconds: 0.5, schedules: false });
    const b = await startJobs({ database, ctx, jobs: [job('b')], log: quiet, pollingIntervalSeconds: 0.5, schedules: false });
    try {
      for (let i = 0; i < 20; i++) await (i % 2 ? a : b).send('test.count', { key: `k${String(i).padStart(2, '0')}` });
      await until(async () => (await runs()).length >= 20);
      await new Promise((r) => setTimeout(r, 1500)); // a duplicate would show up in this window
      const done = await runs();
      expect(done.map((r) => r.key)).toEqual(Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, '0')}`));
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);

  it('retries a failing job, then succeeds, and logs the failure by name and code only', async () => {
    let calls = 0;
    const flaky: JobDefinition = {
      name: 'test.flaky',
      retryLimit: 2,
      retryDelaySeconds: 1,
      handler: async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('first run fails'), { code: 'TEST' });
      },
    };
    const errors: unknown[] = [];
    const r: JobRunner = await startJobs({ database, ctx, jobs: [flaky], log: { debug: () => undefined, error: (f) => errors.push(f) }, pollingIntervalSeconds: 0.5, schedules: false });
    try {
      const first = await r.send('test.flaky');
      expect(first).not.toBeNull();
      await until(async () => calls >= 2, 30_000);
      expect(errors).toContainEqual({ job: 'test.flaky', err: { name: 'Error', code: 'TEST' } });
      // Errors are logged by name and code only: the message could quote data.
      expect(JSON.stringify(errors)).not.toContain('first run fails');
    } finally {
      await r.stop();
    }
  }, 60_000);

  it("gives every queue a heartbeat (a dead server's run is retried within a minute) and each job's expiry", async () => {
    const { PgBoss } = await import('pg-boss');
    const quick: JobDefinition = { name: 'test.quick', handler: async () => undefined };
    const long: JobDefinition = { name: 'test.long', expireInSeconds: 3600, handler: async () => undefined };
    const r = await startJobs({ database, ctx, jobs: [quick, long], log: quiet, schedules: false });
    await r.stop();
    const boss = new PgBoss({ db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) as Promise<{ rows: unknown[] }> }, schema: JOB_SCHEMA } as ConstructorParameters<typeof PgBoss>[0]);
    const [q, l] = await Promise.all([boss.getQueue('test.quick'), boss.getQueue('test.long')]);
    expect(q).toMatchObject({ heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 15 * 60, retryDelay: 10 });
    expect(l).toMatchObject({ heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 3600 });
  }, 60_000);

  it('installs the schedules of scheduled jobs (once, however many instances start)', async () => {
    const scan: JobDefinition = { name: 'test.scan', schedule: '*/15 * * * *', handler: async () => undefined };
    const a = await startJobs({ database, ctx, jobs: [scan], log: quiet });
    const b = await startJobs({ database, ctx, jobs: [scan], log: quiet });
    await a.stop();
    await b.stop();
    const rows = (await database.executeSql(`select name, cron, timezone from ${JOB_SCHEMA}.schedule where name = 'test.scan'`)).rows;
    expect(rows).toEqual([{ name: 'test.scan', cron: '*/15 * * * *', timezone: 'UTC' }]);
  }, 60_000);
});

describe('start-up races', () => {
  it('retries what a concurrent start-up raced it to (unique violation), and gives up on other errors', async () => {
    const { retryOnRace } = await import('./runner.ts');
    let calls = 0;
    await expect(
      retryOnRace(async () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error('duplicate key'), { code: '23505' });
        return 'ok';
      }),
    ).resolves.toBe('ok');
    expect(calls).toBe(3);
    await expect(retryOnRace(async () => Promise.reject(Object.assign(new Error('other'), { code: '42P01' })))).rejects.toMatchObject({ code: '42P01' });
  });

  it('starts two runners on one database at the same instant', async () => {
    const job: JobDefinition = { name: 'test.race', schedule: '0 * * * *', handler: async () => undefined };
    const runners = await Promise.all([0, 1, 2].map(() => startJobs({ database, ctx, jobs: [job], log: quiet })));
    await Promise.all(runners.map((r) => r.stop()));
  }, 60_000);
});
