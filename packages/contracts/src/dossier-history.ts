import { z } from 'zod';

/**
 * One change in a dossier's history (GET /api/v1/dossiers/:id/history): what was done and which
 * fields or tiers it touched, never the values. Reads are not changes and are not listed (the
 * audit trail has them, for auditors).
 */
export const dossierHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string().describe('e.g. dossier.create, dossier.update, dossier.merge, dossier.unmerge'),
  fields: z.array(z.string()).describe('Field names or tiers touched; never values'),
  partyCode: z.string().nullable().describe('The party whose person (or system) made the change'),
  actorUserId: z.uuid().nullable().describe("Shown for the reader's own party only"),
  reason: z.string().nullable().describe("The stated reason, for the dossier's own party only"),
});
export const dossierHistory = z.object({ items: z.array(dossierHistoryEntry), nextBefore: z.number().int().nullable() });
export const dossierHistoryQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DossierHistoryEntry = z.infer<typeof dossierHistoryEntry>;
export type DossierHistory = z.infer<typeof dossierHistory>;
