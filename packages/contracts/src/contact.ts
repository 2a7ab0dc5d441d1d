import { z } from 'zod';
import { calendarDate, text } from './common.ts';

// API schemas of the contact module: contact plans, their scheduled contacts, regularity
// reports and the message relay with its safeguarding review.

export const contactChannels = ['video-call', 'phone-call', 'letter', 'message'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export const contactPlanStatuses = ['active', 'suspended', 'cancelled'] as const;
export type ContactPlanStatus = (typeof contactPlanStatuses)[number];

export const contactOccurrenceStatuses = ['scheduled', 'held', 'missed', 'cancelled'] as const;
export type ContactOccurrenceStatus = (typeof contactOccurrenceStatuses)[number];

const language = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (UTC)');

const planFields = {
  channel: z.enum(contactChannels),
  intervalDays: z.number().int().min(1).max(90).describe('One contact every this many days'),
  preferredWeekday: z
    .number()
    .int()
    .min(1)
    .max(7)
    .nullable()
    .optional()
    .describe('ISO weekday (1 = Monday); only with an interval that is a whole number of weeks'),
  preferredTime: timeOfDay.nullable().optional().describe('Time of day (UTC) each contact is due; midnight when absent'),
  languages: z.array(language).max(10).default([]),
  interpreterNeeded: z.boolean().default(false),
  holdingSupervisorId: z.uuid().describe("Officer of the child's side supervising contact"),
  familySupervisorId: z.uuid().describe("Officer of the family's side supervising contact"),
};

export const contactPlanInput = z.object({
  ...planFields,
  startsOn: calendarDate.optional().describe('First day of the plan (today by default; never in the past)'),
});
export type ContactPlanInput = z.infer<typeof contactPlanInput>;

export const contactPlanPatch = z.object({
  version: z.number().int().min(1).describe('The version you read; a stale one gets 409 VERSION_CONFLICT'),
  channel: planFields.channel.optional(),
  intervalDays: planFields.intervalDays.optional(),
  preferredWeekday: planFields.preferredWeekday,
  preferredTime: planFields.preferredTime,
  languages: z.array(language).max(10).optional(),
  interpreterNeeded: z.boolean().optional(),
  holdingSupervisorId: z.uuid().optional(),
  familySupervisorId: z.uuid().optional(),
  status: z.enum(contactPlanStatuses).optional(),
  reason: text(2000).optional().describe('Required to suspend or cancel a plan'),
});
export type ContactPlanPatch = z.infer<typeof contactPlanPatch>;

export const contactPlan = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  channel: z.enum(contactChannels),
  intervalDays: z.number().int(),
  preferredWeekday: z.number().int().nullable(),
  preferredTime: z.string().nullable(),
  languages: z.array(z.string()),
  interpreterNeeded: z.boolean(),
  holdingSupervisorId: z.uuid(),
  familySupervisorId: z.uuid(),
  status: z.enum(contactPlanStatuses),
  statusReason: z.string().nullable(),
  startsOn: z.string(),
  replacedBy: z.uuid().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactPlan = z.infer<typeof contactPlan>;

export const contactRecordInput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('held'),
    heldAt: z.iso.datetime({ offset: true }).optional().describe('When the contact took place (now by default; never in the future)'),
    durationMinutes: z.number().int().min(1).max(600),
    notes: text(5000).optional(),
    wellbeing: text(5000).optional().describe("Sensitive tier: the child's wellbeing as observed"),
  }),
  z.object({ outcome: z.literal('missed'), reason: text(2000), notes: text(5000).optional(), wellbeing: text(5000).optional() }),
  z.object({ outcome: z.literal('cancelled'), reason: text(2000), notes: text(5000).optional() }),
]);
export type ContactRecordInput = z.infer<typeof contactRecordInput>;

export const contactOccurrence = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  caseId: z.uuid(),
  channel: z.enum(contactChannels),
  dueAt: z.string(),
  overdueAt: z.string().describe('Due time plus the grace of the channel: unrecorded after it, the contact is overdue'),
  status: z.enum(contactOccurrenceStatuses),
  overdue: z.boolean(),
  heldAt: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  reason: z.string().nullable(),
  notes: z.string().nullable(),
  wellbeing: z.string().nullable().optional().describe('Present only for readers with the sensitive tier'),
  recordedBy: z.string().nullable(),
  recordedAt: z.string().nullable(),
  overdueFlaggedAt: z.string().nullable(),
});
export type ContactOccurrence = z.infer<typeof contactOccurrence>;

export const contactRegularity = z.object({
  due: z.number().int().describe('Contacts due so far (cancelled ones excluded)'),
  held: z.number().int(),
  missed: z.number().int(),
  cancelled: z.number().int(),
  overdue: z.number().int().describe('Due, past their grace and not recorded'),
  heldOnTime: z.number().int(),
  shareHeldOnTime: z.number().nullable().describe('heldOnTime / due, or null when nothing was due'),
  lastHeldAt: z.string().nullable(),
});
export type ContactRegularity = z.infer<typeof contactRegularity>;

export const caseContact = z.object({
  caseId: z.uuid(),
  plan: contactPlan.nullable().describe('The active or suspended plan, or the latest one'),
  occurrences: z.array(contactOccurrence),
  regularity: contactRegularity,
  withheld: z.array(z.string()),
});

export const regularityQuery = z.object({
  region: text(200).optional(),
  from: calendarDate.optional().describe('First day of contacts counted (90 days ago by default)'),
  to: calendarDate.optional().describe('Last day of contacts counted (today by default)'),
});
export type RegularityQuery = z.infer<typeof regularityQuery>;

const count = z.number().int().nullable();
export const regionalRegularity = z.object({
  from: z.string(),
  to: z.string(),
  minimumCell: z.number().int().describe('Regions with fewer cases than this are suppressed'),
  items: z.array(
    z.object({
      region: z.string().nullable(),
      suppressed: z.boolean(),
      cases: count,
      due: count,
      held: count,
      missed: count,
      cancelled: count,
      overdue: count,
      heldOnTime: count,
      shareHeldOnTime: z.number().nullable(),
    }),
  ),
});

export const messageDirections = ['family-to-child', 'child-to-family'] as const;
export const messageStatuses = ['pending-review', 'approved', 'returned'] as const;

export const messageInput = z.object({
  body: text(5000),
  mediaId: z.uuid().optional().describe("A photo already uploaded by the sender's party to this case's dossier or request"),
});
export type MessageInput = z.infer<typeof messageInput>;

export const messageReview = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('return'), reason: text(2000) }),
]);
export type MessageReview = z.infer<typeof messageReview>;

export const caseMessage = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  direction: z.enum(messageDirections),
  senderPartyId: z.uuid(),
  status: z.enum(messageStatuses),
  body: z.string().nullable().describe('Sensitive tier; null when withheld'),
  mediaId: z.uuid().nullable(),
  returnReason: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  withheld: z.array(z.string()),
});
export type CaseMessage = z.infer<typeof caseMessage>;

export const caseMessageWithHistory = caseMessage.extend({
  history: z.array(z.object({ status: z.enum(messageStatuses), actorUserId: z.string().nullable(), reason: z.string().nullable(), at: z.string() })),
});
