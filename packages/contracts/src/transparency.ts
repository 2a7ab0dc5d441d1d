import { z } from 'zod';
import { partyKinds } from './auth.ts';

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

/** What an attestation can be about: a child's dossier, or a case (a dossier matched with a family's request). */
export const attestationSubjectTypes = ['dossier', 'case'] as const;
export const attestationSubjectType = z.enum(attestationSubjectTypes);

/** The fields an attestation can cover, per subject type (photos by their content hash). */
export const coverableFields = {
  dossier: [
    'names',
    'sex',
    'birthDate',
    'birthPlace',
    'displacement',
    'currentLocation',
    'biography',
    'languages',
    'services',
    'photos',
  ],
  case: ['dossierId', 'requestId', 'relationship', 'sought', 'handover'],
} as const satisfies Record<(typeof attestationSubjectTypes)[number], readonly string[]>;

export const attestationInput = z.object({
  subjectType: attestationSubjectType,
  subjectId: z.uuid(),
  claim: claimName,
  decision: z.enum(['verified', 'rejected', 'needs-info']).default('verified'),
  /** Fields to cover besides the claim's policy fields (which are always covered), e.g. ['photos']. */
  coveredFields: z.array(z.string().max(40)).max(20).optional(),
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
export const subjectQuery = z.object({ subjectType: attestationSubjectType, subjectId: z.uuid() });

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
      /** False when it covers fewer fields than the claim's current policy: it then counts for nothing. */
      coversPolicy: z.boolean(),
    }),
  ),
});
export const verificationStatus = z.object({
  subjectType: attestationSubjectType,
  subjectId: z.uuid(),
  verified: z.boolean(),
  claims: z.array(claimStatus),
});
export const queueQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });
export const verificationQueue = z.object({
  items: z.array(
    z.object({
      subjectType: attestationSubjectType,
      subjectId: z.uuid(),
      claim: z.string(),
      /** 'policy-changed': the party's attestation no longer covers every field the policy now names. */
      reason: z.enum(['not-attested', 'stale', 'policy-changed']),
      requirement: z.string(),
    }),
  ),
});

/** One slot of a claim's policy; each slot must be filled by a different party. */
export const policyRequirement = z
  .object({
    label: z.string().min(1).max(200),
    /** The attesting party must not be the one that supplied the subject. */
    notSupplier: z.boolean().optional(),
    /** The attesting party must be of one of these kinds. */
    kinds: z.array(z.enum(partyKinds)).min(1).optional(),
    /** The attesting party must not be of these kinds. */
    notKinds: z.array(z.enum(partyKinds)).min(1).optional(),
    /** Case claims only: the attesting party must be this side of the case. */
    side: z.enum(['holding', 'family']).optional(),
  })
  .strict();
export const verificationPolicyInput = z.object({
  subjectType: attestationSubjectType,
  coveredFields: z.array(z.string().max(40)).min(1).max(20),
  requirements: z.array(policyRequirement).min(1).max(10),
});
export type VerificationPolicyInput = z.infer<typeof verificationPolicyInput>;
/** A claim a party defines: 3 to 41 lowercase letters, digits or hyphens, starting with a letter. */
export const definedClaimName = /^[a-z][a-z0-9-]{2,40}$/;
// Checked by the service, so that a malformed name is a 400, not a missing route's 404.
export const policyClaimParams = z.object({ claim: z.string().max(100) });
export const verificationPolicy = verificationPolicyInput.extend({
  claim: z.string(),
  /** Bumped by each change; every change is entered in the transparency log. */
  version: z.number().int(),
  /** SHA-256 (hex) of the policy's canonical JSON ({claim, subjectType, coveredFields, requirements}), as logged. */
  sha256: hex64,
  /** The log entry of the latest change; null for a policy every installation starts with. */
  logIndex: z.number().int().nullable(),
  updatedAt: z.string(),
});
export const verificationPolicyList = z.object({ items: z.array(verificationPolicy) });

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
