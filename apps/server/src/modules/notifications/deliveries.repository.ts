import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { DeliveryStatus, NotificationDeliveryRow } from './notifications.tables.ts';

/**
 * Claims up to `limit` due deliveries in one short transaction: rows another instance is claiming
 * right now are skipped (SKIP LOCKED), rows it has claimed carry a lease and are not due. Each
 * claim counts as an attempt, so a delivery that crashes its sender still ends `dead`.
 */
export async function claimDueDeliveries(db: Kysely<DB>, now: Date, leaseUntil: Date, limit: number): Promise<NotificationDeliveryRow[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('notification_delivery')
      .select('id')
      .where('status', 'in', ['pending', 'failed'])
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('notification_delivery')
      .set({ lease_until: leaseUntil, attempts: sql`attempts + 1` })
      .where('id', 'in', due.map((d) => d.id))
      .returningAll()
      .execute();
  });
}

export interface DeliveryResult {
  status: DeliveryStatus;
  errorCode: string | null;
  httpStatus: number | null;
  nextAttemptAt?: Date;
  sentAt?: Date;
}

/** Records the outcome of the attempt claimed as `attempt`; a stale claim (lease lost) changes nothing. */
export async function recordDeliveryResult(db: Executor, id: string, attempt: number, r: DeliveryResult): Promise<boolean> {
  const res = await db
    .updateTable('notification_delivery')
    .set({
      status: r.status,
      last_error_code: r.errorCode,
      last_http_status: r.httpStatus,
      lease_until: null,
      ...(r.nextAttemptAt ? { next_attempt_at: r.nextAttemptAt } : {}),
      ...(r.sentAt ? { sent_at: r.sentAt } : {}),
    })
    .where('id', '=', id)
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** With e-mail off, queued e-mails are given up at once rather than sent later by surprise. */
export async function abandonEmails(db: Executor, now: Date): Promise<number> {
  const res = await db
    .updateTable('notification_delivery')
    .set({ status: 'dead', last_error_code: 'EMAIL_DISABLED' })
    .where('channel', '=', 'email')
    .where('status', 'in', ['pending', 'failed'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Finished deliveries are kept for the delivery log a while, then removed. */
export async function purgeFinishedDeliveries(db: Executor, before: Date): Promise<number> {
  const res = await db
    .deleteFrom('notification_delivery')
    .where('status', 'in', ['sent', 'dead'])
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function findWebhookTarget(db: Executor, subscriptionId: string) {
  return db
    .selectFrom('webhook_subscription')
    .select(['id', 'url', 'secret_sealed', 'active', 'deleted_at'])
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
}

export async function findEmailTarget(db: Executor, userId: string) {
  return db.selectFrom('app_user').select(['email', 'status']).where('id', '=', userId).executeTakeFirst();
}
