import { coverableFields } from '@homeward/contracts';
import type { DossierRow, TracingRequestRow } from '../../db/schema.ts';
import { systemActor } from '../auth/actor.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { presentDossier } from '../dossiers/dossiers.policy.ts';
import { presentRequest } from '../requests/requests.policy.ts';

/** Fields of a dossier an attestation can cover, in their API form (photos apart, by content hash). */
export const dossierFields = [
  'names',
  'sex',
  'birthDate',
  'birthPlace',
  'displacement',
  'currentLocation',
  'biography',
  'languages',
  'services',
] as const;

export type SubjectType = keyof typeof coverableFields;

export const isCoverable = (type: SubjectType, field: string) =>
  (coverableFields[type] as readonly string[]).includes(field);

/** A photo in covered content: the SHA-256 of its original file, never the image. */
export interface PhotoRef {
  sha256: string;
}

/**
 * Exactly the covered fields of a dossier, in the API's form, as the attestation commits to
 * them (RFC 8785 canonical JSON, salted). `photos` lists the content hash of each ready photo's
 * original, sorted, so that rearranging photos changes nothing and replacing one makes the
 * attestation stale.
 */
export function coveredContent(
  row: DossierRow,
  fields: readonly string[],
  photos: readonly PhotoRef[] = [],
): Record<string, unknown> {
  const full = presentDossier(row, [], systemActor()) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f === 'photos') {
      out.photos = [...photos].map((p) => ({ sha256: p.sha256 })).sort((a, b) => a.sha256.localeCompare(b.sha256));
      continue;
    }
    if (!(dossierFields as readonly string[]).includes(f)) throw new Error(`field ${f} cannot be attested`);
    out[f] = full[f] ?? null;
  }
  return out;
}

/** One side's record of a handover, as a `handover-completed` attestation covers it. */
export interface HandoverFacts {
  planId: string;
  side: 'holding' | 'family';
  /** ISO 8601 UTC. */
  handedOverAt: string;
  /** The salted hash of the plan's content both sides approved. */
  planContentHash: string;
  /** The salted hash of the whole record (with its notes), as kept with the record. */
  recordSha256: string;
  confirmedAt: Date;
}

export interface CaseFacts {
  row: CaseRow;
  request: TracingRequestRow | undefined;
  handovers: readonly HandoverFacts[];
}

/** The case side a party is on, or null. */
export function sideOfParty(c: Pick<CaseRow, 'holding_party_id' | 'family_party_id'>, partyId: string) {
  if (partyId === c.holding_party_id) return 'holding' as const;
  if (partyId === c.family_party_id) return 'family' as const;
  return null;
}

/** The attesting party's side's latest handover record on any of the case's plans, or null. */
export function handoverOf(c: CaseFacts, partyId: string) {
  const side = sideOfParty(c.row, partyId);
  const mine = c.handovers
    .filter((h) => h.side === side)
    .sort((a, b) => a.confirmedAt.getTime() - b.confirmedAt.getTime());
  const h = mine.at(-1);
  return h
    ? { planId: h.planId, side: h.side, handedOverAt: h.handedOverAt, planContentHash: h.planContentHash, recordSha256: h.recordSha256 }
    : null;
}

/**
 * Exactly the covered fields of a case, as `partyId` attests them. The family link is the case's
 * two ids, the relationship the requester claims and the child the request seeks (the request's
 * fields that are not restricted: never the requester's name or contact); `handover` is the
 * attesting party's own side's record. All of it stays in the salted commitment, never in the log.
 */
export function caseCoveredContent(c: CaseFacts, fields: readonly string[], partyId: string): Record<string, unknown> {
  const request = c.request ? presentRequest(c.request, systemActor()) : undefined;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f === 'dossierId') out.dossierId = c.row.dossier_id;
    else if (f === 'requestId') out.requestId = c.row.request_id;
    else if (f === 'relationship') out.relationship = request?.requester.relationship ?? null;
    else if (f === 'sought') out.sought = request?.sought ?? null;
    else if (f === 'handover') out.handover = handoverOf(c, partyId);
    else throw new Error(`field ${f} cannot be attested`);
  }
  return out;
}

export const subjectRefOf = (subjectType: string, id: string, version: number) =>
  `homeward:${subjectType}/${id}@v${version}`;
