import type { MatchRecord } from '@homeward/matching';
import { createHash } from 'node:crypto';
import type { DossierRow, TracingRequestRow } from '../../db/schema.ts';
import { identityFromRow } from '../names/identity-columns.ts';

type IdentityRow = Pick<DossierRow, 'id' | 'names' | 'sex' | 'birth_date' | 'birth_date_precision' | 'birth_place' | 'displacement'>;

const SEX: Record<string, string> = { female: 'F', male: 'M' };

function identityRecord(row: IdentityRow): MatchRecord {
  const identity = identityFromRow(row);
  const primary = identity.names.find((n) => n.kind === 'primary') ?? identity.names[0];
  const others = new Set<string>();
  for (const n of identity.names) {
    if (n === primary) continue;
    for (const part of [n.familyName, n.givenName]) if (part && part !== primary?.familyName && part !== primary?.givenName) others.add(part);
  }
  return {
    id: row.id,
    given_name: primary?.givenName ?? null,
    family_name: primary?.familyName ?? null,
    patronymic: primary?.patronymic ?? null,
    other_names: [...others],
    sex: SEX[row.sex] ?? null,
    birth_date: identity.birthDate ?? null,
    birth_place: row.birth_place,
    last_known_place: identity.displacement?.place ?? null,
    // Only when known, so that the pair hash of records without one is unchanged.
    ...(identity.displacement?.date ? { displacement_date: identity.displacement.date } : {}),
  };
}

/** A dossier as the engine sees it: names, sex, birth, displacement place, current region. */
export function dossierRecord(row: IdentityRow & Pick<DossierRow, 'current_region'>): MatchRecord {
  return { ...identityRecord(row), current_location: row.current_region };
}

/** The child a request seeks, as the engine sees it. */
export function requestRecord(row: IdentityRow & Pick<TracingRequestRow, 'last_known_place'>): MatchRecord {
  const r = identityRecord(row);
  return { ...r, last_known_place: row.last_known_place ?? r.last_known_place ?? null };
}

/** A stable hash of the matching fields of both sides (ids excluded). */
export function pairHash(left: MatchRecord, right: MatchRecord): string {
  const canon = (r: MatchRecord) => {
    const { id: _id, ...fields } = r;
    return Object.keys(fields)
      .sort()
      .map((k) => [k, fields[k as keyof typeof fields] ?? null]);
  };
  return createHash('sha256').update(JSON.stringify([canon(left), canon(right)])).digest('hex');
}
