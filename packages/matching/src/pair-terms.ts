/**
 * Term keys counted for term-frequency adjustment, and the value pairs shown beside the
 * evidence.
 */
import type { RecordFeatures } from './features.ts';

/** Terms a record contributes to the frequency tables: given-name skeletons and groups, surname skeletons. */
export function termKeys(f: RecordFeatures): string[] {
  const keys: string[] = [];
  if (f.given) {
    for (const s of f.given.skels) keys.push(`g:${s}`);
    for (const g of f.given.groups) keys.push(`G:${g}`);
  }
  if (f.family) for (const s of f.family.skels) keys.push(`f:${s}`);
  return keys;
}

function dateText(d: RecordFeatures['dob']): string {
  if (!d) return '';
  const p = (n: number): string => String(n).padStart(2, '0');
  return d.m === null ? `${d.y}` : d.d === null ? `${d.y}-${p(d.m)}` : `${d.y}-${p(d.m)}-${p(d.d)}`;
}

/** The compared values of each field, in FIELDS order, for the side-by-side view. */
export function pairValues(a: RecordFeatures, b: RecordFeatures): [string, string][] {
  const fam = (f: RecordFeatures): string =>
    [f.family?.text, ...f.others.map((o) => `(${o.text})`)].filter(Boolean).join(' ');
  const place = (f: RecordFeatures): string =>
    [f.birthPlace?.text, f.lastPlace?.text].filter(Boolean).join(' / ');
  return [
    [a.given?.text ?? '', b.given?.text ?? ''],
    [fam(a), fam(b)],
    [a.patronymic?.text ?? '', b.patronymic?.text ?? ''],
    [dateText(a.dob), dateText(b.dob)],
    [a.sex ?? '', b.sex ?? ''],
    [place(a), place(b)],
  ];
}

/** The frequency-table key of the value two records agree on, for levels with term-frequency adjustment. */
export function pairTerm(q: RecordFeatures, r: RecordFeatures, f: number, l: number): string | undefined {
  if (f === 0) {
    if (!q.given || !r.given) return undefined;
    if (l === 1) {
      const g = q.given.groups.find((x) => r.given?.groups.includes(x));
      return g === undefined ? undefined : `G:${g}`;
    }
    const s = q.given.skels.find((x) => r.given?.skels.includes(x));
    return s === undefined ? undefined : `g:${s}`;
  }
  if (f === 1 && q.family && r.family) {
    const s = q.family.skels.find((x) => r.family?.skels.includes(x));
    return s === undefined ? undefined : `f:${s}`;
  }
  return undefined;
}
