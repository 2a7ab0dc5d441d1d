import { z } from 'zod';
import { page, pageQuery, text } from './common.ts';

// API schemas of the cases module. The transition table itself lives on the server
// (modules/cases/case-states.ts); a test keeps this list of statuses equal to it.

export const caseStatuses = [
  'located',
  'verified',
  'in-contact',
  'reunification-planned',
  'in-transit',
  'reunited',
  'follow-up',
  'closed',
  'declined',
  'unable-to-proceed',
  'transferred',
] as const;
export type CaseStatusCode = (typeof caseStatuses)[number];

export const casePriorities = ['normal', 'age-out'] as const;

export const caseOpenInput = z.object({
  proposalId: z.uuid().describe('A confirmed request↔dossier match proposal'),
});
export type CaseOpenInput = z.infer<typeof caseOpenInput>;

/** `?status=a&status=b` or `?status=a,b`. */
const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(caseStatuses)).min(1).max(caseStatuses.length));

export const caseListQuery = z.object({
  status: statusList.optional().describe('One status, several repeated, or a comma-separated list'),
  priority: z.enum(casePriorities).optional(),
  dossierId: z.uuid().optional(),
  requestId: z.uuid().optional(),
  ...pageQuery,
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseTransitionInput = z.object({
  to: z.enum(caseStatuses),
  reason: text(2000).optional().describe('Required for side exits and steps back'),
  version: z.number().int().min(1),
});
export type CaseTransitionInput = z.infer<typeof caseTransitionInput>;

/** A case as both parties see it: ids, statuses and dates only (the web joins the names itself). */
export const tracingCase = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  requestId: z.uuid(),
  matchProposalId: z.uuid().nullable(),
  holdingPartyId: z.uuid().describe("The party holding the child's dossier"),
  familyPartyId: z.uuid().describe("The party that filed the family's request"),
  side: z.enum(['holding', 'family']).nullable().describe("The caller's side of the case"),
  status: z.enum(caseStatuses),
  statusReason: z.string().nullable(),
  priority: z.enum(casePriorities),
  version: z.number().int(),
  openedBy: z.uuid().nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type TracingCase = z.infer<typeof tracingCase>;

export const caseEvent = z.object({
  from: z.enum(caseStatuses).nullable(),
  to: z.enum(caseStatuses),
  reason: z.string().nullable(),
  actorUserId: z.uuid().nullable(),
  at: z.string(),
});

export const caseDetail = tracingCase.extend({
  history: z.array(caseEvent),
  allowedTransitions: z
    .array(z.object({ to: z.enum(caseStatuses), needsReason: z.boolean() }))
    .describe('The statuses a person may move the case to now, through POST /cases/{id}/transitions'),
  reservedTransitions: z
    .array(z.object({ to: z.enum(caseStatuses), via: z.enum(['reunification-start', 'handover']) }))
    .describe('Next statuses only the reunification workflow can take'),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const casePage = page(tracingCase);
