import type { DossierInput } from '@homeward/contracts';
import { identityColumns } from '../names/identity-columns.ts';

/** A validated dossier input as the columns it is stored in. */
export function dossierColumns(input: DossierInput) {
  return {
    ...identityColumns(input),
    current_region: input.currentLocation.region ?? null,
    current_placement: input.currentLocation.placement,
    current_address: input.currentLocation.address ?? null,
    biography: input.biography ?? null,
    languages: input.languages,
    services: JSON.stringify(input.services),
  };
}

/** Top-level fields a patch touches, for the audit trail (names of fields, never values). */
export function touchedFields(patch: object): string[] {
  return Object.keys(patch).filter((k) => k !== 'version');
}
