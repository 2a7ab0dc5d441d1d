import type { Actor } from '../auth/actor.ts';
import type { CaseRow } from './cases.tables.ts';

/** A case is seen by its two parties (holding and family) and by the system; others get 404. */
export function canSeeCase(actor: Actor, row: Pick<CaseRow, 'holding_party_id' | 'family_party_id'>): boolean {
  return actor.kind === 'system' || (!!actor.partyId && (actor.partyId === row.holding_party_id || actor.partyId === row.family_party_id));
}

/** Which side of the case the actor is on, or null. */
export function sideOf(actor: Actor, row: Pick<CaseRow, 'holding_party_id' | 'family_party_id'>): 'holding' | 'family' | null {
  if (actor.partyId === row.holding_party_id) return 'holding';
  if (actor.partyId === row.family_party_id) return 'family';
  return null;
}
