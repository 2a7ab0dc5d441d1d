import type { DossierRow } from '../../db/schema.ts';
import { systemActor } from '../auth/actor.ts';
import { presentDossier } from '../dossiers/dossiers.policy.ts';

/** Fields of a dossier an attestation can cover, in their API form. */
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

/**
 * Exactly the covered fields of a dossier, in the API's form, as the attestation commits to
 * them (RFC 8785 canonical JSON, salted). Photos will be covered by their content hash.
 */
export function coveredContent(row: DossierRow, fields: readonly string[]): Record<string, unknown> {
  const full = presentDossier(row, [], systemActor()) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(dossierFields as readonly string[]).includes(f)) throw new Error(`field ${f} cannot be attested`);
    out[f] = full[f] ?? null;
  }
  return out;
}

export const subjectRefOf = (subjectType: string, id: string, version: number) =>
  `homeward:${subjectType}/${id}@v${version}`;
