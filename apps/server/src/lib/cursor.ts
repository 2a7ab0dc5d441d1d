import { AppError } from '../errors.ts';

export interface Cursor {
  createdAt: string;
  id: string;
}

/** Opaque keyset cursor over (created_at desc, id desc). */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

export function decodeCursor(s: string | undefined): Cursor | undefined {
  if (!s) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) throw new Error();
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error();
    return { createdAt, id };
  } catch {
    throw new AppError('INVALID_CURSOR', 'The page cursor is not valid; start again from the first page.');
  }
}

/** Turns `limit + 1` fetched rows into a page and the cursor of the next one. */
export function toPage<R extends { created_at: Date; id: string }>(rows: R[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id }) : null;
  return { items, nextCursor };
}
