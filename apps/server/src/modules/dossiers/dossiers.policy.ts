import type { Dossier } from '@homeward/contracts';
import type { DossierRow } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { hasTier } from '../auth/permissions.ts';
import { identityFromRow } from '../names/identity-columns.ts';
import { coreDataPoint, withholdRecord } from '../sharing/sharing.engine.ts';
import { builtInView, type SharingView } from '../sharing/sharing.view.ts';

export type PresentedDossier = Dossier & { withheld: string[] };

/** Where a dossier went and which other parties' dossiers are about the same child (ids only). */
export interface DossierLinks {
  mergedInto: string | null;
  sameChildAs: string[];
}

/** Only the supplying party changes its dossier. */
export function canWriteDossier(actor: Actor, row: Pick<DossierRow, 'party_id'>): boolean {
  return actor.kind === 'system' || actor.partyId === row.party_id;
}

const viewOf = (actor: Actor, sharing?: SharingView) => sharing ?? builtInView(actor.kind === 'system' ? null : actor.partyId);

/**
 * Whether the sharing policy lets the reader's party see this dossier at all (its names). One it
 * may not see answers 404, like a missing one. `sharing` defaults to the built-in policy.
 */
export function isDossierShared(actor: Actor, row: Pick<DossierRow, 'party_id'>, sharing?: SharingView): boolean {
  const fields = viewOf(actor, sharing).dossierFields(row.party_id);
  return fields === 'all' || fields.has(coreDataPoint.dossier);
}

/**
 * Shapes a dossier for one reader: sensitive fields (services) need the sensitive tier;
 * restricted ones (exact address) need the restricted tier AND the supplying party. A reader of
 * another party then gets only what the sharing policy gives its party (`sharing`, loaded for
 * the read; the built-in policy when not given): the stricter of the two wins. What is left out
 * is named in `withheld`, so a reader knows something exists. `links` (merge and same-child ids)
 * is given by dossier reads; other presenters leave the two fields out.
 */
export function presentDossier(
  row: DossierRow,
  sources: Array<{ party_id: string; source_id: string; received_at: Date }>,
  actor: Actor,
  links?: DossierLinks,
  sharing?: SharingView,
): PresentedDossier {
  const withheld: string[] = [];
  const services = row.services as Dossier['services'];
  const own = actor.partyId === row.party_id || actor.kind === 'system';
  let shownServices: Dossier['services'] = services;
  if (!hasTier(actor.roles, 'sensitive')) {
    shownServices = {};
    for (const k of ['social', 'medical', 'psychological', 'notes'] as const) if (services[k] !== undefined) withheld.push(`services.${k}`);
  }
  const location: Dossier['currentLocation'] = { placement: row.current_placement as Dossier['currentLocation']['placement'] };
  if (row.current_region) location.region = row.current_region;
  if (row.current_address) {
    if (own && hasTier(actor.roles, 'restricted')) location.address = row.current_address;
    else withheld.push('currentLocation.address');
  }
  const presented: PresentedDossier = {
    id: row.id,
    partyId: row.party_id,
    status: row.status as Dossier['status'],
    ...identityFromRow(row),
    currentLocation: location,
    biography: row.biography,
    languages: row.languages,
    services: shownServices,
    sources: sources.map((s) => ({ partyId: s.party_id, sourceId: s.source_id, receivedAt: s.received_at.toISOString() })),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...links,
    withheld,
  };
  const fields = viewOf(actor, sharing).dossierFields(row.party_id);
  if (fields === 'all') return presented;
  const filtered = withholdRecord('dossier', presented, fields);
  return { ...filtered.record, withheld: [...new Set([...withheld, ...filtered.withheld])] };
}

/** The dossier fields each tier covers, for audit of reads. */
export function tiersShown(p: PresentedDossier): string[] {
  const tiers = ['identity'];
  if (Object.keys(p.services).length > 0) tiers.push('sensitive');
  if (p.currentLocation.address) tiers.push('restricted');
  return tiers;
}
