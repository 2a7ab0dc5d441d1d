import { fromStoredDate, toStoredDate, type PersonName } from '@homeward/contracts';
import { detectScript, namesSearchText } from './search-key.ts';

type Script = 'uk-Cyrl' | 'ru-Cyrl' | 'Latn';
export type StoredName = PersonName & { script: Script };

interface IdentityInput {
  names: PersonName[];
  sex: string;
  birthDate?: string | undefined;
  birthPlace?: string | undefined;
  displacement: { place?: string | undefined; date?: string | undefined; kind: string };
}

/** Fills in each name's script from its letters when the caller left it out. */
export function withScripts(names: readonly PersonName[]): StoredName[] {
  return names.map((n) => ({
    ...n,
    script: n.script ?? detectScript([n.givenName, n.familyName, n.patronymic].filter(Boolean).join(' ')),
  }));
}

/** The child-identity columns shared by dossiers and tracing requests. */
export function identityColumns(i: IdentityInput) {
  const names = withScripts(i.names);
  const birth = toStoredDate(i.birthDate);
  return {
    names: JSON.stringify(names),
    name_search: namesSearchText(names),
    sex: i.sex,
    birth_date: birth.date,
    birth_date_precision: birth.precision,
    birth_year: birth.date ? Number(birth.date.slice(0, 4)) : null,
    birth_place: i.birthPlace ?? null,
    displacement: JSON.stringify(i.displacement),
  };
}

interface IdentityRow {
  names: unknown;
  sex: string;
  birth_date: string | null;
  birth_date_precision: string;
  birth_place: string | null;
  displacement: unknown;
}

export function identityFromRow(row: IdentityRow) {
  return {
    names: row.names as StoredName[],
    sex: row.sex as 'female' | 'male' | 'unknown',
    birthDate: fromStoredDate(row.birth_date, row.birth_date_precision),
    birthPlace: row.birth_place,
    displacement: row.displacement as { place?: string; date?: string; kind: 'unknown' },
  };
}
