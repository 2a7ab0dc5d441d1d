import { ageGroups, caseStatuses, displacementKinds, type ReportSummary } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countByRegion } from '../contact/contact.repository.ts';
import * as repo from './reports.repository.ts';
import { PARTY_THRESHOLD, PUBLIC_THRESHOLD, suppressList, suppressStatistic, suppressTable } from './suppression.ts';

export const UNKNOWN = 'unknown';

/** The five age groups of the reports, from whole years of age (null when unknown). */
export function ageGroupOf(age: number | null): (typeof ageGroups)[number] {
  if (age === null || age < 0) return 'unknown';
  if (age <= 4) return '0-4';
  if (age <= 9) return '5-9';
  if (age <= 13) return '10-13';
  if (age <= 17) return '14-17';
  return '18+';
}

/** The q-quantile with linear interpolation between ranks (PostgreSQL's percentile_cont). */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const v = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  return Math.round(v * 10) / 10;
}

/** 'YYYY-MM' of every month touched by the period [from, to). */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (`${key}-01` >= to) return out;
    out.push(key);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

export interface ReportOptions {
  period: repo.Period;
  /** The caller's party, or null for public statistics over every party's records. */
  partyId: string | null;
  now: Date;
  /** Who will read it: decides the threshold (parties 5, public 10). Default: parties when partyId is set. */
  audience?: 'parties' | 'public';
}

const countsFor = (labels: readonly string[], groups: readonly { key: string | null; n: number }[]) => {
  const by = new Map<string, number>();
  for (const g of groups) by.set(g.key ?? UNKNOWN, (by.get(g.key ?? UNKNOWN) ?? 0) + g.n);
  return labels.map((l) => by.get(l) ?? 0);
};

/** Labels seen in the data, sorted, with `unknown` last. */
const seenLabels = (groups: readonly { key: string | null }[]) => {
  const keys = [...new Set(groups.map((g) => g.key ?? UNKNOWN))].filter((k) => k !== UNKNOWN).sort();
  return groups.some((g) => (g.key ?? UNKNOWN) === UNKNOWN) ? [...keys, UNKNOWN] : keys;
};

function list(labels: readonly string[], groups: readonly { key: string | null; n: number }[], threshold: number) {
  return suppressList({ labels: [...labels], counts: countsFor(labels, groups) }, threshold);
}

function duration(days: number[], threshold: number) {
  const n = days.length;
  return {
    observations: n > 0 && n < threshold ? null : n,
    medianDays: suppressStatistic(quantile(days, 0.5), n, threshold),
    p90Days: suppressStatistic(quantile(days, 0.9), n, threshold),
  };
}

const contactColumns = ['held-on-time', 'held-late', 'missed', 'not-recorded'];

/**
 * The aggregate statistics of a period, suppressed. Party reports (partyId set) count every
 * child dossier (any party may read dossiers) but only the requests the party filed and the cases
 * it is party to, with threshold 5; public statistics count everything with threshold 10.
 */
export async function buildReport(db: Kysely<DB>, o: ReportOptions): Promise<ReportSummary> {
  const audience = o.audience ?? (o.partyId ? 'parties' : 'public');
  const threshold = audience === 'parties' ? PARTY_THRESHOLD : PUBLIC_THRESHOLD;
  const { period: p, partyId: party } = o;
  const today = o.now.toISOString().slice(0, 10);
  const lastDay = new Date(Date.parse(`${p.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const asOf = lastDay < today ? lastDay : today;
  const months = monthsOf(p.from, p.to);

  const [status, kind, region, displacementMonth, ages, cases] = await Promise.all([
    repo.countChildren(db, asOf, 'status'),
    repo.countChildren(db, asOf, 'kind'),
    repo.countChildren(db, asOf, 'region'),
    repo.countChildren(db, asOf, 'displacementMonth'),
    repo.countChildrenByAge(db, asOf),
    repo.countCasesByStatus(db, asOf, party),
  ]);
  const [filed, matched, verified, reunited, toMatch, toReunion] = await Promise.all([
    repo.countRequestsFiled(db, p, party),
    repo.countRequestsMatched(db, p, party),
    repo.countRequestsVerified(db, p, party),
    repo.countReunifications(db, p, party),
    repo.daysRequestToMatch(db, p, party),
    repo.daysToReunion(db, p, party),
  ]);
  const contact = await countByRegion(db, { partyId: party, from: new Date(`${p.from}T00:00:00Z`), to: new Date(`${p.to}T00:00:00Z`), now: o.now });
  const contactRows = contact.map((r) => r.region ?? UNKNOWN);

  return {
    scope: audience === 'parties' ? 'party' : 'public',
    threshold,
    from: p.from,
    to: p.to,
    asOf,
    children: {
      byStatus: list(['open', 'closed'], status, threshold),
      byDisplacementKind: list(displacementKinds, kind, threshold),
      byRegion: list(seenLabels(region), region, threshold),
      byAgeGroup: list(ageGroups, ages.map((a) => ({ key: ageGroupOf(a.age), n: a.n })), threshold),
      byDisplacementMonth: list(seenLabels(displacementMonth), displacementMonth, threshold),
    },
    casesByStatus: list(caseStatuses, cases, threshold),
    requests: {
      filed: list(months, filed, threshold),
      matched: list(months, matched, threshold),
      verified: list(months, verified, threshold),
    },
    reunifications: list(months, reunited, threshold),
    durations: {
      requestToMatch: duration(toMatch, threshold),
      matchToReunion: duration(toReunion.map((d) => d.fromMatch), threshold),
      requestToReunion: duration(toReunion.map((d) => d.fromRequest), threshold),
    },
    contactRegularity: suppressTable(
      {
        rows: contactRows,
        columns: contactColumns,
        cells: contact.map((r) => [r.held_on_time, r.held - r.held_on_time, r.missed, Math.max(0, r.due - r.held - r.missed)]),
      },
      threshold,
    ),
  };
}

/** The default period: the twelve calendar months up to and including the current one (UTC). */
export function defaultPeriod(now: Date): repo.Period {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const day = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 1)).toISOString().slice(0, 10);
  return { from: day(y, m - 11), to: day(y, m + 1) };
}

/** The period of one month 'YYYY-MM' with the eleven before it, for trends. */
export function monthPeriod(month: string): repo.Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return defaultPeriod(new Date(Date.UTC(y, m - 1, 15)));
}
