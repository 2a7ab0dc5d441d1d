import { z } from 'zod';
import { partyKinds } from './auth.ts';

// Exchange bundles between parties and the party cards that introduce them (issue 9, docs/EXCHANGE.md).

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const partyCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'must be a party code');
const rawKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 32-byte key');

/** A party's public keys, signed by the party itself: what another instance imports to exchange with it. */
export const partyCard = z.object({
  format: z.literal('homeward-party-card'),
  version: z.literal(1),
  party: z.object({ code: partyCode, name: z.string().min(1).max(200), kind: z.enum(partyKinds) }),
  signingKeys: z
    .array(
      z.object({
        keyId: hex64,
        publicKey: rawKey,
        validFrom: z.string(),
        revokedAt: z.string().nullable(),
        revocationReason: z.enum(['compromised', 'superseded', 'retired']).nullable(),
      }),
    )
    .min(1)
    .max(50),
  encryptionKey: z.object({ keyId: hex64, publicKey: rawKey, createdAt: z.string() }),
  issuedAt: z.string(),
  signatures: z.array(z.object({ keyId: hex64, sig: z.string().max(200) })).min(1).max(50),
});
export type PartyCard = z.infer<typeof partyCard>;

export const partyCardImport = z.object({
  party: z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.string() }),
  created: z.boolean().describe('True when the party was unknown here: check the fingerprint with the party by another channel'),
  fingerprint: hex64.describe("The key id of the party's current signing key"),
  keysAdded: z.number().int(),
  keysRevoked: z.number().int(),
  encryptionKeyChanged: z.boolean(),
});

export const bundleExportInput = z.object({
  to: partyCode.describe('The code of the receiving party (a registered partner)'),
  since: z.iso.datetime({ offset: true }).optional().describe('Records changed at or after this time; default: since the last bundle to this party'),
});

export const bundleCounts = z.object({
  dossiers: z.number().int(),
  requests: z.number().int(),
  attestations: z.number().int(),
  caseEvents: z.number().int(),
  files: z.number().int(),
});

export const bundleImportReport = z.object({
  status: z.enum(['imported', 'already-imported']),
  bundleId: z.uuid(),
  from: z.string(),
  to: z.string(),
  sequence: z.number().int(),
  sha256: hex64,
  counts: bundleCounts,
  dossiers: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int() }),
  requests: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int() }),
  attestations: z.object({ received: z.number().int(), invalid: z.number().int() }),
  caseEvents: z.number().int(),
  files: z.object({ attached: z.number().int(), rejected: z.number().int() }),
  matching: z.object({ proposals: z.number().int() }),
  missedSequences: z.array(z.number().int()).describe('Earlier bundles from this sender that never arrived'),
  logIndex: z.number().int(),
});
export type BundleImportReport = z.infer<typeof bundleImportReport>;

export const exchangeBundle = z.object({
  id: z.uuid(),
  direction: z.enum(['sent', 'received']),
  from: z.string(),
  to: z.string(),
  sequence: z.number().int(),
  since: z.string().nullable(),
  createdAt: z.string(),
  processedAt: z.string(),
  sha256: hex64,
  size: z.number().int(),
  counts: bundleCounts,
  logIndex: z.number().int(),
});
export const exchangeBundleList = z.object({ items: z.array(exchangeBundle) });

export const exchangeConflict = z.object({
  id: z.uuid(),
  bundleId: z.uuid(),
  from: z.string(),
  subjectType: z.enum(['dossier', 'tracing_request']),
  subjectId: z.uuid(),
  sourceId: z.string(),
  localVersion: z.number().int(),
  incoming: z.record(z.string(), z.unknown()).describe('The record as the sender sent it'),
  status: z.enum(['open', 'resolved']),
  resolution: z.enum(['kept-local', 'took-incoming']).nullable(),
  createdAt: z.string(),
});
export const exchangeConflictList = z.object({ items: z.array(exchangeConflict) });
export const conflictResolution = z.object({
  keep: z.enum(['local', 'incoming']).describe("'local' keeps this instance's copy; 'incoming' applies the sender's version"),
});
