import type { ReportSummary } from '../../api/client.ts';

type List = ReportSummary['children']['byStatus'];

export type CategoryBar = { label: string; count: number | null; share: number };

/**
 * The rows of a category chart: largest first, `unknown` last, withheld counts (null) after the
 * known ones; `share` is the bar's length as a fraction of the largest count shown. With
 * `inOrder` (ordered categories such as age groups) the list's own order is kept.
 */
export function categoryBars(list: List, inOrder = false): CategoryBar[] {
  const rows = list.labels.map((label, i) => ({ label, count: list.counts[i] ?? null }));
  const max = Math.max(1, ...rows.map((r) => r.count ?? 0));
  const rank = (r: { label: string; count: number | null }) => (r.label === 'unknown' ? 2 : r.count === null ? 1 : 0);
  const sorted = inOrder ? rows : rows.sort((a, b) => rank(a) - rank(b) || (b.count ?? 0) - (a.count ?? 0) || a.label.localeCompare(b.label));
  return sorted.map((r) => ({ ...r, share: r.count === null ? 0 : r.count / max }));
}

/** `YYYY-MM` of a date, and the first day of that month. */
export const monthOf = (iso: string) => iso.slice(0, 7);

/**
 * The API's period (`from` inclusive, `to` exclusive, both first days of months) from two month
 * pickers (`YYYY-MM`, the last month included). Null when the months are missing or reversed.
 */
export function periodFromMonths(fromMonth: string, toMonth: string): { from: string; to: string } | null {
  if (!/^\d{4}-\d{2}$/.test(fromMonth) || !/^\d{4}-\d{2}$/.test(toMonth) || fromMonth > toMonth) return null;
  const [y, m] = toMonth.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${fromMonth}-01`, to: `${next}-01` };
}

/** The months a summary covers, for the pickers: its `to` is exclusive. */
export function monthsOfSummary(s: Pick<ReportSummary, 'from' | 'to'>): { fromMonth: string; toMonth: string } {
  const to = new Date(`${s.to}T00:00:00Z`);
  to.setUTCDate(0);
  return { fromMonth: monthOf(s.from), toMonth: to.toISOString().slice(0, 7) };
}
