import { bundleCounts, dossierInput, dossierStatuses, relationships, requestStatuses, tracingRequestInput } from '@homeward/contracts';
import { z } from 'zod';

// The decrypted body of a bundle: gzip of one JSON object of this shape (docs/EXCHANGE.md).

const partyCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/);
/** A record named by the party that holds the original and that party's own id for it. */
export const recordRef = z.object({ party: partyCode, id: z.string().min(1).max(200) });
export type RecordRef = z.infer<typeof recordRef>;

const sharedDossier = dossierInput.omit({ sourceId: true });
const sharedRequest = tracingRequestInput.omit({ sourceId: true }).extend({
  // The requester's name and contact stay with the party that filed the request.
  requester: z.object({ relationship: z.enum(relationships), contact: z.object({}).strict().default({}) }),
});

export const bundleDossier = z.object({
  id: z.uuid(),
  status: z.enum(dossierStatuses),
  version: z.number().int(),
  updatedAt: z.string(),
  record: sharedDossier,
  withheld: z.array(z.string()).max(50),
});
export const bundleRequest = z.object({
  id: z.uuid(),
  status: z.enum(requestStatuses),
  version: z.number().int(),
  updatedAt: z.string(),
  record: sharedRequest,
  withheld: z.array(z.string()).max(50),
});
export const bundleAttestation = z.object({
  id: z.uuid(),
  dossier: recordRef,
  subjectVersion: z.number().int(),
  claim: z.string().max(64),
  decision: z.string().max(32),
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.string(),
  envelope: z.object({ payloadType: z.string(), payload: z.string(), signatures: z.array(z.object({ keyid: z.string().optional(), sig: z.string() })) }),
});
export const bundleCaseEvent = z.object({
  id: z.number().int(),
  caseId: z.uuid(),
  dossier: recordRef,
  request: recordRef,
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string().max(4000).nullable(),
  at: z.string(),
});
export const bundleFile = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  kind: z.literal('photo'),
  mime: z.string().max(100),
  takenOn: z.string().nullable(),
  suppliedBy: z.enum(['family', 'institution', 'authority', 'child', 'other']).nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.string(),
});

export const bundleManifest = z.object({
  bundleId: z.uuid(),
  from: partyCode,
  to: partyCode,
  sequence: z.number().int().min(1),
  createdAt: z.string(),
  since: z.string().nullable(),
  counts: bundleCounts,
});

export const bundlePayload = z.object({
  manifest: bundleManifest,
  dossiers: z.array(bundleDossier),
  requests: z.array(bundleRequest),
  attestations: z.array(bundleAttestation),
  caseEvents: z.array(bundleCaseEvent),
  files: z.array(bundleFile),
});
export type BundlePayload = z.infer<typeof bundlePayload>;
export type BundleDossier = z.infer<typeof bundleDossier>;
export type BundleRequest = z.infer<typeof bundleRequest>;
