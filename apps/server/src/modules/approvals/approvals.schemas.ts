import { z } from 'zod';
import { approvalActs } from './two-person.ts';

export const approvalStatuses = ['pending', 'approved', 'declined', 'expired'] as const;

/** A pending (or ended) approval as its parties see it. */
export const approval = z.object({
  id: z.uuid(),
  act: z.enum(approvalActs),
  subjectType: z.string().describe('match_proposal, dossier, request or case'),
  subjectId: z.uuid(),
  relatedIds: z.array(z.uuid()).describe('Other records the act touches (e.g. the request and the dossier of a match)'),
  payload: z.unknown().describe('Exactly what is to be approved'),
  payloadHash: z.string().describe('SHA-256 of act, subject and payload: name it when approving to be sure it is the same thing'),
  status: z.enum(approvalStatuses),
  firstUserId: z.uuid(),
  firstPartyId: z.uuid(),
  firstAt: z.string(),
  firstReason: z.string().nullable(),
  secondPartyId: z.uuid().nullable().describe('The party the second person must belong to (null: any party)'),
  secondPermission: z.string(),
  secondUserId: z.uuid().nullable(),
  secondAt: z.string().nullable(),
  secondReason: z.string().nullable(),
  endReason: z.string().nullable(),
  expiresAt: z.string(),
});

export const approvalQuery = z.object({
  status: z.enum(approvalStatuses).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const approveBody = z.object({
  reason: z.string().trim().min(1).max(2000).optional(),
  payloadHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

export const declineBody = z.object({ reason: z.string().trim().min(1).max(2000) });
