/**
 * Names-free candidate generation, for children whose every name was replaced (adoption
 * under a new identity: Prokopenko → Mironova, matching-anchors.md §3). What is left to
 * block on is the birth date within a window, the sex, and where the child is from or is:
 *
 * - D (shared with the main rules): the exact date + sex, looked up here for ±1–3 days,
 *   the same day and month one or two years off, and day↔month swaps;
 * - A: a place (birth or displacement settlement, current region) + sex + birth year and
 *   month, looked up for the same month ±1 year (a falsified day, a shifted year);
 * - I: an institution + sex + birth year ±2 (an institution holds few children per year);
 * - Y: a partial date (year-month or year only) + sex, for records that lost the day;
 * - A and I with an unknown year, for records without a date.
 *
 * These keys are only selective enough to use as a fallback: the index looks them up when
 * the main rules found no confident candidate, skips blocks above a size cap (a whole
 * region at one birth year is hundreds of children at scale) and stops after a fixed number
 * of candidates, nearest keys first.
 */
import { placeKeys } from './blocking.ts';
import type { DateFeature, RecordFeatures } from './features.ts';

/**
 * Normalised areas of a record: gazetteer ids or skeletons of its birth and displacement
 * places, the current region, and the institution. Requests mostly carry the last known
 * place, which meets a record's birthplace or displacement place here; a Russian current
 * region only meets another dossier's (duplicates across sources).
 */
export function areaKeys(f: RecordFeatures): string[] {
  const out = new Set<string>();
  for (const p of [f.birthPlace, f.lastPlace]) for (const k of placeKeys(p)) out.add(`A${k}`);
  for (const k of placeKeys(f.region)) out.add(`Ar${k}`);
  // An institution's name has one long skeleton; the whole of it is the key.
  if (f.institution?.skels[0]) out.add(`I${f.institution.skels.join(' ')}`);
  return [...out];
}

/** The names-free keys a record is filed under (in addition to the main rules' D key). */
export function fallbackIndexKeys(f: RecordFeatures): string[] {
  const keys: string[] = [];
  const sex = f.sex ?? '?';
  const dob = f.dob;
  for (const a of areaKeys(f)) {
    if (!dob) keys.push(`${a}|${sex}|?`);
    else if (a.startsWith('I')) keys.push(`${a}|${sex}|${dob.y}`);
    else if (dob.m) keys.push(`${a}|${sex}|${dob.y}-${dob.m}`);
  }
  if (dob && !dob.d) keys.push(dob.m ? `Y${dob.y}-${dob.m}|${sex}` : `Y${dob.y}|${sex}`);
  return keys;
}

function isoDay(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}`;
}

/** Full dates near `dob`, nearest first: ±1–3 days, the same day ±1–2 years, swaps. */
function nearDates(dob: DateFeature): string[] {
  if (!dob.m || !dob.d) return [];
  const { y, m, d } = dob;
  const t = Date.UTC(y, m - 1, d);
  const day = 86_400_000;
  const out = [1, -1, 2, -2, 3, -3].map((k) => isoDay(t + k * day));
  const mds: [number, number][] = [[m, d]];
  if (d <= 12 && d !== m) mds.push([d, m]);
  for (const dy of [1, -1, 2, -2]) for (const [mm, dd] of mds) out.push(`${y + dy}-${mm}-${dd}`);
  return out;
}

/**
 * The names-free keys a query looks up, most specific first (the index stops at a cap).
 * A query without a birth date has nothing names-free to go on and gets no keys.
 */
export function fallbackQueryKeys(f: RecordFeatures): string[] {
  const dob = f.dob;
  if (!dob) return [];
  const sexes = f.sex ? [f.sex, '?'] : ['M', 'F', '?'];
  const years = [dob.y, dob.y - 1, dob.y + 1, dob.y - 2, dob.y + 2];
  const keys: string[] = [];
  const areas = areaKeys(f);
  const institutions = areas.filter((a) => a.startsWith('I'));
  const places = areas.filter((a) => a.startsWith('A'));
  for (const date of nearDates(dob)) for (const s of sexes) keys.push(`D${date}|${s}`);
  for (const a of institutions) for (const s of sexes) for (const y of years) keys.push(`${a}|${s}|${y}`);
  if (dob.m)
    for (const a of places)
      for (const s of sexes) for (const y of years.slice(0, 3)) keys.push(`${a}|${s}|${y}-${dob.m}`);
  for (const s of sexes)
    for (const y of years.slice(0, 3)) {
      if (dob.m) keys.push(`Y${y}-${dob.m}|${s}`);
      keys.push(`Y${y}|${s}`);
    }
  for (const a of areas) for (const s of sexes) keys.push(`${a}|${s}|?`);
  return [...new Set(keys)];
}
