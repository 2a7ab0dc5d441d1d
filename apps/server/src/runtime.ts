import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { allJobs } from './jobs/registry.ts';
import { startJobs, type JobRunner } from './jobs/runner.ts';

export interface Runtime {
  config: Config;
  database: Database;
  clock: Clock;
  close(): Promise<void>;
}

/** Opens the configured database (embedded PGlite or PostgreSQL) and brings its schema up to date. */
export async function openRuntime(config: Config, clock: Clock = systemClock): Promise<Runtime> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  let closed = false;
  return {
    config,
    database,
    clock,
    close: async () => {
      if (closed) return;
      closed = true;
      await database.close();
    },
  };
}

export const deriveSecret = (masterKey: Buffer, purpose: string) =>
  createHash('sha256').update(masterKey).update(`homeward:${purpose}`).digest();

export async function buildServer(rt: Runtime): Promise<FastifyInstance> {
  return buildApp({
    db: rt.database.db,
    database: rt.database,
    clock: rt.clock,
    secret: deriveSecret(rt.config.secrets.masterKey, 'server'),
    logLevel: rt.config.logLevel,
    settings: rt.config.jobs.settings,
  });
}

/**
 * Serves until SIGINT/SIGTERM, then stops taking requests, lets running ones finish, and closes
 * the database cleanly (PGlite flushes and releases the data-folder lock).
 */
export async function serve(rt: Runtime, onListening?: (url: string) => void): Promise<FastifyInstance> {
  const app = await buildServer(rt);
  let jobs: JobRunner | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await jobs?.stop();
      await rt.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const url = await app.listen({ port: rt.config.port, host: rt.config.host });
  if (rt.config.jobs.enabled) {
    jobs = await startJobs({
      database: rt.database,
      ctx: { db: rt.database.db, clock: rt.clock, secret: deriveSecret(rt.config.secrets.masterKey, 'server'), settings: rt.config.jobs.settings },
      jobs: allJobs,
      log: app.log,
    });
  }
  onListening?.(url);
  return app;
}
