import { z } from 'zod';
import { page, pageQuery, partialDate, patchOf, text } from './common.ts';
import { childIdentity, displacement, personName, placements, sexes } from './person.ts';

const serviceArea = z.object({
  receiving: z.boolean().nullable().default(null),
  provider: text(200).optional(),
  since: partialDate.optional(),
  summary: text(4000).optional(),
});

export const servicesOverview = z.object({
  social: serviceArea.optional(),
  medical: serviceArea.optional(),
  psychological: serviceArea.optional(),
  notes: text(8000).optional(),
});

export const dossierStatuses = ['open', 'closed', 'merged'] as const;

export const currentLocation = z.object({
  region: text(200).optional(),
  placement: z.enum(placements).default('unknown'),
  address: text(500).optional().describe('Restricted tier: exact current address'),
});

export const dossierInput = z.object({
  sourceId: text(200).optional().describe("The supplying party's own id; makes imports idempotent"),
  ...childIdentity,
  currentLocation: currentLocation.default({ placement: 'unknown' }),
  biography: text(20000).optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code')).max(20).default([]),
  services: servicesOverview.default({}),
});
export type DossierInput = z.infer<typeof dossierInput>;

export const dossierPatch = patchOf(dossierInput.omit({ sourceId: true }))
  .extend({
    version: z.number().int().min(1).describe('The version you read; a stale one gets 409 VERSION_CONFLICT'),
    status: z.enum(dossierStatuses).optional(),
  });
export type DossierPatch = z.infer<typeof dossierPatch>;

export const sourceRecordRef = z.object({
  partyId: z.uuid(),
  sourceId: z.string(),
  receivedAt: z.string(),
});

export const dossier = z.object({
  id: z.uuid(),
  partyId: z.uuid(),
  status: z.enum(dossierStatuses),
  names: z.array(personName.extend({ script: z.enum(['uk-Cyrl', 'ru-Cyrl', 'Latn']) })),
  sex: z.enum(sexes),
  birthDate: z.string().nullable(),
  birthPlace: z.string().nullable(),
  displacement,
  currentLocation: currentLocation,
  biography: z.string().nullable(),
  languages: z.array(z.string()),
  services: servicesOverview,
  sources: z.array(sourceRecordRef),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mergedInto: z.uuid().nullable().optional().describe('For a merged dossier, the dossier it was merged into (set on dossier reads)'),
  sameChildAs: z
    .array(z.uuid())
    .optional()
    .describe("Other parties' dossiers confirmed to be about the same child (linked, not merged; set on dossier reads)"),
});
export type Dossier = z.infer<typeof dossier>;

export const dossierListQuery = z.object({
  status: z.enum(dossierStatuses).optional(),
  partyId: z.uuid().optional(),
  region: text(200).optional(),
  birthYear: z.coerce.number().int().min(1900).max(2200).optional(),
  ...pageQuery,
});

/** Name search goes in a POST body, never in a URL, so names stay out of logs and history. */
export const dossierSearch = dossierListQuery.extend({ name: text(200).optional() });
export type DossierSearch = z.infer<typeof dossierSearch>;

export const dossierPage = page(dossier);

export const dossierMergeStatuses = ['active', 'undone'] as const;

/** A merge as listed: ids, dates and status, never the names it moved. */
export const dossierMerge = z.object({
  id: z.uuid(),
  survivorId: z.uuid().describe('The older dossier, which stays open and gained the names'),
  absorbedId: z.uuid().describe('The newer dossier, set to merged while the merge is active'),
  proposalId: z.uuid(),
  status: z.enum(dossierMergeStatuses),
  namesAdded: z.number().int().describe('How many names the merge added to the survivor'),
  mergedBy: z.uuid().nullable(),
  mergedAt: z.string(),
  undoneBy: z.uuid().nullable(),
  undoneAt: z.string().nullable(),
  undoReason: z.string().nullable().describe("Shown to the merge's own party only"),
});
export type DossierMerge = z.infer<typeof dossierMerge>;

export const dossierMergeUndo = z.object({
  reason: z.string().trim().min(1).max(2000).describe('Why the two dossiers are not the same child; kept on the proposal'),
});

export const dossierMergeUndone = dossierMerge.extend({
  namesRemoved: z.number().int().describe('Names the merge had added that were taken off the survivor'),
  namesAlreadyGone: z
    .number()
    .int()
    .describe('Names the merge had added that an edit since had already removed or changed (left as they are)'),
  namesKept: z.number().int().describe('Names the merge had added that were kept because the survivor has no other name now'),
});
