import type { RequestDisclosure, TracingRequest } from '@homeward/contracts';
import type { TracingRequestRow } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { hasTier } from '../auth/permissions.ts';
import { identityFromRow } from '../names/identity-columns.ts';
import { coreDataPoint, withholdRecord } from '../sharing/sharing.engine.ts';
import { builtInView, type SharingView } from '../sharing/sharing.view.ts';

export type PresentedRequest = TracingRequest & { withheld: string[] };

/**
 * A family's request stays with the party that filed it: other parties learn of it only through
 * matching and cases. Within the party, the requester's identity and contact are restricted tier.
 */
export function canSeeRequest(actor: Actor, row: Pick<TracingRequestRow, 'party_id'>): boolean {
  return actor.kind === 'system' || actor.partyId === row.party_id;
}

const viewOf = (actor: Actor, sharing?: SharingView) => sharing ?? builtInView(actor.kind === 'system' ? null : actor.partyId);

/**
 * Whether a party other than the filing one may see the request at all: the sharing policy for
 * its party and the filing party's disclosure choice must both give it the sought child's names.
 */
export function isRequestShared(actor: Actor, row: Pick<TracingRequestRow, 'party_id'>, disclosure: RequestDisclosure | null, sharing?: SharingView): boolean {
  const fields = viewOf(actor, sharing).requestFields(row.party_id, disclosure);
  return fields === 'all' || fields.has(coreDataPoint.request);
}

/**
 * Shapes a request for one reader. Within the filing party, the requester's identity and contact
 * need the restricted tier, and the disclosure choice is shown. Another party gets only what the
 * sharing policy and the filing party's disclosure give it (`sharing`; built-in policy when not
 * given), named in `withheld` like everything left out.
 */
export function presentRequest(row: TracingRequestRow, actor: Actor, disclosure: RequestDisclosure | null = null, sharing?: SharingView): PresentedRequest {
  const withheld: string[] = [];
  const full = row.requester as TracingRequest['requester'];
  let requester: TracingRequest['requester'] = full;
  // The relationship is kept: it is needed to judge a match and identifies no one.
  if (!hasTier(actor.roles, 'restricted')) {
    requester = { relationship: full.relationship, contact: {} };
    withheld.push('requester.name', 'requester.contact');
  }
  const presented: PresentedRequest = {
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
  const fields = viewOf(actor, sharing).requestFields(row.party_id, disclosure);
  if (fields === 'all') return disclosure ? { ...presented, disclosure } : presented;
  const filtered = withholdRecord('request', presented, fields);
  return { ...filtered.record, withheld: [...new Set([...withheld, ...filtered.withheld])] };
}
