import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import type { MisuseSettings } from '../modules/security/misuse.service.ts';

/** What a job handler gets: the database, the clock (controllable in tests) and settings. */
export interface JobContext {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret (derived from the master key): webhooks and the transparency log use it. */
  secret: Buffer;
  settings: JobSettings;
}

export interface JobSettings {
  /** Days from turning 18 within which a young adult's case must be decided (default 30). */
  ageOutDeadlineDays: number;
  /** SMTP server URL for e-mail notifications (smtp://host:port); e-mail is off without it. */
  smtpUrl?: string | undefined;
  /** Sender address of e-mail notifications. */
  mailFrom: string;
  /** Base URL of the web app, for links in e-mails (never with personal data in them). */
  publicUrl?: string | undefined;
  /** Misuse detection thresholds (defaults in modules/security/misuse.service.ts). */
  misuse?: MisuseSettings;
}

export const defaultJobSettings: JobSettings = { ageOutDeadlineDays: 30, mailFrom: 'homeward@localhost' };

/**
 * One kind of background work. Handlers must be idempotent: pg-boss delivers at least once, and
 * several server instances may run the same schedule. A handler reads the time from ctx.clock.
 */
export interface JobDefinition {
  /** Queue name, e.g. 'contact.overdue'. */
  name: string;
  /** Cron expression (UTC, minute resolution) when the job runs on a schedule. */
  schedule?: string;
  handler(ctx: JobContext, data: Record<string, unknown>): Promise<void>;
  /** Retries after a failure or a lost run (its server died); default 3. */
  retryLimit?: number;
  /** Seconds before the first retry (default 10), doubled with jitter for each further one. */
  retryDelaySeconds?: number;
  /**
   * The longest one run may take (default 15 minutes); a run still going then is failed and retried.
   * A dead server's run is noticed by its heartbeat, not by this: it only bounds a hung handler, so
   * a job that can legitimately run longer (a full re-match of a large instance) sets more.
   */
  expireInSeconds?: number;
  /**
   * `stately` (default): at most one run queued and one active, right for scans and sweeps.
   * `standard`: every sent job runs (once), for work items that each carry their own data.
   */
  policy?: 'stately' | 'standard';
}
