/**
 * Pure helpers of the verification pages: the state of a claim in words, the queue grouped by
 * record, the fields an attestation will cover and their values as the signer reads them.
 */
import { coverableFields } from '@homeward/contracts';
import type { AttestationSubjectType, VerificationQueue, VerificationStatus } from '../../api/client.ts';
import { isWithheld } from '../../components/withheld-path.ts';
import { fullName } from '../../i18n/format.ts';

type ClaimStatus = VerificationStatus['claims'][number];

/** What the page says about one claim. */
export const claimStates = ['verified', 'stale', 'awaiting'] as const;
export type ClaimState = (typeof claimStates)[number];

/**
 * Verified when the policy is met; stale when an attestation exists but no longer counts (the
 * record changed after it was signed, or the policy now covers more than it did); else awaiting.
 */
export function claimState(c: Pick<ClaimStatus, 'status' | 'attestations'>): ClaimState {
  if (c.status === 'verified') return 'verified';
  if (c.attestations.some((a) => a.status === 'stale' || !a.coversPolicy)) return 'stale';
  return 'awaiting';
}

/** Why a claim waits for the reader's party, as the queue reports it. */
export const queueReasons = ['not-attested', 'stale', 'policy-changed'] as const;

export type QueueGroup = {
  subjectType: AttestationSubjectType;
  subjectId: string;
  claims: Array<{ claim: string; reason: string; requirement: string }>;
};

/** The queue, one entry per record (in the order the server sent them), its claims beneath. */
export function groupQueue(items: VerificationQueue['items']): QueueGroup[] {
  const out = new Map<string, QueueGroup>();
  for (const i of items) {
    const key = `${i.subjectType}:${i.subjectId}`;
    let g = out.get(key);
    if (!g) {
      g = { subjectType: i.subjectType, subjectId: i.subjectId, claims: [] };
      out.set(key, g);
    }
    if (!g.claims.some((c) => c.claim === i.claim))
      g.claims.push({ claim: i.claim, reason: i.reason, requirement: i.requirement });
  }
  return [...out.values()];
}

/**
 * The fields an attestation covers: the claim's policy fields (always) plus those the signer adds,
 * in the order the API lists coverable fields; unknown extras are dropped.
 */
export function coveredFields(
  subjectType: AttestationSubjectType,
  policyFields: readonly string[],
  extra: readonly string[],
): string[] {
  const wanted = new Set([...policyFields, ...extra]);
  const known: readonly string[] = coverableFields[subjectType];
  return [...known.filter((f) => wanted.has(f)), ...policyFields.filter((f) => !known.includes(f))];
}

/** Fields the signer may add to what the policy covers. */
export function optionalFields(
  subjectType: AttestationSubjectType,
  policyFields: readonly string[],
): string[] {
  return coverableFields[subjectType].filter((f) => !policyFields.includes(f));
}

type NameLike = { givenName: string; familyName?: string | undefined; patronymic?: string | undefined };

function isName(v: unknown): v is NameLike {
  return typeof v === 'object' && v !== null && 'givenName' in v;
}

/**
 * A value in plain text, as the signer is shown it: names as written, objects as `key: value`
 * pairs (nested keys joined with dots), empty values left out. `null` when nothing is recorded.
 */
export function describeValue(value: unknown): string | null {
  const parts: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (v === null || v === undefined || v === '') return;
    if (Array.isArray(v)) {
      if (v.length === 0) return;
      if (v.every(isName)) {
        parts.push(`${prefix ? `${prefix}: ` : ''}${v.map((n) => fullName(n)).join('; ')}`);
        return;
      }
      if (v.every((x) => typeof x !== 'object' || x === null)) {
        parts.push(`${prefix ? `${prefix}: ` : ''}${v.map(String).join(', ')}`);
        return;
      }
      v.forEach((x, i) => walk(x, prefix ? `${prefix}.${i + 1}` : String(i + 1)));
      return;
    }
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        walk(x, prefix ? `${prefix}.${k}` : k);
      return;
    }
    parts.push(prefix ? `${prefix}: ${String(v)}` : String(v));
  };
  walk(value, '');
  return parts.length ? parts.join(' · ') : null;
}

/** What the signer is shown for each covered field. */
export type StatementValues = Record<string, { value: string | null; withheld?: boolean }>;

/**
 * A dossier's coverable fields as the reader has them: each as text, or withheld. Photos are
 * covered by their fingerprints (SHA-256 of the original), so that is what is shown.
 */
export function dossierStatement(
  d: Record<string, unknown> & { withheld?: string[] | undefined },
  photoHashes: readonly string[] | undefined,
): StatementValues {
  const out: StatementValues = {};
  for (const f of coverableFields.dossier) {
    if (f === 'photos') {
      out[f] = isWithheld(d.withheld, f)
        ? { value: null, withheld: true }
        : { value: photoHashes?.length ? photoHashes.map((h) => h.slice(0, 16) + '…').join('\n') : null };
      continue;
    }
    out[f] = isWithheld(d.withheld, f) ? { value: null, withheld: true } : { value: describeValue(d[f]) };
  }
  return out;
}

/** A case's coverable fields: the two ids, the relationship and the sought child from the request. */
export function caseStatement(
  c: { dossierId: string; requestId: string },
  request:
    | {
        sought: unknown;
        requester?: { relationship?: string | undefined } | undefined;
        withheld?: string[] | undefined;
      }
    | undefined,
  relationshipLabel: (r: string) => string,
  handover: string | null,
): StatementValues {
  const relationship = request?.requester?.relationship;
  return {
    dossierId: { value: c.dossierId },
    requestId: { value: c.requestId },
    relationship:
      !request || isWithheld(request.withheld, 'requester.relationship')
        ? { value: null, withheld: !request ? false : true }
        : { value: relationship ? relationshipLabel(relationship) : null },
    sought:
      request && !isWithheld(request.withheld, 'sought')
        ? { value: describeValue(request.sought) }
        : { value: null, withheld: Boolean(request) },
    handover: { value: handover },
  };
}
