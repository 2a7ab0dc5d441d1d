import { sharingPolicyDocument, type RequestDisclosure, type SharingDataPoint, type SharingPolicyDocument, type SharingPurpose } from '@homeward/contracts';
import type { Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { defaultSharingPolicy } from './default-policy.ts';
import { allowedFields, disclosedFields, policyFor, type PartyRef } from './sharing.engine.ts';
import { findActivePolicy, findParties } from './sharing.repository.ts';

/**
 * What one reader party may receive of other parties' records, for one purpose: the policy in
 * force and the parties, loaded once per read so that presenting stays synchronous.
 * `'all'` means no policy filter: the reader's own party, or the system itself.
 */
export interface SharingView {
  reader: PartyRef | null;
  purpose: SharingPurpose;
  party(id: string): PartyRef;
  policyOf(ownerPartyId: string): SharingPolicyDocument;
  dossierFields(ownerPartyId: string): ReadonlySet<SharingDataPoint> | 'all';
  requestFields(ownerPartyId: string, disclosure: RequestDisclosure | null): ReadonlySet<SharingDataPoint> | 'all';
}

// A party this instance does not know matches only "*" rules.
const unknownParty = (id: string): PartyRef => ({ code: `?${id}`, kind: '?' });

export function makeSharingView(
  readerPartyId: string | null,
  purpose: SharingPurpose,
  parties: ReadonlyArray<{ id: string; code: string; kind: string }>,
  active: SharingPolicyDocument | null,
): SharingView {
  const byId = new Map(parties.map((p) => [p.id, { code: p.code, kind: p.kind }]));
  const party = (id: string) => byId.get(id) ?? unknownParty(id);
  const reader = readerPartyId ? party(readerPartyId) : null;
  const policyOf = (owner: string) => policyFor(party(owner), active, defaultSharingPolicy);
  const own = (owner: string) => !reader || owner === readerPartyId;
  return {
    reader,
    purpose,
    party,
    policyOf,
    dossierFields: (owner) => (own(owner) ? 'all' : allowedFields(policyOf(owner), { ownerParty: party(owner), recipientParty: reader!, purpose, subject: 'dossier' })),
    requestFields: (owner, disclosure) => (own(owner) ? 'all' : disclosedFields(policyOf(owner), disclosure, { ownerParty: party(owner), recipientParty: reader!, purpose })),
  };
}

/** The built-in policy with no party known: what presenters use when a caller loaded no view. */
export const builtInView = (readerPartyId: string | null, purpose: SharingPurpose = 'case-work'): SharingView => makeSharingView(readerPartyId, purpose, [], null);

export async function findActivePolicyDocument(db: Executor): Promise<SharingPolicyDocument | null> {
  const row = await findActivePolicy(db);
  return row ? sharingPolicyDocument.parse(row.document) : null;
}

/** Loads the view for a party reading (or receiving) records for a purpose. A system actor without a party sees everything. */
export async function loadSharingView(db: Executor, readerPartyId: string | null, purpose: SharingPurpose): Promise<SharingView> {
  return makeSharingView(readerPartyId, purpose, await findParties(db), await findActivePolicyDocument(db));
}

/** The view for an actor's API reads (purpose case-work). */
export const loadReaderView = (db: Executor, actor: Actor) => loadSharingView(db, actor.kind === 'system' ? null : actor.partyId, 'case-work');
