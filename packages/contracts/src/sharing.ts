import { z } from 'zod';
import { partyKinds } from './auth.ts';

// Sharing policy as code (issue 13) and reporter-chosen disclosure (issue 11). The policy names
// which data points of a party's dossiers and requests each other party receives, for which
// purpose and on which legal basis. Anything not named stays with its party (docs/SECURITY.md).

/** Every data point a policy can name. A record field outside this list never leaves its party. */
export const sharingDataPoints = [
  'dossier.names',
  'dossier.sex',
  'dossier.birth',
  'dossier.displacement',
  'dossier.currentLocation.region',
  'dossier.currentLocation.placement',
  'dossier.currentLocation.address',
  'dossier.biography',
  'dossier.languages',
  'dossier.services.social',
  'dossier.services.medical',
  'dossier.services.psychological',
  'dossier.services.notes',
  'dossier.sources',
  'dossier.photos',
  'request.sought.names',
  'request.sought.sex',
  'request.sought.birth',
  'request.sought.displacement',
  'request.sought.lastKnownPlace',
  'request.requester.relationship',
  'request.requester.name',
  'request.requester.contact',
] as const;
export type SharingDataPoint = (typeof sharingDataPoints)[number];

/** Restricted tier: never leaves the party that holds it, whatever a policy says. */
export const restrictedDataPoints: readonly SharingDataPoint[] = ['dossier.currentLocation.address', 'request.requester.name', 'request.requester.contact'];

export const sharingPurposes = ['tracing', 'verification', 'case-work', 'statistics'] as const;
export type SharingPurpose = (typeof sharingPurposes)[number];

export const sharingLegalBases = ['consent', 'best-interests-of-the-child', 'vital-interests', 'legal-obligation', 'public-task', 'legitimate-interests'] as const;

export const sharingPartyCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'must be a party code');

/** A party code (upper case), a party kind (lower case), or "*" for every party. */
export const sharingSelector = z.union([z.literal('*'), z.enum(partyKinds), sharingPartyCode]);
export type SharingSelector = z.infer<typeof sharingSelector>;

/** A data point, or a prefix ending in ".*" that stands for every data point under it. */
export const sharingDataPointPattern = z
  .string()
  .max(100)
  .refine((p) => expandDataPoints([p]).length > 0, 'is not a known data point or a pattern matching one');

/** Expands patterns (`request.sought.*`) into the data points they name, in list order. */
export function expandDataPoints(patterns: readonly string[]): SharingDataPoint[] {
  const full = (p: string) => (p.startsWith('dossier.') || p.startsWith('request.') ? p : `request.${p}`);
  return sharingDataPoints.filter((d) =>
    patterns.some((raw) => {
      const p = full(raw);
      return p.endsWith('.*') ? d.startsWith(p.slice(0, -1)) : d === p;
    }),
  );
}

export const sharingRule = z.object({
  from: sharingSelector.default('*').describe('Whose records: the owning party (code, kind or *)'),
  to: sharingSelector.describe('Who receives them: party code, party kind or *'),
  purposes: z.array(z.enum(sharingPurposes)).min(1),
  legalBasis: z.enum(sharingLegalBases),
  dataPoints: z
    .array(sharingDataPointPattern)
    .min(1)
    .max(50)
    .refine(
      (ps) => !expandDataPoints(ps.filter((p) => !p.endsWith('.*'))).some((d) => restrictedDataPoints.includes(d)),
      'restricted data points (exact address, requester name and contact) never leave their party; a pattern ending in .* skips them',
    ),
});
export type SharingRule = z.infer<typeof sharingRule>;

export const sharingPolicyDocument = z.object({
  format: z.literal('homeward-sharing-policy'),
  version: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'lower-case letters, digits, dots and dashes'),
  description: z.string().max(2000).optional(),
  parties: z.array(sharingPartyCode).max(50).describe('The parties whose records the policy covers; each must agree'),
  rules: z.array(sharingRule).max(200),
  requestDefaults: z
    .array(z.object({ to: sharingSelector, dataPoints: z.array(sharingDataPointPattern).max(50) }))
    .max(50)
    .default([])
    .describe("What a party sees of a request when the filing party chose nothing for it (never more than the rules allow)"),
});
export type SharingPolicyDocument = z.infer<typeof sharingPolicyDocument>;

export const sharingPolicyStatuses = ['proposed', 'active', 'superseded'] as const;

export const sharingPolicy = z.object({
  version: z.string(),
  sha256: z.string().describe('Hex SHA-256 of the RFC 8785 canonical JSON of the document'),
  status: z.enum(sharingPolicyStatuses),
  document: sharingPolicyDocument,
  proposedAt: z.string(),
  activatedAt: z.string().nullable(),
  agreements: z.array(z.object({ partyCode: z.string(), keyId: z.string(), signature: z.string(), agreedAt: z.string() })),
  waitingFor: z.array(z.string()).describe('Party codes that have not agreed yet'),
});
export type SharingPolicy = z.infer<typeof sharingPolicy>;

export const sharingPolicyList = z.object({
  active: sharingPolicy.nullable().describe('The agreed policy in force; null while the built-in default applies'),
  builtIn: sharingPolicyDocument.describe('The default policy that ships with Homeward, for parties no agreed policy covers'),
  history: z.array(sharingPolicy),
});

export const sharingPolicyVersionParams = z.object({ version: z.string().max(64) });

/** Reporter-chosen disclosure: per party code or party kind, the request data points it may see. */
export const requestDisclosure = z.record(
  z.string().refine((k) => k !== '*' && sharingSelector.safeParse(k).success, 'must be a party code or a party kind'),
  z.array(sharingDataPointPattern).max(50),
);
export type RequestDisclosure = z.infer<typeof requestDisclosure>;

export const disclosurePreviewQuery = z.object({ party: sharingPartyCode });
