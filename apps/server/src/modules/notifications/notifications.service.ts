import type { Notification, NotificationListQuery } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import type { Actor } from '../auth/actor.ts';
import { countUnread, findNotifications, markAllRead, markRead } from './notifications.repository.ts';
import type { NotificationRow } from './notifications.tables.ts';

// In-app notifications: each user sees and marks only their own. Notices hold no personal data
// (a kind and ids), so reading them is not audited.

export interface NotificationDeps {
  db: Kysely<DB>;
  clock: Clock;
}

const NO_USER = '00000000-0000-0000-0000-000000000000';
const ownerOf = (actor: Actor) => actor.userId ?? NO_USER;

export const presentNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: r.details,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
});

export async function listNotifications(deps: NotificationDeps, actor: Actor, query: NotificationListQuery) {
  const rows = await findNotifications(deps.db, { userId: ownerOf(actor), unread: query.unread, cursor: decodeCursor(query.cursor), limit: query.limit });
  const { items, nextCursor } = toPage(rows, query.limit);
  return { items: items.map(presentNotification), nextCursor };
}

export async function getUnreadCount(deps: NotificationDeps, actor: Actor) {
  return { unread: await countUnread(deps.db, ownerOf(actor)) };
}

/** Someone else's notification is missing as far as the caller can tell (404). */
export async function readNotification(deps: NotificationDeps, actor: Actor, id: string) {
  const row = await markRead(deps.db, ownerOf(actor), id, deps.clock.now());
  if (!row) throw notFound();
  return presentNotification(row);
}

export async function readAllNotifications(deps: NotificationDeps, actor: Actor) {
  return { marked: await markAllRead(deps.db, ownerOf(actor), deps.clock.now()) };
}
