/**
 * The sharing policy as the page shows it (pure): the versions to choose from, the matrix of
 * data point × recipient with each purpose and its legal basis, who has agreed, and what a
 * disclosure preview says each other party sees of a request.
 */
import {
  expandDataPoints,
  restrictedDataPoints,
  sharingDataPoints,
  type SharingDataPoint,
  type SharingPolicyDocument,
  type SharingPurpose,
} from '@homeward/contracts';
import type { DisclosurePreview, SharingPolicy, SharingPolicyList } from '../../api/sharing.ts';

/** One version to show: an agreed or proposed one (with its record), or the built-in default. */
export type PolicyVersion = { key: string; document: SharingPolicyDocument; policy: SharingPolicy | null };

/** The policy in force first (else the built-in default, which then governs), then proposals, the default, then superseded versions. */
export function policyVersions(list: SharingPolicyList): PolicyVersion[] {
  const rank = (p: SharingPolicy) => (p.status === 'active' ? 0 : p.status === 'proposed' ? 1 : 3);
  const agreed = list.history.map((p) => ({
    key: p.version,
    document: p.document,
    policy: p,
    rank: rank(p),
  }));
  const builtIn = {
    key: list.builtIn.version,
    document: list.builtIn,
    policy: null,
    rank: list.active ? 2 : 0,
  };
  return [...agreed, builtIn]
    .sort((a, b) => a.rank - b.rank)
    .map(({ key, document, policy }) => ({ key, document, policy }));
}

/** A column of the matrix: whose records (`from`) go to whom (`to`); a party code, a party kind or "*". */
export type MatrixColumn = { from: string; to: string };
export type MatrixGrant = { purpose: SharingPurpose; legalBasis: string };
export type MatrixRow = {
  dataPoint: SharingDataPoint;
  /** Never leaves its party, whatever a policy says. */
  restricted: boolean;
  cells: MatrixGrant[][];
};

/**
 * Each data point against each (from, to) pair the rules name, with the purposes it is shared
 * for and the legal basis of each, as the server's engine reads the rules (patterns expanded,
 * restricted data points never shared). An empty cell: not shared.
 * @example policyMatrix(doc).rows.find((r) => r.dataPoint === 'dossier.names')?.cells[0] // [{ purpose: 'tracing', legalBasis: 'public-task' }, …]
 */
export function policyMatrix(doc: SharingPolicyDocument): { columns: MatrixColumn[]; rows: MatrixRow[] } {
  const columns: MatrixColumn[] = [];
  for (const r of doc.rules)
    if (!columns.some((c) => c.from === r.from && c.to === r.to)) columns.push({ from: r.from, to: r.to });
  const expanded = doc.rules.map((r) => ({ rule: r, points: new Set(expandDataPoints(r.dataPoints)) }));
  const rows = sharingDataPoints.map((dataPoint) => {
    const restricted = restrictedDataPoints.includes(dataPoint);
    const cells = columns.map((col) => {
      const grants: MatrixGrant[] = [];
      if (restricted) return grants;
      for (const { rule, points } of expanded) {
        if (rule.from !== col.from || rule.to !== col.to || !points.has(dataPoint)) continue;
        for (const purpose of rule.purposes)
          if (!grants.some((g) => g.purpose === purpose && g.legalBasis === rule.legalBasis))
            grants.push({ purpose, legalBasis: rule.legalBasis });
      }
      return grants;
    });
    return { dataPoint, restricted, cells };
  });
  return { columns, rows };
}

/** Each party a version names, with its agreement (key and time) or none yet. */
export function agreementStatus(policy: Pick<SharingPolicy, 'document' | 'agreements'>) {
  return policy.document.parties.map((code) => ({
    code,
    agreement: policy.agreements.find((a) => a.partyCode === code) ?? null,
  }));
}

/** Where each request data point sits in a presented request, and the value that means "nothing recorded". */
const requestPaths: Partial<Record<SharingDataPoint, Array<[string, unknown]>>> = {
  'request.sought.names': [['sought.names', []]],
  'request.sought.sex': [['sought.sex', 'unknown']],
  'request.sought.birth': [
    ['sought.birthDate', null],
    ['sought.birthPlace', null],
  ],
  'request.sought.displacement': [['sought.displacement', { kind: 'unknown' }]],
  'request.sought.lastKnownPlace': [['sought.lastKnownPlace', null]],
  'request.requester.relationship': [['requester.relationship', undefined]],
  'request.requester.name': [['requester.name', undefined]],
  'request.requester.contact': [['requester.contact', {}]],
};
export const requestDataPoints = Object.keys(requestPaths) as SharingDataPoint[];

const valueAt = (o: unknown, path: string) =>
  path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      o,
    );
const isEmpty = (v: unknown, blank: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) ||
  JSON.stringify(v) === JSON.stringify(blank);

/** What one party sees of one data point: it sees it, it is withheld, nothing is recorded, or the party does not see the request at all. */
export type Seen = 'shown' | 'withheld' | 'empty' | 'hidden';

/**
 * What a preview says one party sees of each data point of the request, compared with the
 * request as its own party reads it (everything).
 * @example seenBy(own, { party: 'RU-DEMO', visible: false, request: null })['request.sought.names'] // 'hidden'
 */
export function seenBy(own: object, preview: DisclosurePreview): Record<string, Seen> {
  const out: Record<string, Seen> = {};
  for (const d of requestDataPoints) {
    const paths = requestPaths[d]!;
    if (!preview.visible || !preview.request) out[d] = 'hidden';
    else if (paths.every(([p, blank]) => isEmpty(valueAt(own, p), blank))) out[d] = 'empty';
    else if (paths.some(([p]) => preview.request!.withheld.some((w) => w === p || w.startsWith(`${p}.`))))
      out[d] = 'withheld';
    else out[d] = 'shown';
  }
  return out;
}
