import { z } from 'zod';
import { calendarDate, text } from './common.ts';

// API schemas of the consent module (issue 11): consent records and legal-basis overrides on
// dossiers, requests and cases, emergency suspension of a case's contact, and subject access.
// docs/SECURITY.md ("Consent") explains the rules.

export const consentSubjectTypes = ['dossier', 'request', 'case'] as const;
export const consentGivers = ['child', 'guardian', 'young-person', 'parent', 'legal-representative'] as const;
export const consentMethods = ['in-person', 'written', 'recorded'] as const;
export const consentDecisions = ['given', 'refused'] as const;
export const consentLegalBases = ['best-interests-of-the-child', 'vital-interests', 'legal-obligation', 'public-task'] as const;
/**
 * What a subject's consent amounts to now, for one purpose (see SECURITY.md for the rule).
 * `lapsed`: given by a guardian (or a parent for the child) for someone who is, or may be, 18 now.
 */
export const consentStates = ['unknown', 'given', 'refused', 'withdrawn', 'lapsed', 'override'] as const;
/** A party's consent mode: whether unknown consent stops processing (`strict`) or not (`transitional`). */
export const consentModes = ['strict', 'transitional'] as const;

/** `tracing`, `photo-use`, `contact`, or `sharing:<partyCode>` (sharing with one named party). */
export const consentPurpose = z
  .string()
  .regex(/^(tracing|photo-use|contact|sharing:[A-Za-z0-9_-]{1,64})$/, 'must be tracing, photo-use, contact or sharing:<partyCode>');

export const consentInput = z.object({
  subjectType: z.enum(consentSubjectTypes),
  subjectId: z.uuid(),
  purpose: consentPurpose,
  decision: z.enum(consentDecisions).default('given'),
  givenBy: z.enum(consentGivers),
  how: z.enum(consentMethods),
  givenOn: calendarDate,
  /** A document or photo of the signed form, already attached to the subject by the caller's party. */
  evidenceMediaId: z.uuid().optional(),
});
export type ConsentInput = z.infer<typeof consentInput>;

export const consentOverrideInput = z.object({
  subjectType: z.enum(consentSubjectTypes),
  subjectId: z.uuid(),
  purpose: consentPurpose,
  legalBasis: z.enum(consentLegalBases),
  /** Written reason: why processing goes ahead without (or against) consent. */
  reason: z.string().trim().min(20, 'must explain the reason (at least 20 characters)').max(2000),
});
export type ConsentOverrideInput = z.infer<typeof consentOverrideInput>;

export const consentWithdrawal = z.object({ reason: text(2000) });

export const consentRecord = z.object({
  id: z.uuid(),
  subjectType: z.enum(consentSubjectTypes),
  subjectId: z.uuid(),
  purpose: z.string(),
  basis: z.enum(['consent', 'override']),
  decision: z.enum(consentDecisions).nullable(),
  givenBy: z.enum(consentGivers).nullable(),
  how: z.enum(consentMethods).nullable(),
  givenOn: z.string().nullable(),
  evidenceMediaId: z.uuid().nullable(),
  legalBasis: z.enum(consentLegalBases).nullable(),
  reason: z.string().nullable(),
  /** For a case: which side's people gave it. */
  side: z.enum(['holding', 'family']).nullable(),
  partyId: z.uuid(),
  recordedBy: z.uuid().nullable(),
  recordedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.uuid().nullable(),
  withdrawalReason: z.string().nullable(),
});
export type ConsentRecord = z.infer<typeof consentRecord>;

export const consentQuery = z.object({ subjectType: z.enum(consentSubjectTypes), subjectId: z.uuid() });

export const consentList = z.object({
  items: z.array(consentRecord),
  /** The state of each purpose that has records. A purpose not listed is `unknown`. */
  states: z.record(z.string(), z.enum(consentStates)),
  /** The mode the record is processed under (a case: strict if either of its parties is). */
  mode: z.enum(consentModes),
  /** Purposes whose guardian's consent lapsed at 18: the young person must give it themselves. */
  renewalNeeded: z.array(z.string()),
});

export const consentModeInput = z.object({ mode: z.enum(consentModes) });
export const consentModeView = z.object({
  partyId: z.uuid(),
  mode: z.enum(consentModes),
  updatedAt: z.string().nullable(),
  updatedBy: z.uuid().nullable(),
});
export type ConsentModeView = z.infer<typeof consentModeView>;

export const contactSuspension = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  reason: z.string(),
  suspendedBy: z.uuid().nullable(),
  suspendedPartyId: z.uuid(),
  suspendedAt: z.string(),
  liftedBy: z.uuid().nullable(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
});
export const contactSuspensionInput = z.object({ reason: text(2000) });
export const contactSuspensionView = z.object({ active: contactSuspension.nullable(), history: z.array(contactSuspension) });

/** Everything held about one child, section by section (raw rows: ids, dates and fields as stored). */
export const subjectAccessExport = z.object({
  dossierId: z.uuid(),
  generatedAt: z.string(),
  sections: z.record(z.string(), z.unknown()),
});
