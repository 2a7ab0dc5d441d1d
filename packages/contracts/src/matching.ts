import { z } from 'zod';
import { dossier } from './dossiers.ts';
import { tracingRequest } from './requests.ts';

// Match proposals and the review of them (GET/POST /api/v1/matches…), shared by the server's
// routes, the web's review pages and the CLI.

/** `awaiting-second`: confirmed by one reviewer, waiting for a second (two-person rule). */
export const matchStatuses = ['proposed', 'awaiting-second', 'confirmed', 'rejected', 'superseded'] as const;
export const matchKinds = ['request-dossier', 'dossier-dossier'] as const;

/** A match proposal as the queue lists it (ids, score, status; no names). */
export const matchProposal = z.object({
  id: z.uuid(),
  kind: z.enum(matchKinds),
  leftId: z.uuid().describe('The request (request-dossier) or the first dossier (dossier-dossier)'),
  rightId: z.uuid().describe('The dossier proposed'),
  score: z.number().describe('Calibrated probability that both are the same child'),
  decision: z.enum(['match', 'possible']),
  status: z.enum(matchStatuses),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
});

/** A decision's answer: the proposal, and the approval a first confirmation asked for (two-person rule). */
export const matchDecided = matchProposal.extend({
  approvalId: z.uuid().nullable().describe('Set when the confirmation waits for a second reviewer (status awaiting-second): the pending approval'),
});

/** One line of the match-weight waterfall: a compared field, its level in words, its weight in bits. */
export const matchEvidence = z.object({
  field: z.string(),
  level: z.string(),
  weight: z.number(),
  values: z.tuple([z.string(), z.string()]).optional(),
});

const presentedDossier = dossier.extend({ withheld: z.array(z.string()) });
const presentedRequest = tracingRequest.extend({ withheld: z.array(z.string()) });

/** One proposal opened for review: both sides as the reader may see them, the evidence and the history. */
export const matchComparison = matchProposal.extend({
  left: z.object({ request: presentedRequest.nullable(), dossier: presentedDossier.nullable() }),
  right: presentedDossier.nullable(),
  evidence: z.array(matchEvidence),
  history: z.array(z.object({ status: z.enum(matchStatuses), actorUserId: z.string().nullable(), reason: z.string().nullable(), at: z.string() })),
});

export const matchListQuery = z.object({
  status: z.enum([...matchStatuses, 'any']).default('proposed').describe('`any`: every status'),
  kind: z.enum(matchKinds).optional(),
  recordId: z.uuid().optional().describe('Only proposals with this request or dossier on either side'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const matchReason = z.string().trim().min(1).max(2000);

export type MatchStatus = (typeof matchStatuses)[number];
export type MatchKind = (typeof matchKinds)[number];
export type MatchProposal = z.infer<typeof matchProposal>;
export type MatchEvidence = z.infer<typeof matchEvidence>;
export type MatchComparison = z.infer<typeof matchComparison>;
