import { calendarDate } from '@homeward/contracts';
import { AppError } from '../../errors.ts';

// The queue is paged by (deadline, id) ascending, unlike the (created_at, id) descending lists
// that lib/cursor.ts serves.

export interface QueueCursor {
  deadlineOn: string;
  id: string;
}

export function encodeQueueCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.deadlineOn, c.id])).toString('base64url');
}

export function decodeQueueCursor(s: string | undefined): QueueCursor | undefined {
  if (!s) return undefined;
  try {
    const [deadlineOn, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof deadlineOn !== 'string' || !calendarDate.safeParse(deadlineOn).success) throw new Error();
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error();
    return { deadlineOn, id };
  } catch {
    throw new AppError('INVALID_CURSOR', 'The page cursor is not valid; start again from the first page.');
  }
}
