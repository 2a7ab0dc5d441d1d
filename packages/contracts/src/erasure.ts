import { z } from 'zod';

// API schemas of erasure (issue 11): an authorised officer erases a child's dossier or a family's
// request, with a legal reason, under the two-person rule. docs/SECURITY.md ("Erasure") explains it.

export const erasureSubjectTypes = ['dossier', 'request'] as const;
/**
 * Why a record is erased: the person's own request (GDPR Art. 17), consent withdrawn with no other
 * legal ground, processing found unlawful, a legal obligation (e.g. a court order), or a record
 * entered in error (the wrong child, a duplicate made by mistake).
 */
export const erasureReasonCodes = ['data-subject-request', 'consent-withdrawn', 'unlawful-processing', 'legal-obligation', 'entered-in-error'] as const;

export const erasureInput = z.object({
  subjectType: z.enum(erasureSubjectTypes),
  subjectId: z.uuid(),
  reasonCode: z.enum(erasureReasonCodes),
  /** A reference to the legal act or request (a case number, a court order): never personal data. */
  legalReference: z.string().trim().min(1).max(200).optional(),
});
export type ErasureInput = z.infer<typeof erasureInput>;

/** What remains of an erased record: who erased it, when and why, and how much was erased. */
export const erasureTombstone = z.object({
  id: z.uuid(),
  subjectType: z.enum(erasureSubjectTypes),
  subjectId: z.uuid(),
  partyId: z.uuid(),
  reasonCode: z.enum(erasureReasonCodes),
  legalReference: z.string().nullable(),
  requestedBy: z.uuid().nullable(),
  erasedBy: z.uuid().nullable(),
  approvalId: z.uuid().nullable(),
  erasedAt: z.string(),
  /** The transparency-log entry that records the erasure (ids and hashes only). */
  logIndex: z.number().int(),
  /** `<table>.<field>` → rows erased: field names and counts, never a value. */
  summary: z.record(z.string(), z.number().int()),
});
export type ErasureTombstone = z.infer<typeof erasureTombstone>;

export const erasureListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
