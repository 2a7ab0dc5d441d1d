/**
 * Candidate generation (blocking): a record is filed under several keys and a query looks up
 * a window of keys, so that a true match is found as long as any one rule holds — even when
 * every name differs (the date-and-sex rule). Splink's advice: many strict rules rather than
 * a few loose ones.
 *
 * Rules (index key ↔ query window):
 * - F: a surname skeleton (family or former name) + birth year + initial of the given name;
 *   S: a surname against given names, for records that swapped given and family names
 * - G: a given-name group + birth year and month (or the swapped day as month)
 * - D: full birth date (or day↔month swapped) + sex
 * - N: surname skeleton + given-name group + birth year ±2 (for shifted or falsified dates)
 * - P: father's name in the patronymic + given-name group + birth year ±2 (for new surnames)
 * - B, K: given-name group or surname + day and month (the year was shifted)
 * - L: given-name group + birthplace (+ year), for records or requests without a date
 *
 * When every name differs, blocking-fallback.ts adds names-free keys (date window + sex +
 * area), looked up only when these rules find no confident candidate.
 */
import type { RecordFeatures } from './features.ts';

function givenKeys(f: RecordFeatures): string[] {
  if (!f.given) return [];
  return f.given.groups.length
    ? f.given.groups.map((g) => `#${g}`)
    : f.given.skels.filter((s) => s.length >= 2);
}

function givenSkeletons(f: RecordFeatures): string[] {
  return f.given ? f.given.skels.filter((s) => s.length >= 2) : [];
}

/** First skeleton letters of a name (e.g. 'A' for Олександр/Aleksandr), '?' when missing. */
function initials(n: RecordFeatures['given']): string[] {
  if (!n) return ['?'];
  return [...new Set(n.skels.map((s) => s[0] ?? '?'))];
}

function familyOnly(f: RecordFeatures): string[] {
  const out = new Set<string>();
  for (const n of [f.family, ...f.others]) if (n) for (const s of n.skels) if (s.length >= 2) out.add(s);
  return [...out];
}

/** The keys a record is filed under. */
export function indexKeys(f: RecordFeatures): string[] {
  const keys: string[] = [];
  const y = f.dob?.y ?? '?';
  for (const s of familyOnly(f)) for (const i of initials(f.given)) keys.push(`F${s}|${y}|${i}`);
  for (const s of givenSkeletons(f)) for (const i of initials(f.family)) keys.push(`S${s}|${y}|${i}`);
  const gk = givenKeys(f);
  if (f.dob) for (const g of gk) keys.push(`G${g}|${f.dob.y}-${f.dob.m ?? '?'}`);
  if (f.dob?.m && f.dob.d) keys.push(`D${f.dob.y}-${f.dob.m}-${f.dob.d}|${f.sex ?? '?'}`);
  for (const s of familyOnly(f)) for (const g of gk) keys.push(`N${s}|${g}|${y}`);
  if (f.patronymic) for (const r of f.patronymic.roots) for (const g of gk) keys.push(`P${r}|${g}|${y}`);
  if (f.dob?.m && f.dob.d) {
    const md = `${f.dob.m}-${f.dob.d}`;
    for (const g of gk) keys.push(`B${g}|${md}`);
    for (const s of familyOnly(f)) keys.push(`K${s}|${md}`);
  }
  for (const p of placeKeys(f.birthPlace)) for (const g of gk) keys.push(`L${g}|${p}|${y}`);
  return [...new Set(keys)];
}

/** A place as blocking sees it: its gazetteer ids, or its longer skeletons when unknown. */
export function placeKeys(p: RecordFeatures['birthPlace']): string[] {
  if (!p) return [];
  return p.ids.length ? p.ids.map((id) => `@${id}`) : p.skels.filter((s) => s.length >= 3);
}

/** The keys a query looks up; `years` is the range of birth years present in the index. */
export function queryKeys(f: RecordFeatures, years: [number, number]): string[] {
  const keys: string[] = [];
  const dob = f.dob;
  // Birth years to look in: ±2 around the stated year (dates are shifted or falsified), or all.
  const near: (number | '?')[] = ['?'];
  if (dob) near.push(dob.y - 2, dob.y - 1, dob.y, dob.y + 1, dob.y + 2);
  else for (let y = years[0]; y <= years[1]; y++) near.push(y);
  const exact: (number | '?')[] = dob ? [dob.y, '?'] : near;
  const fam = familyOnly(f);
  const giv = givenSkeletons(f);
  const givenInitials = [...initials(f.given), '?'];
  const familyInitials = [...initials(f.family), '?'];
  // Surnames against surnames (F, same year and given-name initial) and, for records that
  // swapped the names, against given names (S).
  for (const s of fam) for (const y of exact) for (const i of givenInitials) keys.push(`F${s}|${y}|${i}`);
  for (const s of giv) for (const y of exact) for (const i of familyInitials) keys.push(`F${s}|${y}|${i}`);
  for (const s of fam) for (const y of near) for (const i of givenInitials) keys.push(`S${s}|${y}|${i}`);
  const gk = givenKeys(f);
  if (dob) {
    const months: [number, number | '?'][] = [[dob.y, '?']];
    if (dob.m) {
      months.push([dob.y, dob.m]);
      if (dob.d && dob.d <= 12) months.push([dob.y, dob.d]);
    } else for (let m = 1; m <= 12; m++) months.push([dob.y, m]);
    for (const g of gk) for (const [y, m] of months) keys.push(`G${g}|${y}-${m}`);
    if (dob.m && dob.d) {
      const dates = [`${dob.y}-${dob.m}-${dob.d}`];
      if (dob.d <= 12 && dob.d !== dob.m) dates.push(`${dob.y}-${dob.d}-${dob.m}`);
      const withUnknown = f.sex ? [f.sex, '?'] : ['M', 'F', '?'];
      for (const d of dates) for (const s of withUnknown) keys.push(`D${d}|${s}`);
      // Same day and month in any year: the year was shifted.
      const mds = [`${dob.m}-${dob.d}`];
      if (dob.d <= 12 && dob.d !== dob.m) mds.push(`${dob.d}-${dob.m}`);
      for (const md of mds) {
        for (const g of gk) keys.push(`B${g}|${md}`);
        for (const s of fam) keys.push(`K${s}|${md}`);
      }
    }
  }
  for (const s of fam) for (const g of gk) for (const y of near) keys.push(`N${s}|${g}|${y}`);
  if (f.patronymic)
    for (const r of f.patronymic.roots)
      for (const g of gk) for (const y of near) keys.push(`P${r}|${g}|${y}`);
  // Given name + birthplace, for records without a date (or a request without one).
  const places = [...placeKeys(f.birthPlace), ...placeKeys(f.lastPlace)];
  for (const p of new Set(places))
    for (const g of gk) for (const y of dob ? ['?'] : near) keys.push(`L${g}|${p}|${y}`);
  return [...new Set(keys)];
}

/** FNV-1a, folded to 30 bits so that keys stay small integers in V8. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 2) & 0x3fffffff;
}
