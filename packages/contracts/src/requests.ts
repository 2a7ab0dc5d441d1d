import { z } from 'zod';
import { calendarDate, page, pageQuery, patchOf, text } from './common.ts';
import { childIdentity, displacement, personName, sexes } from './person.ts';
import { requestDisclosure } from './sharing.ts';

export const relationships = [
  'mother',
  'father',
  'grandparent',
  'sibling',
  'aunt-uncle',
  'legal-guardian',
  'other-relative',
  'other',
] as const;

export const requestStatuses = ['open', 'matched', 'closed', 'withdrawn'] as const;

export const requester = z.object({
  name: text(200),
  relationship: z.enum(relationships),
  contact: z
    .object({
      phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/, 'must be a phone number').optional(),
      email: z.email().max(200).optional(),
      address: text(500).optional(),
    })
    .default({}),
});

export const tracingRequestInput = z.object({
  sourceId: text(200).optional(),
  sought: z.object({ ...childIdentity, lastKnownPlace: text(200).optional() }),
  requester,
  filedOn: calendarDate.optional().describe('Defaults to today'),
});
export type TracingRequestInput = z.infer<typeof tracingRequestInput>;

/** Filing through the API: the request, and which parts each other party may see (docs/SECURITY.md). */
export const tracingRequestFiling = tracingRequestInput.extend({
  disclosure: requestDisclosure
    .optional()
    .describe('Per party code or party kind, the data points it may see (e.g. {"holding-country-authority": ["request.sought.*"]}); never more than the sharing policy allows'),
});

export const tracingRequestPatch = patchOf(tracingRequestInput.omit({ sourceId: true }))
  .extend({
    version: z.number().int().min(1),
    status: z.enum(requestStatuses).optional(),
    disclosure: requestDisclosure.nullable().optional().describe('Replaces the disclosure choice; null goes back to the policy defaults'),
  });
export type TracingRequestPatch = z.infer<typeof tracingRequestPatch>;

export const tracingRequest = z.object({
  id: z.uuid(),
  partyId: z.uuid(),
  status: z.enum(requestStatuses),
  sought: z.object({
    names: z.array(personName.extend({ script: z.enum(['uk-Cyrl', 'ru-Cyrl', 'Latn']) })),
    sex: z.enum(sexes),
    birthDate: z.string().nullable(),
    birthPlace: z.string().nullable(),
    displacement,
    lastKnownPlace: z.string().nullable(),
  }),
  requester: z.object({
    name: z.string().optional(),
    relationship: z.enum(relationships).optional().describe("Left out when the filing party's disclosure withholds it"),
    contact: z.object({ phone: z.string(), email: z.string(), address: z.string() }).partial(),
  }),
  filedOn: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  disclosure: requestDisclosure.optional().describe("The filing party's disclosure choice (shown to the filing party only)"),
});
export type TracingRequest = z.infer<typeof tracingRequest>;

export const requestListQuery = z.object({
  status: z.enum(requestStatuses).optional(),
  partyId: z.uuid().optional(),
  birthYear: z.coerce.number().int().min(1900).max(2200).optional(),
  ...pageQuery,
});
export const requestSearch = requestListQuery.extend({ name: text(200).optional() });
export type RequestSearch = z.infer<typeof requestSearch>;

export const tracingRequestPage = page(tracingRequest);

/** A request exactly as another party's users would read it through the API (or not at all). */
export const disclosurePreview = z.object({
  party: z.string(),
  visible: z.boolean().describe('False: that party gets 404 for this request'),
  request: tracingRequest.extend({ withheld: z.array(z.string()) }).nullable(),
});
