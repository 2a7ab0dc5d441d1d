import { z } from 'zod';
import { patchOf, text } from './common.ts';
import { relationships } from './requests.ts';

// API schemas of the reunification module: the plan both parties approve, the handover record
// each side completes, and the welfare checks after the child is home.

export const reunificationPlanStatuses = ['draft', 'approved', 'started', 'completed', 'withdrawn'] as const;
export type ReunificationPlanStatus = (typeof reunificationPlanStatuses)[number];
export const reunificationSides = ['holding', 'family'] as const;
export type ReunificationSide = (typeof reunificationSides)[number];
export const welfareOutcomes = ['well', 'concerns', 'urgent'] as const;
export const welfareStatuses = ['scheduled', 'done', 'missed'] as const;

export const defaultWelfareOffsets = [7, 30, 90] as const;

const instant = z.iso.datetime({ offset: true });
const contentHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

export const reunificationDocument = z.object({
  item: text(200),
  required: z.boolean().default(true),
  done: z.boolean().default(false),
});

export const reunificationPlanInput = z.object({
  route: text(2000),
  escort: text(500),
  handoverPoint: text(500),
  handoverAt: instant,
  receivingAdult: z.object({ name: text(200), relationship: z.enum(relationships) }),
  documents: z.array(reunificationDocument).max(50).default([]),
  welfareCheckOffsets: z
    .array(z.number().int().min(1).max(730))
    .max(12)
    .refine((a) => new Set(a).size === a.length, 'must not repeat a day')
    .default([...defaultWelfareOffsets])
    .describe('Days after the handover on which welfare checks fall due (default 7, 30 and 90)'),
});
export type ReunificationPlanInput = z.infer<typeof reunificationPlanInput>;

/** A field left out stays as it is. Ticking documents done leaves the approvals standing; any other change clears them. */
export const reunificationPlanPatch = patchOf(reunificationPlanInput).extend({ version: z.number().int().min(1) });
export type ReunificationPlanPatch = z.infer<typeof reunificationPlanPatch>;

export const reunificationApproval = z.object({
  contentHash: contentHash.describe('The contentHash of the plan as the approver read it; a plan changed since is refused (VERSION_CONFLICT)'),
});
export const reunificationStart = z.object({ version: z.number().int().min(1).optional() });
export const reunificationWithdrawal = z.object({ reason: text(2000) });

export const handoverInput = z.object({
  handedOverAt: instant,
  notes: text(4000).optional(),
  childWellbeing: text(4000).optional().describe('Sensitive tier'),
});
export type HandoverInput = z.infer<typeof handoverInput>;

export const welfareRecord = z.discriminatedUnion('status', [
  z.object({ status: z.literal('done'), outcome: z.enum(welfareOutcomes), notes: text(4000).optional() }),
  z.object({ status: z.literal('missed'), reason: text(2000), notes: text(4000).optional() }),
]);
export type WelfareRecord = z.infer<typeof welfareRecord>;

const approval = z.object({ userId: z.string().nullable(), at: z.string(), contentHash: z.string() });

export const reunificationPlan = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  status: z.enum(reunificationPlanStatuses),
  route: z.string().optional(),
  escort: z.string().optional(),
  handoverPoint: z.string().optional(),
  handoverAt: z.string(),
  receivingAdult: z.object({ name: z.string().optional(), relationship: z.enum(relationships) }),
  documents: z.array(z.object({ item: z.string(), required: z.boolean(), done: z.boolean() })),
  welfareCheckOffsets: z.array(z.number().int()),
  contentHash: z.string().describe('Salted SHA-256 of the approved content; an approval binds to it'),
  approvals: z.object({ holding: approval.nullable(), family: approval.nullable() }),
  withdrawnReason: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  withheld: z.array(z.string()),
});
export type ReunificationPlan = z.infer<typeof reunificationPlan>;

export const handoverRecord = z.object({
  side: z.enum(reunificationSides),
  handedOverAt: z.string(),
  notes: z.string().nullable().optional(),
  childWellbeing: z.string().nullable().optional(),
  recordHash: z.string().describe('Salted SHA-256 of this record, entered in the transparency log'),
  logIndex: z.number().int().nullable(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string(),
});

export const welfareCheck = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  planId: z.uuid(),
  offsetDays: z.number().int(),
  dueOn: z.string(),
  status: z.enum(welfareStatuses),
  outcome: z.enum(welfareOutcomes).nullable(),
  notes: z.string().nullable().optional(),
  missedReason: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string().nullable(),
  overdueFlaggedAt: z.string().nullable(),
});

export const reunificationView = z.object({
  caseId: z.uuid(),
  side: z.enum(reunificationSides).nullable().describe("The caller's side of the case"),
  plan: reunificationPlan.nullable().describe('The live plan, else the latest withdrawn one'),
  handovers: z.array(handoverRecord),
  welfareChecks: z.array(welfareCheck),
});
export type ReunificationView = z.infer<typeof reunificationView>;
