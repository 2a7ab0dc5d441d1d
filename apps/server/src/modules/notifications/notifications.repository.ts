import { sql } from 'kysely';
import type { Cursor } from '../../lib/cursor.ts';
import type { Executor } from '../audit/audit.repository.ts';

export async function findNotifications(db: Executor, f: { userId: string; unread: boolean; cursor: Cursor | undefined; limit: number }) {
  let q = db.selectFrom('notification').selectAll().where('user_id', '=', f.userId);
  if (f.unread) q = q.where('read_at', 'is', null);
  if (f.cursor) q = q.where(sql<boolean>`(created_at, id) < (${new Date(f.cursor.createdAt)}, ${f.cursor.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read (once: the first reading time stays). */
export async function markRead(db: Executor, userId: string, id: string, now: Date) {
  return db
    .updateTable('notification')
    .set({ read_at: sql<Date>`coalesce(read_at, ${now})` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export async function markAllRead(db: Executor, userId: string, now: Date): Promise<number> {
  const res = await db.updateTable('notification').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
