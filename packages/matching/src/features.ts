/**
 * Per-record features computed once when a record enters the index, so that comparing two
 * records is mostly set intersections on short strings.
 */
import { InternTable, newInternedId } from './interned.ts';
import type { Interned } from './interned.ts';
import { givenNameGroups, patronymicRoots, placeIds, placeOblast } from './names.ts';
import { cleanName } from './normalize.ts';
import { plainForm, wordSkeletons } from './skeleton.ts';
import type { MatchRecord } from './types.ts';

/** A name as compared; one shared object per distinct cleaned text (see interned.ts). */
export interface NameFeature extends Interned {
  text: string;
  skels: string[];
  plain: string;
  groups: number[];
}

export interface DateFeature {
  y: number;
  m: number | null;
  d: number | null;
}

export interface PatronymicFeature extends Interned {
  text: string;
  /** Skeletons of the father's name inside the patronymic. */
  roots: string[];
  groups: number[];
}

export interface PlaceFeature extends Interned {
  text: string;
  skels: string[];
  ids: number[];
  oblasts: string[];
}

export interface RecordFeatures {
  id: string;
  given: NameFeature | null;
  family: NameFeature | null;
  others: NameFeature[];
  patronymic: PatronymicFeature | null;
  sex: 'M' | 'F' | null;
  dob: DateFeature | null;
  birthPlace: PlaceFeature | null;
  lastPlace: PlaceFeature | null;
  /** Current region or placement settlement (dossiers; requests rarely know it). */
  region: PlaceFeature | null;
  institution: PlaceFeature | null;
  displacedOn: DateFeature | null;
}

function skeletonsOf(clean: string): string[] {
  const words = clean.split(/[\s-]+/).filter(Boolean);
  const all = wordSkeletons(clean);
  if (words.length > 1)
    for (const w of words) for (const s of wordSkeletons(w)) if (!all.includes(s)) all.push(s);
  return all.filter((s) => s.length > 0);
}

const NAMES = new InternTable<NameFeature>();
const PATRONYMICS = new InternTable<PatronymicFeature>();
const PLACES = new InternTable<PlaceFeature>();

export function nameFeature(raw: string | null | undefined, withGroups: boolean): NameFeature | null {
  const text = cleanName(raw);
  if (!text) return null;
  return NAMES.get((withGroups ? 'g' : 'n') + text, () => {
    const skels = skeletonsOf(text);
    if (skels.length === 0) return null;
    const groups = withGroups ? givenNameGroups(skels) : [];
    return { id: newInternedId(), relations: new Map(), text, skels, plain: plainForm(text), groups };
  });
}

function patronymicFeature(raw: string | null | undefined): PatronymicFeature | null {
  const name = nameFeature(raw, false);
  if (!name) return null;
  return PATRONYMICS.get(name.text, () => {
    const roots = patronymicRoots(name.skels);
    return {
      id: newInternedId(),
      relations: new Map(),
      text: name.text,
      roots,
      groups: givenNameGroups(roots),
    };
  });
}

function placeFeature(raw: string | null | undefined): PlaceFeature | null {
  const text = cleanName(raw?.replace(/(^|\s)(м|г|с|смт|пгт|город|місто|село)\.?\s/giu, ' '));
  if (!text) return null;
  return PLACES.get(text, () => {
    const skels = wordSkeletons(text);
    const ids = placeIds(skels);
    const oblasts = [...new Set(ids.map((id) => placeOblast(id)).filter((o): o is string => !!o))];
    return { id: newInternedId(), relations: new Map(), text, skels, ids, oblasts };
  });
}

// Words that only say what kind of region it is ("Ростовская обл.", "Krasnodar krai").
const REGION_WORDS =
  /(^|\s)(обл|область|облать|край|республика|республіка|респ|автономна|автономная|ао|oblast|obl|krai|kray|region|respublika|republic)\.?(?=\s|$)/giu;

function regionFeature(raw: string | null | undefined): PlaceFeature | null {
  return placeFeature(raw?.replace(/[.,]/g, ' ').replace(REGION_WORDS, ' '));
}

/**
 * Parses 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (also with / or . separators); anything else is
 * treated as missing.
 *
 * @example parseBirthDate('2012-03') // { y: 2012, m: 3, d: null }
 */
export function parseBirthDate(raw: string | null | undefined): DateFeature | null {
  const m = /^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$/.exec(raw ?? '');
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : null;
  const d = m[3] ? Number(m[3]) : null;
  if (y < 1900 || y > 2100) return null;
  if (mo !== null && (mo < 1 || mo > 12)) return { y, m: null, d: null };
  if (d !== null && (d < 1 || d > 31)) return { y, m: mo, d: null };
  return { y, m: mo, d };
}

function parseSex(raw: string | null | undefined): 'M' | 'F' | null {
  const s = (raw ?? '').trim().toLowerCase();
  if (['m', 'male', 'ч', 'м', 'чол', 'муж'].includes(s)) return 'M';
  if (['f', 'female', 'ж', 'жін', 'жен'].includes(s)) return 'F';
  return null;
}

/** Computes the comparison features of one record. */
export function extractFeatures(r: MatchRecord): RecordFeatures {
  const others = Array.isArray(r.other_names)
    ? r.other_names
    : r.other_names
      ? r.other_names.split(/[;,]/)
      : [];
  return {
    id: r.id,
    given: nameFeature(r.given_name, true),
    family: nameFeature(r.family_name, false),
    others: others.map((o) => nameFeature(o, false)).filter((o): o is NameFeature => o !== null),
    patronymic: patronymicFeature(r.patronymic),
    sex: parseSex(r.sex),
    dob: parseBirthDate(r.birth_date),
    birthPlace: placeFeature(r.birth_place),
    lastPlace: placeFeature(r.last_known_place),
    region: regionFeature(r.current_location),
    institution: placeFeature(r.institution),
    displacedOn: parseBirthDate(r.displacement_date),
  };
}
