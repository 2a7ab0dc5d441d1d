import { z } from 'zod';

// Request and response schemas of the attestation, key and transparency-log API (issue 5).

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const claimName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be a claim name such as identity-verified');

export const partyKey = z.object({
  party: z.string(),
  keyId: hex64,
  publicKey: z.string(),
  purpose: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});
export const partyKeyList = z.object({ items: z.array(partyKey) });
export const keyRotation = z.object({ privateKeyPem: z.string().max(4000).optional() });
export const keyRevocation = z.object({ reason: z.enum(['compromised', 'retired']) });

export const attestationInput = z.object({
  subjectType: z.literal('dossier'),
  subjectId: z.uuid(),
  claim: claimName,
  decision: z.enum(['verified', 'rejected', 'needs-info']).default('verified'),
  /** Optional: the key the caller expects to sign with; refused unless it is the party's current key. */
  keyId: hex64.optional(),
});
export type AttestationInput = z.infer<typeof attestationInput>;

export const attestationCheck = z.object({
  status: z.enum(['valid', 'stale', 'subject-erased', 'invalid']),
  code: z.string(),
  message: z.string(),
});

export const dsseEnvelope = z.object({
  payloadType: z.string(),
  payload: z.string(),
  signatures: z.array(z.object({ keyid: z.string().optional(), sig: z.string() })),
});

export const attestation = z.object({
  id: z.uuid(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  subjectVersion: z.number().int(),
  subjectRef: z.string(),
  claim: z.string(),
  decision: z.string(),
  coveredFields: z.array(z.string()),
  subjectCommitment: hex64,
  partyId: z.uuid(),
  signerUserId: z.uuid().nullable(),
  keyId: hex64,
  signedAt: z.string(),
  logIndex: z.number().int(),
  envelope: dsseEnvelope,
  check: attestationCheck,
});
export const attestationList = z.object({ items: z.array(attestation) });
export const subjectQuery = z.object({ subjectType: z.literal('dossier'), subjectId: z.uuid() });

export const inclusionProof = z.object({
  index: z.number().int(),
  size: z.number().int(),
  leafHash: z.string(),
  rootHash: z.string(),
  proof: z.array(z.string()),
});
export const attestationVerification = z.object({
  attestation,
  inclusion: inclusionProof.extend({ checkpoint: z.string() }).nullable(),
});

export const claimStatus = z.object({
  claim: z.string(),
  status: z.enum(['verified', 'unverified']),
  requirements: z.array(z.object({ label: z.string(), satisfiedBy: z.string().nullable() })),
  attestations: z.array(
    z.object({
      id: z.uuid(),
      partyId: z.uuid(),
      decision: z.string(),
      status: attestationCheck.shape.status,
    }),
  ),
});
export const verificationStatus = z.object({
  subjectType: z.literal('dossier'),
  subjectId: z.uuid(),
  verified: z.boolean(),
  claims: z.array(claimStatus),
});
export const queueQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });
export const verificationQueue = z.object({
  items: z.array(
    z.object({
      subjectType: z.literal('dossier'),
      subjectId: z.uuid(),
      claim: z.string(),
      reason: z.enum(['not-attested', 'stale']),
      requirement: z.string(),
    }),
  ),
});

export const witnessStatus = z.object({
  /** The checkpoint note with every cosignature collected for it. */
  cosignedNote: z.string(),
  status: z.enum(['trusted', 'quorum-not-met', 'stale', 'no-witnesses']),
  quorum: z.number().int(),
  witnesses: z.number().int(),
  cosigners: z.array(z.object({ name: z.string(), timestamp: z.number().int(), fresh: z.boolean() })),
  message: z.string(),
});
export const logCheckpoint = z.object({
  origin: z.string(),
  logKey: z.string(),
  size: z.number().int(),
  rootHash: z.string(),
  note: z.string(),
  witness: witnessStatus,
});
export const cosignatureInput = z.object({ note: z.string().min(1).max(20_000) });
export const witnessKeyInput = z.object({ vkey: z.string().min(1).max(500) });
export const witnessKey = z.object({ keyId: hex64, name: z.string(), vkey: z.string() });
export const logEntriesQuery = z.object({
  from: z.coerce.number().int().min(0).default(0),
  to: z.coerce.number().int().min(0).optional(),
});
export const logEntries = z.object({
  items: z.array(
    z.object({ index: z.number().int(), leafHash: z.string(), entry: z.record(z.string(), z.unknown()) }),
  ),
});
export const inclusionQuery = z.object({
  index: z.coerce.number().int().min(0),
  size: z.coerce.number().int().min(1),
});
export const consistencyQuery = z.object({
  from: z.coerce.number().int().min(0),
  to: z.coerce.number().int().min(0),
});
export const consistencyProof = z.object({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(z.string()),
});
