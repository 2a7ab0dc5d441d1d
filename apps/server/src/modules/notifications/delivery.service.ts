import type { JobContext } from '../../jobs/job-types.ts';
import {
  abandonEmails,
  claimDueDeliveries,
  findEmailTarget,
  findWebhookTarget,
  purgeFinishedDeliveries,
  recordDeliveryResult,
  type DeliveryResult,
} from './deliveries.repository.ts';
import { createMailer, noticeEmail, type Mailer } from './mailer.ts';
import type { NotificationDeliveryRow } from './notifications.tables.ts';
import { unsealWebhookSecret } from './webhook-secret.ts';
import { postWebhook, type SendOutcome } from './webhook-sender.ts';

/** Waits after the 1st, 2nd… failed attempt; after the last one the delivery is `dead` (6 attempts in all). */
export const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;
export const maxAttempts = retryDelaysMs.length + 1;
const retentionMs = 30 * 86_400_000;

export interface DeliveryOptions {
  /** Deliveries claimed per round (default 20). */
  batchSize?: number;
  /** Rounds per run, so one run ends even when events keep coming (default 10). */
  maxBatches?: number;
  /** Sent at once within a round (default 4). */
  concurrency?: number;
  /** Per request or SMTP step (default 10 s). */
  timeoutMs?: number;
  /** How long a claim holds before another instance may take the delivery over (default 10 min). */
  leaseMs?: number;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  dead: number;
}

/** The state after a failed attempt (`attempts` counts it): retried later, or given up. */
export function afterFailure(attempts: number, now: Date): Pick<DeliveryResult, 'status' | 'nextAttemptAt'> {
  const wait = retryDelaysMs[attempts - 1];
  return wait === undefined ? { status: 'dead' } : { status: 'failed', nextAttemptAt: new Date(now.getTime() + wait) };
}

/**
 * The `notifications.deliver` job: sends the due webhook and e-mail deliveries and records each
 * outcome. Safe on several instances at once: a delivery is claimed by exactly one of them (see
 * claimDueDeliveries), and one whose claim was lost is not recorded twice.
 */
export async function deliverNotifications(ctx: JobContext, opts: DeliveryOptions = {}): Promise<DeliveryReport> {
  const { batchSize = 20, maxBatches = 10, concurrency = 4, timeoutMs = 10_000, leaseMs = 10 * 60_000 } = opts;
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0 };
  const smtpUrl = ctx.settings.smtpUrl;
  if (!smtpUrl) report.dead += await abandonEmails(ctx.db, ctx.clock.now());
  let mailer: Mailer | undefined;
  const mailerFor = (url: string) => (mailer ??= createMailer(url, ctx.settings.mailFrom, timeoutMs));
  try {
    for (let round = 0; round < maxBatches; round++) {
      const now = ctx.clock.now();
      const claimed = await claimDueDeliveries(ctx.db, now, new Date(now.getTime() + leaseMs), batchSize);
      await inPool(claimed, concurrency, async (row) => {
        const result = await attempt(ctx, row, timeoutMs, smtpUrl ? () => mailerFor(smtpUrl) : undefined);
        if (await recordDeliveryResult(ctx.db, row.id, row.attempts, result)) report[result.status === 'sent' ? 'sent' : result.status === 'dead' ? 'dead' : 'failed']++;
      });
      if (claimed.length < batchSize) break;
    }
    await purgeFinishedDeliveries(ctx.db, new Date(ctx.clock.now().getTime() - retentionMs));
  } finally {
    mailer?.close();
  }
  return report;
}

async function attempt(ctx: JobContext, row: NotificationDeliveryRow, timeoutMs: number, mailer: (() => Mailer) | undefined): Promise<DeliveryResult> {
  const giveUp = (errorCode: string): DeliveryResult => ({ status: 'dead', errorCode, httpStatus: null });
  let outcome: SendOutcome;
  try {
    if (row.channel === 'webhook') {
      const target = await findWebhookTarget(ctx.db, row.subscription_id!);
      if (!target || target.deleted_at) return giveUp('SUBSCRIPTION_DELETED');
      if (!target.active) return giveUp('SUBSCRIPTION_INACTIVE');
      const secret = unsealWebhookSecret(ctx.secret, target.id, target.secret_sealed);
      outcome = await postWebhook({ url: target.url, secret }, { id: row.id, kind: row.kind, body: JSON.stringify(row.payload) }, ctx.clock.now(), timeoutMs);
    } else {
      if (!mailer) return giveUp('EMAIL_DISABLED');
      const user = await findEmailTarget(ctx.db, row.user_id!);
      if (!user || user.status !== 'active') return giveUp('USER_INACTIVE');
      outcome = await mailer().send(user.email, noticeEmail(row.kind, ctx.settings.publicUrl));
    }
  } catch {
    // e.g. a secret sealed under another server secret: retried, in case the configuration is fixed.
    outcome = { ok: false, errorCode: 'DELIVERY_ERROR' };
  }
  const now = ctx.clock.now();
  if (outcome.ok) return { status: 'sent', errorCode: null, httpStatus: outcome.httpStatus ?? null, sentAt: now };
  return { ...afterFailure(row.attempts, now), errorCode: outcome.errorCode ?? 'FAILED', httpStatus: outcome.httpStatus ?? null };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
