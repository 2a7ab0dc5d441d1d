import {
  expandDataPoints,
  restrictedDataPoints,
  sharingDataPoints,
  sharingPurposes,
  type RequestDisclosure,
  type SharingDataPoint,
  type SharingPolicyDocument,
  type SharingPurpose,
} from '@homeward/contracts';

// The pure core of the sharing policy (issue 13): which data points of one party's record reach
// another party, and the filter that takes everything else out of a presented record. It imports
// nothing from the server: callers load the policy and the parties.

export type SharingSubject = 'dossier' | 'request';
export interface PartyRef {
  code: string;
  kind: string;
}
export interface SharingContext {
  ownerParty: PartyRef;
  recipientParty: PartyRef;
  purpose: SharingPurpose;
  subject: SharingSubject;
}

/**
 * Where each data point sits in a presented record, and what stands in its place when it is
 * withheld (no `blank`: the key is removed). Paths are the names `withheld` reports.
 */
const specs: Record<SharingDataPoint, { paths: string[]; blank?: unknown }> = {
  'dossier.names': { paths: ['names'], blank: [] },
  'dossier.sex': { paths: ['sex'], blank: 'unknown' },
  'dossier.birth': { paths: ['birthDate', 'birthPlace'], blank: null },
  'dossier.displacement': { paths: ['displacement'], blank: { kind: 'unknown' } },
  'dossier.currentLocation.region': { paths: ['currentLocation.region'] },
  'dossier.currentLocation.placement': { paths: ['currentLocation.placement'], blank: 'unknown' },
  'dossier.currentLocation.address': { paths: ['currentLocation.address'] },
  'dossier.biography': { paths: ['biography'], blank: null },
  'dossier.languages': { paths: ['languages'], blank: [] },
  'dossier.services.social': { paths: ['services.social'] },
  'dossier.services.medical': { paths: ['services.medical'] },
  'dossier.services.psychological': { paths: ['services.psychological'] },
  'dossier.services.notes': { paths: ['services.notes'] },
  'dossier.sources': { paths: ['sources'], blank: [] },
  // Photos travel in bundles (and through the media routes), not inside the record.
  'dossier.photos': { paths: [] },
  'request.sought.names': { paths: ['sought.names'], blank: [] },
  'request.sought.sex': { paths: ['sought.sex'], blank: 'unknown' },
  'request.sought.birth': { paths: ['sought.birthDate', 'sought.birthPlace'], blank: null },
  'request.sought.displacement': { paths: ['sought.displacement'], blank: { kind: 'unknown' } },
  'request.sought.lastKnownPlace': { paths: ['sought.lastKnownPlace'], blank: null },
  'request.requester.relationship': { paths: ['requester.relationship'] },
  'request.requester.name': { paths: ['requester.name'] },
  'request.requester.contact': { paths: ['requester.contact'], blank: {} },
};

/** Fields that describe the record rather than the person (ids, status, version, times): always kept. */
const envelope: Record<SharingSubject, ReadonlySet<string>> = {
  dossier: new Set(['id', 'partyId', 'status', 'version', 'createdAt', 'updatedAt', 'mergedInto', 'sameChildAs', 'withheld']),
  request: new Set(['id', 'partyId', 'status', 'filedOn', 'version', 'createdAt', 'updatedAt', 'withheld']),
};

/** The data point without which a record is not shared at all (the reader gets 404; bundles leave it out). */
export const coreDataPoint: Record<SharingSubject, SharingDataPoint> = { dossier: 'dossier.names', request: 'request.sought.names' };

export const dataPointsOf = (subject: SharingSubject): SharingDataPoint[] => sharingDataPoints.filter((d) => d.startsWith(`${subject}.`));
export const dataPointPaths = (d: SharingDataPoint): readonly string[] => specs[d].paths;

const matches = (selector: string, p: PartyRef) => selector === '*' || selector === p.code || selector === p.kind;

/** The policy that governs a party's records: the agreed one if it names the party, else the built-in default. */
export function policyFor(owner: PartyRef, active: SharingPolicyDocument | null, builtIn: SharingPolicyDocument): SharingPolicyDocument {
  return active && active.parties.includes(owner.code) ? active : builtIn;
}

/**
 * The data points of the owner's `subject` records that the recipient may receive for the
 * purpose: the union of the matching rules, never a restricted one. A field no rule names is
 * not in the set (default deny). The owner's own party receives everything.
 * @example allowedFields(policy, { ownerParty: { code: 'UA-NIB', kind: 'home-country-authority' }, recipientParty: { code: 'ICRC', kind: 'mediator' }, purpose: 'case-work', subject: 'dossier' }) // Set { 'dossier.names', … }
 */
export function allowedFields(policy: SharingPolicyDocument, ctx: SharingContext): ReadonlySet<SharingDataPoint> {
  if (ctx.ownerParty.code === ctx.recipientParty.code) return new Set(dataPointsOf(ctx.subject));
  const out = new Set<SharingDataPoint>();
  for (const rule of policy.rules) {
    if (!matches(rule.from, ctx.ownerParty) || !matches(rule.to, ctx.recipientParty) || !rule.purposes.includes(ctx.purpose)) continue;
    for (const d of expandDataPoints(rule.dataPoints)) if (d.startsWith(`${ctx.subject}.`) && !restrictedDataPoints.includes(d)) out.add(d);
  }
  return out;
}

/** What the filing party chose for this recipient (party code before kind), else the policy's default for it. */
function chosenFor(policy: SharingPolicyDocument, disclosure: RequestDisclosure | null, recipient: PartyRef): SharingDataPoint[] | null {
  const choice = disclosure?.[recipient.code] ?? disclosure?.[recipient.kind];
  if (choice) return expandDataPoints(choice);
  const byRank = (sel: string) => (sel === recipient.code ? 0 : sel === recipient.kind ? 1 : sel === '*' ? 2 : 3);
  const defaults = policy.requestDefaults.filter((d) => byRank(d.to) < 3).sort((a, b) => byRank(a.to) - byRank(b.to))[0];
  return defaults ? expandDataPoints(defaults.dataPoints) : null;
}

/** A request's data points for the recipient: the policy's, narrowed by the reporter's choice (or the default choice). */
export function disclosedFields(policy: SharingPolicyDocument, disclosure: RequestDisclosure | null, ctx: Omit<SharingContext, 'subject'>): ReadonlySet<SharingDataPoint> {
  const allowed = allowedFields(policy, { ...ctx, subject: 'request' });
  if (ctx.ownerParty.code === ctx.recipientParty.code) return allowed;
  const chosen = chosenFor(policy, disclosure, ctx.recipientParty);
  return chosen ? new Set(chosen.filter((d) => allowed.has(d))) : allowed;
}

/**
 * The parts of a reporter's choice that go beyond the policy, for any purpose. A choice for a
 * party kind is measured against the rules for that kind (or every party), not one party's own.
 */
export function disclosureExcess(policy: SharingPolicyDocument, disclosure: RequestDisclosure, owner: PartyRef, codeToKind: ReadonlyMap<string, string>) {
  const excess: Array<{ recipient: string; dataPoints: SharingDataPoint[] }> = [];
  for (const [recipient, chosen] of Object.entries(disclosure)) {
    const kind = codeToKind.get(recipient);
    const party: PartyRef = kind ? { code: recipient, kind } : { code: '', kind: recipient };
    const allowed = new Set(sharingPurposes.flatMap((purpose) => [...allowedFields(policy, { ownerParty: owner, recipientParty: party, purpose, subject: 'request' })]));
    const over = expandDataPoints(chosen).filter((d) => !allowed.has(d));
    if (over.length) excess.push({ recipient, dataPoints: over });
  }
  return excess;
}

const isEmpty = (v: unknown, blank: unknown) =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) ||
  JSON.stringify(v) === JSON.stringify(blank);

function getPath(o: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
}

/** The data points a presented record actually carries (non-empty values): for audit and tests. */
export function carriedDataPoints(subject: SharingSubject, record: object): SharingDataPoint[] {
  return dataPointsOf(subject).filter((d) => specs[d].paths.some((p) => !isEmpty(getPath(record as Record<string, unknown>, p), specs[d].blank)));
}

/**
 * Takes out of a presented record every field the allowed data points do not cover: a data
 * point not allowed gives way to its blank (or goes), and a field no data point names at all
 * (say, one added to the record later) goes too. Every non-empty field taken out is named in
 * `withheld`. The input is not changed.
 * @example withholdRecord('dossier', presented, new Set(['dossier.names'])).withheld // ['birthDate', 'biography', …]
 */
export function withholdRecord<T extends object>(subject: SharingSubject, record: T, allowed: ReadonlySet<SharingDataPoint>): { record: T; withheld: string[] } {
  const kept = new Map<string, unknown>(); // path → value kept
  const blanks = new Map<string, unknown>();
  for (const d of dataPointsOf(subject)) {
    for (const path of specs[d].paths) {
      if (allowed.has(d)) kept.set(path, true);
      else blanks.set(path, specs[d].blank);
    }
  }
  const withheld: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (!prefix && envelope[subject].has(k)) out[k] = v;
      else if (kept.has(path)) out[k] = v;
      else if (blanks.has(path)) {
        if (!isEmpty(v, blanks.get(path))) withheld.push(path);
        if (blanks.get(path) !== undefined) out[k] = blanks.get(path);
      } else if (v && typeof v === 'object' && !Array.isArray(v) && [...kept.keys(), ...blanks.keys()].some((p) => p.startsWith(`${path}.`))) {
        out[k] = walk(v as Record<string, unknown>, path);
      } else if (!isEmpty(v, undefined)) withheld.push(path);
    }
    return out;
  };
  return { record: walk(record as Record<string, unknown>, '') as T, withheld };
}
