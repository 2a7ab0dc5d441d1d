import { sql, type Insertable, type Updateable } from 'kysely';
import type { Cursor } from '../../lib/cursor.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { WebhookSubscriptionTable } from './notifications.tables.ts';

export async function insertSubscription(db: Executor, row: Insertable<WebhookSubscriptionTable>) {
  return db.insertInto('webhook_subscription').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A live (not deleted) subscription; `forUpdate` locks it for a change. */
export async function findSubscription(db: Executor, id: string, forUpdate = false) {
  const q = db.selectFrom('webhook_subscription').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function findPartySubscriptions(db: Executor, partyId: string) {
  return db
    .selectFrom('webhook_subscription')
    .selectAll()
    .where('party_id', '=', partyId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function updateSubscription(db: Executor, id: string, expectedVersion: number, patch: Updateable<WebhookSubscriptionTable>) {
  return db
    .updateTable('webhook_subscription')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Deliveries not yet sent to a removed subscription are given up, with a code saying why. */
export async function abandonDeliveries(db: Executor, subscriptionId: string, code: string) {
  await db
    .updateTable('notification_delivery')
    .set({ status: 'dead', last_error_code: code, lease_until: null })
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
}

export async function findSubscriptionDeliveries(db: Executor, subscriptionId: string, cursor: Cursor | undefined, limit: number) {
  let q = db
    .selectFrom('notification_delivery')
    .select(['id', 'kind', 'status', 'attempts', 'last_http_status', 'last_error_code', 'next_attempt_at', 'sent_at', 'created_at'])
    .where('channel', '=', 'webhook')
    .where('subscription_id', '=', subscriptionId);
  if (cursor) q = q.where(sql<boolean>`(created_at, id) < (${new Date(cursor.createdAt)}, ${cursor.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}
