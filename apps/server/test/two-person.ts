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

export interface AttestBody {
  subjectType: 'dossier' | 'case';
  subjectId: string;
  claim: string;
  decision?: 'verified' | 'rejected' | 'needs-info';
  coveredFields?: string[];
  keyId?: string;
}

/** An attestation as `POST /api/v1/attestations` answers it when signed (201). */
export type SignedAttestation = { id: string; logIndex: number; partyId: string; signerUserId: string | null; claim: string; coveredFields: string[]; keyId: string; subjectCommitment: string; check: { status: string } } & Record<string, unknown>;

/**
 * The second half of an attestation under the two-person rule: `second` (another verifier of the
 * first's party) approves the pending approval the first verifier's call answered with (202), and
 * the statement is signed then, in the first verifier's name. Returns the approval id and the
 * attestation signed, as the one-person call would have answered it.
 */
export async function approveAttestation(first: Client, second: Client, asked: InjectResponse, body: AttestBody) {
  expect(asked.statusCode, asked.body).toBe(202);
  const approval = asked.json().approval as { id: string; act: string; status: string };
  expect(approval).toMatchObject({ act: 'attestation.verify', status: 'pending' });
  const approved = await second.post(`/api/v1/approvals/${approval.id}/approve`, {});
  expect(approved.statusCode, approved.body).toBe(200);
  expect(approved.json().status).toBe('approved');
  const list = await first.get(`/api/v1/attestations?subjectType=${body.subjectType}&subjectId=${body.subjectId}`);
  expect(list.statusCode, list.body).toBe(200);
  const attestation = (list.json().items as SignedAttestation[])
    .filter((a) => a.partyId === first.partyId && a.signerUserId === first.userId && a.claim === body.claim)
    .sort((a, b) => a.logIndex - b.logIndex)
    .at(-1);
  expect(attestation, 'the approval signed the attestation').toBeDefined();
  return { approvalId: approval.id, attestation: attestation! };
}

/**
 * Signs an attestation the way the two-person rule asks: the first verifier's call signs nothing
 * and answers 202 with a pending approval; a second verifier of the same party approves it and the
 * statement is signed then, in the first verifier's name (see `approveAttestation`).
 */
export async function attestWithTwo(first: Client, second: Client, body: AttestBody) {
  return approveAttestation(first, second, await first.post('/api/v1/attestations', body), body);
}
