import type { TracingRequest } from '@homeward/contracts';
import type { TracingRequestRow } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { hasTier } from '../auth/permissions.ts';
import { identityFromRow } from '../names/identity-columns.ts';

export type PresentedRequest = TracingRequest & { withheld: string[] };

/**
 * A family's request stays with the party that filed it: other parties learn of it only through
 * matching and cases. Within the party, the requester's identity and contact are restricted tier.
 */
export function canSeeRequest(actor: Actor, row: Pick<TracingRequestRow, 'party_id'>): boolean {
  return actor.kind === 'system' || actor.partyId === row.party_id;
}

export function presentRequest(row: TracingRequestRow, actor: Actor): PresentedRequest {
  const withheld: string[] = [];
  const full = row.requester as TracingRequest['requester'];
  let requester: TracingRequest['requester'] = full;
  // The relationship is kept: it is needed to judge a match and identifies no one.
  if (!hasTier(actor.roles, 'restricted')) {
    requester = { relationship: full.relationship, contact: {} };
    withheld.push('requester.name', 'requester.contact');
  }
  return {
    id: row.id,
    partyId: row.party_id,
    status: row.status as TracingRequest['status'],
    sought: { ...identityFromRow(row), lastKnownPlace: row.last_known_place },
    requester,
    filedOn: row.filed_on,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    withheld,
  };
}
