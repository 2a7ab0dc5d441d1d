import { createHash } from 'node:crypto';

/** The JSON body of a webhook POST: ids, codes and dates only, never personal data. */
export interface WebhookEvent {
  /** The same event (party + dedupe key) always has the same id, on every retry and every subscription. */
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string | null;
  partyCode: string;
  createdAt: string;
  details: Record<string, string | number | boolean | null>;
}

/** A stable UUID-shaped id for an event (a name-based hash: it reveals nothing of the key). */
export function eventId(partyId: string, dedupeKey: string): string {
  const h = createHash('sha256').update(`homeward:event:${partyId}:${dedupeKey}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
