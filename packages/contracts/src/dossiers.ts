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
