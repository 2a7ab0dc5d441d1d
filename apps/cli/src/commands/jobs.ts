import type { Command } from 'commander';
import { AppError } from '@homeward/server';
import { allJobs } from '@homeward/server/jobs/registry.ts';
import { deriveSecret } from '@homeward/server/runtime.ts';
import { withRuntime } from './runtime.ts';

/**
 * `homeward jobs …`: the background jobs the server runs on its schedule (pg-boss), listed, or run
 * once by hand now (e.g. after an outage, or where the server runs with HOMEWARD_JOBS=off). Every
 * job is idempotent, so running one by hand next to the servers is safe.
 */
export function registerJobCommands(program: Command) {
  const jobs = program.command('jobs').description('Background jobs: list them, or run one now');

  jobs
    .command('list')
    .description('List the background jobs and their schedules (UTC)')
    .action(() => {
      for (const j of allJobs) console.log(`${j.name.padEnd(32)} ${j.schedule ?? '(on demand)'}`);
    });

  jobs
    .command('run <name>')
    .description('Run one job once, now, in this process')
    .action(async (name: string) => {
      const job = allJobs.find((j) => j.name === name);
      if (!job) throw new AppError('VALIDATION_FAILED', `Unknown job. Known jobs: ${allJobs.map((j) => j.name).join(', ')}.`);
      const started = Date.now();
      await withRuntime((rt) =>
        job.handler({ db: rt.database.db, clock: rt.clock, secret: deriveSecret(rt.config.secrets.masterKey, 'server'), settings: rt.config.jobs.settings }, {}),
      );
      console.log(`${name}: done in ${Date.now() - started} ms`);
    });
}
