import { expect } from 'vitest';
import type { Response as InjectResponse } from 'light-my-request';
import type { Client } from './test-app.ts';

/**
 * Confirms a match proposal the way the two-person rule asks: the first reviewer's confirmation
 * leaves it `awaiting-second`, the second reviewer's (another person, of the party the policy
 * names) completes it. Returns the second answer (status `confirmed`).
 */
export async function confirmMatch(first: Client, second: Client, proposalId: string, body: { reason?: string } = {}): Promise<InjectResponse> {
  const a = await first.post(`/api/v1/matches/${proposalId}/confirm`, body);
  expect(a.statusCode, a.body).toBe(200);
  expect(a.json().status, 'the first confirmation waits for a second reviewer').toBe('awaiting-second');
  const b = await second.post(`/api/v1/matches/${proposalId}/confirm`, body);
  expect(b.statusCode, b.body).toBe(200);
  expect(b.json().status).toBe('confirmed');
  return b;
}

export interface OverrideBody {
  subjectType: string;
  subjectId: string;
  purpose: string;
  legalBasis: string;
  reason: string;
}

/**
 * Makes a legal-basis override the way the two-person rule asks: the first administrator's call
 * answers 202 with a pending approval, a second administrator of the same party approves it.
 * Returns the approval id and the override recorded.
 */
export async function overrideConsent(first: Client, second: Client, body: OverrideBody) {
  const asked = await first.post('/api/v1/consents/overrides', body);
  expect(asked.statusCode, asked.body).toBe(202);
  const approvalId = asked.json().approval.id as string;
  const approved = await second.post(`/api/v1/approvals/${approvalId}/approve`, {});
  expect(approved.statusCode, approved.body).toBe(200);
  expect(approved.json().status).toBe('approved');
  const list = await first.get(`/api/v1/consents?subjectType=${body.subjectType}&subjectId=${body.subjectId}`);
  const record = (list.json().items as Array<{ id: string; basis: string; reason: string | null; withdrawnAt: string | null }>)
    .filter((i) => i.basis === 'override' && i.reason === body.reason && !i.withdrawnAt)
    .at(-1);
  expect(record, 'the override is recorded').toBeDefined();
  return { approvalId, record: record! };
}
