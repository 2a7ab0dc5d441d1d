import { z } from 'zod';
import { pageQuery, text } from './common.ts';

// API schemas of the age-out module: young people displaced as minors who are 18 now or will be
// within 90 days (docs/AGE-OUT.md). Entries carry ids and dates only; the web joins the dossier.

export const ageOutStatuses = ['upcoming', 'eligible', 'consent-recorded', 'overdue', 'resolved', 'withdrawn'] as const;
export const ageOutConsentDecisions = ['return', 'stay', 'undecided'] as const;
/** `self`: the young person recorded it themselves; `with-official`: an official recorded it with them. */
export const ageOutConsentRecordedHow = ['self', 'with-official'] as const;
export const ageOutOutcomes = ['returned', 'stays', 'other'] as const;
export const ageOutWithdrawnReasons = ['dossier-not-open', 'birth-unknown', 'not-displaced-as-minor', 'not-in-window'] as const;

const day = z.string().describe('YYYY-MM-DD (UTC day)');

export const ageOutConsent = z.object({
  decision: z.enum(ageOutConsentDecisions),
  recordedHow: z.enum(ageOutConsentRecordedHow),
  recordedBy: z.uuid().nullable(),
  at: z.string(),
  /** Sensitive tier: left out (and named in `withheld`) for readers without it. */
  notes: z.string().nullable().optional(),
});

/** One consent in the history. */
export const ageOutConsentRecord = ageOutConsent.extend({
  /** Whose consent this one replaced: the guardian's (the first) or the young person's earlier one. */
  replaces: z.enum(['guardian', 'young-person']),
});

export const ageOutEntry = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  caseId: z.uuid().nullable(),
  status: z.enum(ageOutStatuses),
  /** Earliest possible 18th birthday (the birth date may be known to the month or year only). */
  eligibleOn: day,
  /** Latest possible 18th birthday: consent is refused before it. Equal to eligibleOn when exact. */
  adultFrom: day,
  approximate: z.boolean(),
  /** The day the system first put the person in the queue. */
  foundOn: day,
  deadlineOn: day,
  consent: ageOutConsent.nullable(),
  resolution: z
    .object({
      outcome: z.enum(ageOutOutcomes),
      by: z.uuid().nullable(),
      at: z.string(),
      /** Sensitive tier, like the consent notes. */
      reason: z.string().nullable().optional(),
    })
    .nullable(),
  flaggedOverdueAt: z.string().nullable(),
  withdrawnReason: z.enum(ageOutWithdrawnReasons).nullable(),
  version: z.number().int(),
  withheld: z.array(z.string()),
});
export type AgeOutEntry = z.infer<typeof ageOutEntry>;

/** One entry with its consent history, newest first. */
export const ageOutDetail = ageOutEntry.extend({ consentHistory: z.array(ageOutConsentRecord) });

export const ageOutListQuery = z.object({
  /** Without it, the open work: every status but resolved and withdrawn. */
  status: z.enum(ageOutStatuses).optional(),
  /** Only entries whose deadline is at most this many days away (overdue ones included). */
  dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  ...pageQuery,
});
export type AgeOutListQuery = z.infer<typeof ageOutListQuery>;

export const ageOutSummary = z.object({
  upcoming: z.number().int(),
  eligible: z.number().int(),
  consentRecorded: z.number().int(),
  overdue: z.number().int(),
  resolved: z.number().int(),
  /** Open dossiers of the caller's party with no birth date or year: they cannot be queued. */
  unknownAge: z.number().int(),
});

export const ageOutPage = z.object({ items: z.array(ageOutEntry), nextCursor: z.string().nullable(), summary: ageOutSummary });

export const ageOutConsentInput = z.object({
  decision: z.enum(ageOutConsentDecisions),
  recordedHow: z.enum(ageOutConsentRecordedHow),
  notes: text(4000).optional(),
  version: z.number().int().min(1),
});
export type AgeOutConsentInput = z.infer<typeof ageOutConsentInput>;

export const ageOutResolveInput = z.object({
  outcome: z.enum(ageOutOutcomes),
  reason: text(2000),
  version: z.number().int().min(1),
});
export type AgeOutResolveInput = z.infer<typeof ageOutResolveInput>;
