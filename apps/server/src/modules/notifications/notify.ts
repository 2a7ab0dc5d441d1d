import type { Role } from '@homeward/contracts';
import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.ts';

/** What happened, for whom. No personal data: a kind, a subject id and plain ids/counts/dates. */
export interface NotificationInput {
  /** e.g. 'contact.overdue', 'age-out.due', 'message.review-needed', 'reunification.approval-needed'. */
  kind: string;
  subjectType: 'case' | 'age-out' | 'contact-plan' | 'message' | 'reunification-plan' | 'welfare-check' | 'match' | 'dossier';
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
 * Adds in-app notifications, in the caller's transaction, for every recipient. Returns how many
 * were new. Delivery by webhook or e-mail is queued by the notifications module from the rows.
 */
export async function notify(db: Executor, now: Date, input: NotificationInput): Promise<number> {
  let q = db.selectFrom('app_user').select('id').where('party_id', '=', input.partyId).where('status', '=', 'active');
  if (input.userIds) q = q.where('id', 'in', input.userIds.length ? [...input.userIds] : ['00000000-0000-0000-0000-000000000000']);
  if (input.roles?.length) q = q.where(sql<boolean>`roles && ${sql.val([...input.roles])}::text[]`);
  const users = await q.execute();
  if (users.length === 0) return 0;
  const res = await db
    .insertInto('notification')
    .values(
      users.map((u) => ({
        user_id: u.id,
        party_id: input.partyId,
        kind: input.kind,
        subject_type: input.subjectType,
        subject_id: input.subjectId,
        details: JSON.stringify(input.details ?? {}),
        dedupe_key: input.dedupeKey,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returning('id')
    .execute();
  return res.length;
}
