import type { Role } from '@homeward/contracts';
import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';
import { eventId, type WebhookEvent } from './webhook-event.ts';

/** What happened, for whom. No personal data: a kind, a subject id and plain ids/counts/dates. */
export interface NotificationInput {
  /** e.g. 'contact.overdue', 'age-out.due', 'message.review-needed', 'reunification.approval-needed'. */
  kind: string;
  subjectType: 'case' | 'age-out' | 'contact-plan' | 'message' | 'reunification-plan' | 'welfare-check' | 'match' | 'dossier' | 'request' | 'user';
  subjectId: string | null;
  /** Recipients: the active users of this party... */
  partyId: string;
  /** ...who hold one of these roles (default: every active user of the party). */
  roles?: readonly Role[];
  /** Or exactly these users (they must belong to partyId). */
  userIds?: readonly string[];
  /**
   * The same key notifies each user once: a job that runs again (or on another server) for the
   * same event adds nothing. Include what makes the event distinct, e.g. `overdue:<occurrenceId>`.
   */
  dedupeKey: string;
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Adds in-app notifications, in the caller's transaction, for every recipient, and queues their
 * delivery in the same transaction (the outbox, sent by the `notifications.deliver` job): one
 * webhook POST per active subscription of the party that takes this kind (once per event, even
 * when no user is notified), and one e-mail per newly notified user. E-mails are always queued;
 * the job marks them `dead` (EMAIL_DISABLED) when the server has no SMTP server configured.
 * Returns how many in-app notifications were new.
 */
export async function notify(db: Executor, now: Date, input: NotificationInput): Promise<number> {
  let q = db.selectFrom('app_user').select('id').where('party_id', '=', input.partyId).where('status', '=', 'active');
  if (input.userIds) q = q.where('id', 'in', input.userIds.length ? [...input.userIds] : ['00000000-0000-0000-0000-000000000000']);
  if (input.roles?.length) q = q.where(sql<boolean>`roles && ${sql.val([...input.roles])}::text[]`);
  const users = await q.execute();
  const details = input.details ?? {};
  const fresh = users.length
    ? await db
        .insertInto('notification')
        .values(
          users.map((u) => ({
            user_id: u.id,
            party_id: input.partyId,
            kind: input.kind,
            subject_type: input.subjectType,
            subject_id: input.subjectId,
            details: JSON.stringify(details),
            dedupe_key: input.dedupeKey,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
        .returning('user_id')
        .execute()
    : [];
  await queueWebhooks(db, now, input, details);
  if (fresh.length) {
    await db
      .insertInto('notification_delivery')
      .values(
        fresh.map((n) => ({
          channel: 'email' as const,
          user_id: n.user_id,
          dedupe_key: input.dedupeKey,
          kind: input.kind,
          // The e-mail names the kind only; nothing else is kept for it.
          payload: JSON.stringify({ kind: input.kind }),
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return fresh.length;
}

async function queueWebhooks(db: Executor, now: Date, input: NotificationInput, details: WebhookEvent['details']) {
  const subscriptions = await db
    .selectFrom('webhook_subscription')
    .innerJoin('party', 'party.id', 'webhook_subscription.party_id')
    .select(['webhook_subscription.id', 'party.code'])
    .where('webhook_subscription.party_id', '=', input.partyId)
    .where('webhook_subscription.active', '=', true)
    .where('webhook_subscription.deleted_at', 'is', null)
    .where(sql<boolean>`(webhook_subscription.kinds is null or ${input.kind} = any(webhook_subscription.kinds))`)
    .execute();
  if (subscriptions.length === 0) return;
  const event: WebhookEvent = {
    id: eventId(input.partyId, input.dedupeKey),
    kind: input.kind,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    partyCode: subscriptions[0]!.code,
    createdAt: now.toISOString(),
    details,
  };
  await db
    .insertInto('notification_delivery')
    .values(
      subscriptions.map((s) => ({
        channel: 'webhook' as const,
        subscription_id: s.id,
        dedupe_key: input.dedupeKey,
        kind: input.kind,
        payload: JSON.stringify(event),
        next_attempt_at: now,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
