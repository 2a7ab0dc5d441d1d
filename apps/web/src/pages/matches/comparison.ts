import type { DossierView, TracingRequestView } from '../../api/client.ts';
import { isWithheld } from '../../components/withheld-path.ts';

type Name = DossierView['names'][number];

/** One side of the comparison, whichever record it is, in the fields both kinds share. */
export type ComparedRecord = {
  kind: 'request' | 'dossier';
  id: string;
  names: Name[] | null;
  sex: string | null;
  birthDate: string | null;
  birthPlace: string | null;
  displacementPlace: string | null;
  displacementDate: string | null;
  /** A dossier's current region; a request's last known place. */
  place: string | null;
};

export const comparedFields = [
  'names',
  'sex',
  'birthDate',
  'birthPlace',
  'displacementPlace',
  'displacementDate',
  'place',
] as const;
export type ComparedField = (typeof comparedFields)[number];

/** How two values compare: a withheld or empty value on either side is 'missing', not a difference. */
export type Agreement = 'same' | 'differs' | 'missing';

const hide = <T>(withheld: readonly string[] | undefined, path: string, v: T): T | null =>
  isWithheld(withheld, path) ? null : v;

export function fromRequest(r: TracingRequestView): ComparedRecord {
  const w = r.withheld;
  const s = r.sought;
  return {
    kind: 'request',
    id: r.id,
    names: hide(w, 'sought.names', s.names),
    sex: hide(w, 'sought.sex', s.sex),
    birthDate: hide(w, 'sought.birthDate', s.birthDate),
    birthPlace: hide(w, 'sought.birthPlace', s.birthPlace),
    displacementPlace: hide(w, 'sought.displacement.place', s.displacement.place ?? null),
    displacementDate: hide(w, 'sought.displacement.date', s.displacement.date ?? null),
    place: hide(w, 'sought.lastKnownPlace', s.lastKnownPlace),
  };
}

export function fromDossier(d: DossierView): ComparedRecord {
  const w = d.withheld;
  return {
    kind: 'dossier',
    id: d.id,
    names: hide(w, 'names', d.names),
    sex: hide(w, 'sex', d.sex),
    birthDate: hide(w, 'birthDate', d.birthDate),
    birthPlace: hide(w, 'birthPlace', d.birthPlace),
    displacementPlace: hide(w, 'displacement.place', d.displacement.place ?? null),
    displacementDate: hide(w, 'displacement.date', d.displacement.date ?? null),
    place: hide(w, 'currentLocation.region', d.currentLocation.region ?? null),
  };
}

const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
const nameKey = (n: Name) => norm([n.familyName, n.givenName, n.patronymic].filter(Boolean).join(' '));

/** Whether a value is absent (withheld, not recorded, or 'unknown' sex). */
function absent(field: ComparedField, v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (field === 'names') return (v as Name[]).length === 0;
  return field === 'sex' && v === 'unknown';
}

/**
 * Compares one field of the two records as a reviewer reads it: names agree when any written
 * form is the same on both sides (the engine judges transliterations; this only marks what
 * differs on the page), partial dates agree at the precision both give ('2015' and '2015-07-02').
 */
export function agreement(field: ComparedField, a: ComparedRecord, b: ComparedRecord): Agreement {
  const x = a[field];
  const y = b[field];
  if (absent(field, x) || absent(field, y)) return 'missing';
  if (field === 'names') {
    const left = new Set((x as Name[]).map(nameKey));
    return (y as Name[]).some((n) => left.has(nameKey(n))) ? 'same' : 'differs';
  }
  const p = norm(String(x));
  const q = norm(String(y));
  if (field === 'birthDate' || field === 'displacementDate')
    return p.startsWith(q) || q.startsWith(p) ? 'same' : 'differs';
  return p === q ? 'same' : 'differs';
}
