/**
 * Field comparisons: each returns the index of a graded comparison level (0 = strongest
 * agreement, the last = disagreement) or -1 when a value is missing (neutral evidence).
 * The level labels in FIELDS are what reviewers read in the explanation.
 */
import type {
  DateFeature,
  NameFeature,
  PatronymicFeature,
  PlaceFeature,
  RecordFeatures,
} from './features.ts';
import { cachedRelation } from './interned.ts';
import { jaroWinkler, withinOneEdit } from './similarity.ts';

export interface FieldDef {
  name: string;
  levels: string[];
  /** Levels whose weight is adjusted by how common the agreeing value is. */
  tfLevels?: number[];
  /** Largest number of bits this field may count against a match (values altered in holding-country records). */
  maxAgainst?: number;
}

export const FIELDS: FieldDef[] = [
  {
    name: 'given_name',
    levels: [
      'same name',
      'Russian/Ukrainian form or diminutive of the same name',
      'similar spelling',
      'different name',
    ],
    tfLevels: [0, 1],
  },
  {
    name: 'family_name',
    levels: [
      'same surname',
      'similar spelling (typo)',
      'former surname listed among other names',
      'different surname',
    ],
    tfLevels: [0],
    maxAgainst: 3,
  },
  {
    name: 'patronymic',
    levels: ["same father's name", "similar father's name", "different father's name"],
    maxAgainst: 2,
  },
  {
    name: 'birth_date',
    levels: [
      'same date',
      'a few days apart',
      'day and month swapped',
      'same day and month, year off by one',
      'agrees at the precision given',
      'same year, other day or month',
      'within two years',
      'different date',
    ],
    maxAgainst: 5,
  },
  { name: 'sex', levels: ['same sex', 'different sex'] },
  {
    name: 'place',
    levels: ['same birthplace', 'birthplace is the last known place', 'same region', 'different place'],
    maxAgainst: 2,
  },
];

export const FIELD_INDEX = { given: 0, family: 1, patronymic: 2, dob: 3, sex: 4, place: 5 } as const;

function intersects<T>(a: T[], b: T[]): boolean {
  for (let i = 0; i < a.length; i++) if (b.includes(a[i] as T)) return true;
  return false;
}

// Similar spelling: one edit apart in the skeleton (a typo in a consonant), for skeletons long
// enough that one edit does not turn one common surname into another (Шевчук/Шевченко), or a
// high Jaro-Winkler similarity of the plain forms.
function similar(a: NameFeature, b: NameFeature): boolean {
  for (const x of a.skels)
    for (const y of b.skels) if (x.length >= 5 && y.length >= 5 && withinOneEdit(x, y)) return true;
  return jaroWinkler(a.plain, b.plain) >= 0.92;
}

const spelling = (a: NameFeature, b: NameFeature): number =>
  intersects(a.skels, b.skels) ? 0 : similar(a, b) ? 1 : 2;

/** 0: a shared skeleton, 1: similar spelling, 2: different (cached: names repeat across records). */
export function nameRelation(a: NameFeature, b: NameFeature): number {
  return a === b ? 0 : cachedRelation(a, b, spelling);
}

/** Given names: 0 same, 1 equivalent form, 2 similar spelling, 3 different. */
export function compareGiven(a: NameFeature | null, b: NameFeature | null): number {
  if (!a || !b) return -1;
  const groupsShared = intersects(a.groups, b.groups);
  const rel = nameRelation(a, b);
  if (rel === 0 && (groupsShared || !a.groups.length || !b.groups.length)) return 0;
  if (groupsShared) return 1;
  return rel < 2 ? 2 : 3;
}

/** Family names: 0 same, 1 typo, 2 matches a former surname, 3 different. */
export function compareFamily(a: RecordFeatures, b: RecordFeatures): number {
  if (!a.family || !b.family) return -1;
  const rel = nameRelation(a.family, b.family);
  if (rel < 2) return rel;
  for (const o of b.others) if (nameRelation(a.family, o) < 2) return 2;
  for (const o of a.others) if (nameRelation(o, b.family) < 2) return 2;
  return 3;
}

/** Patronymics by the father's name inside them: 0 same, 1 similar, 2 different. */
export function comparePatronymic(a: PatronymicFeature | null, b: PatronymicFeature | null): number {
  if (!a || !b) return -1;
  return a === b ? 0 : cachedRelation(a, b, patronymicLevel);
}

function patronymicLevel(a: PatronymicFeature, b: PatronymicFeature): number {
  if (intersects(a.roots, b.roots) || intersects(a.groups, b.groups)) return 0;
  for (const x of a.roots)
    for (const y of b.roots) if (x.length >= 3 && y.length >= 3 && withinOneEdit(x, y)) return 1;
  return 2;
}

/** Birth dates at their stated precision; see FIELDS for the levels. */
export function compareDate(a: DateFeature | null, b: DateFeature | null): number {
  if (!a || !b) return -1;
  const dy = Math.abs(a.y - b.y);
  if (a.m !== null && b.m !== null && a.d !== null && b.d !== null) {
    if (dy === 0 && a.m === b.m && a.d === b.d) return 0;
    if (dy === 0 && a.m === b.m && Math.abs(a.d - b.d) <= 3) return 1;
    if (dy === 0 && a.m === b.d && a.d === b.m) return 2;
    if (dy === 1 && a.m === b.m && a.d === b.d) return 3;
    if (dy === 0) return 5;
    return dy <= 2 ? 6 : 7;
  }
  if (dy === 0 && (a.m === null || b.m === null || a.m === b.m)) return 4;
  if (dy === 0) return 5;
  return dy <= 2 ? 6 : 7;
}

export function compareSex(a: 'M' | 'F' | null, b: 'M' | 'F' | null): number {
  if (!a || !b) return -1;
  return a === b ? 0 : 1;
}

// 0 same place, 1 same oblast, 2 different.
const placeLevel = (a: PlaceFeature, b: PlaceFeature): number =>
  intersects(a.ids, b.ids) || intersects(a.skels, b.skels) ? 0 : intersects(a.oblasts, b.oblasts) ? 1 : 2;

const placeRelation = (a: PlaceFeature, b: PlaceFeature): number =>
  a === b ? 0 : cachedRelation(a, b, placeLevel);
const samePlace = (a: PlaceFeature, b: PlaceFeature): boolean => placeRelation(a, b) === 0;
const sameOblast = (a: PlaceFeature, b: PlaceFeature): boolean => placeRelation(a, b) <= 1;

/**
 * Places: either record's birthplace against the other's birthplace, then against the last
 * known place (where a family last saw the child), then the same oblast.
 */
export function comparePlace(a: RecordFeatures, b: RecordFeatures): number {
  const ab = a.birthPlace;
  const bb = b.birthPlace;
  if (!ab && !bb) return -1;
  const al = a.lastPlace;
  const bl = b.lastPlace;
  if ((!ab && !al) || (!bb && !bl)) return -1;
  if (ab && bb && samePlace(ab, bb)) return 0;
  if ((ab && bl && samePlace(ab, bl)) || (al && bb && samePlace(al, bb))) return 1;
  if (ab && bb && sameOblast(ab, bb)) return 2;
  if ((ab && bl && sameOblast(ab, bl)) || (al && bb && sameOblast(al, bb))) return 2;
  return 3;
}

/**
 * Compares two records field by field into `out` (one level index per FIELDS entry). Given
 * and family names are also tried crosswise, for records that swapped them; returns true
 * when the swapped reading was used.
 */
export function compareRecords(a: RecordFeatures, b: RecordFeatures, out: Int8Array): boolean {
  out[0] = compareGiven(a.given, b.given);
  out[1] = compareFamily(a, b);
  out[2] = comparePatronymic(a.patronymic, b.patronymic);
  out[3] = compareDate(a.dob, b.dob);
  out[4] = compareSex(a.sex, b.sex);
  out[5] = comparePlace(a, b);
  let swapped = false;
  if (out[0] === 3 && out[1] === 3 && a.given && a.family && b.given && b.family) {
    // Read crosswise when the given names then agree (the family name may still differ: adoption).
    const g = compareGiven(a.given, b.family);
    const rel = nameRelation(a.family, b.given);
    const f = rel === 2 ? 3 : rel;
    if (g < 2) {
      out[0] = g;
      out[1] = f;
      swapped = true;
    }
  }
  return swapped;
}
