import { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { JobContext, JobDefinition } from './job-types.ts';

/** pg-boss keeps its tables in their own schema of the same database: no extra server. */
export const JOB_SCHEMA = 'pgboss';

/**
 * How a run whose server died (kill -9, power loss) is noticed. A worker refreshes its running job's
 * heartbeat every HEARTBEAT_SECONDS / 2; every SUPERVISE_SECONDS a supervisor (any server's) fails a
 * run that has not been refreshed for HEARTBEAT_SECONDS, and it is retried after RETRY_DELAY_SECONDS
 * (to twice that). Without heartbeats such a run stayed `active` until its expiry (15 minutes), and
 * since the queues are `stately` (one active run) nothing of that job ran meanwhile. With them, it
 * runs again within about a minute: 20 + 10 + 10–20 s, plus a polling interval.
 */
export const HEARTBEAT_SECONDS = 20;
export const SUPERVISE_SECONDS = 10;
const RETRY_DELAY_SECONDS = 10;
/** The longest a run may take while its server is alive, unless its job says otherwise (a hung handler). */
const EXPIRE_SECONDS = 15 * 60;

export interface JobRunner {
  /** Queues a run of a job now (e.g. deliveries right after a commit); null if one is already queued. */
  send(name: string, data?: Record<string, unknown>): Promise<string | null>;
  /** Stops fetching, waits for running handlers (up to `timeoutMs`), and detaches from the database. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobLogger {
  debug(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

export interface StartJobsOptions {
  database: Pick<Database, 'executeSql'>;
  ctx: JobContext;
  jobs: readonly JobDefinition[];
  log: JobLogger;
  /** How often idle workers look for work (default 2 s). */
  pollingIntervalSeconds?: number;
  /** Install schedules (default true). Tests turn it off and send jobs themselves. */
  schedules?: boolean;
}

/** Error fields safe to log: names and codes, never messages (they can quote data). */
const safeError = (err: unknown) => {
  const e = err as { name?: string; code?: string };
  return { name: e?.name ?? 'Error', code: e?.code };
};

/** Runs `fn`, again after a short pause when a concurrent start-up won a race (23505, 40P01). */
export async function retryOnRace<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (i >= attempts || (code !== '23505' && code !== '40P01')) throw err;
      await new Promise((r) => setTimeout(r, 100 * i + Math.floor(Math.random() * 200)));
    }
  }
}

/**
 * Runs every job on pg-boss over the application's own database. Safe on several server
 * instances at once: pg-boss hands each job to one worker (SELECT … FOR UPDATE SKIP LOCKED) and
 * creates each scheduled run once across instances, and every queue is `stately` (at most one
 * run queued and one active), so a slow scan cannot pile up. Handlers are idempotent besides.
 */
export async function startJobs(opts: StartJobsOptions): Promise<JobRunner> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => opts.database.executeSql(text, values) as Promise<{ rows: unknown[] }> },
    schema: JOB_SCHEMA,
    schedule: opts.schedules ?? true,
    supervise: true,
    superviseIntervalSeconds: SUPERVISE_SECONDS,
    monitorIntervalSeconds: SUPERVISE_SECONDS,
    migrate: true,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (err) => opts.log.error({ err: safeError(err) }, 'job queue error'));
  // Two servers starting at the same instant can race to create pg-boss's schema or a queue
  // (unique violation, 23505): the loser waits a moment and finds it made.
  await retryOnRace(() => boss.start());
  const polling = opts.pollingIntervalSeconds ?? 2;
  for (const job of opts.jobs) {
    const settings = {
      retryLimit: job.retryLimit ?? 3,
      retryDelay: job.retryDelaySeconds ?? RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds ?? EXPIRE_SECONDS,
      heartbeatSeconds: HEARTBEAT_SECONDS,
    };
    await retryOnRace(async () => {
      if (!(await boss.getQueue(job.name))) {
        // Another instance starting at the same moment may create it first: that is fine.
        await boss.createQueue(job.name, { ...settings, policy: job.policy ?? 'stately' }).catch(async (err: unknown) => {
          if (!(await boss.getQueue(job.name))) throw err;
        });
      }
      await boss.updateQueue(job.name, settings);
    });
    await boss.work<Record<string, unknown>>(job.name, { pollingIntervalSeconds: polling, batchSize: 1 }, async ([j]) => {
      if (!j) return;
      const started = Date.now();
      try {
        await job.handler(opts.ctx, j.data ?? {});
        opts.log.debug({ job: job.name, ms: Date.now() - started }, 'job done');
      } catch (err) {
        opts.log.error({ job: job.name, err: safeError(err) }, 'job failed');
        throw err;
      }
    });
    if (job.schedule && (opts.schedules ?? true)) await boss.schedule(job.name, job.schedule, {}, { tz: 'UTC' });
  }
  return {
    send: (name, data = {}) => boss.send(name, data),
    stop: (timeoutMs = 10_000) => boss.stop({ graceful: true, timeout: timeoutMs, close: false }),
  };
}
