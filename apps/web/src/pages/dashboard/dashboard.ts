/** Pure helpers of the overview: counts derived from cases, and figures from the report summary. */
import type { CaseMessage, ReportSummary } from '../../api/client.ts';

/** Case statuses in which contact takes place and messages flow. */
export const casesInContact = [
  'in-contact',
  'reunification-planned',
  'in-transit',
  'reunited',
  'follow-up',
] as const;

export type CaseWork = {
  caseId: string;
  overdueContacts: number;
  messages: Array<Pick<CaseMessage, 'status' | 'submittedBy'>>;
};

export type CaseworkCounts = {
  /** Messages waiting for a safeguarding review that this reader may give (not their own). */
  messagesToReview: number;
  messageCases: string[];
  overdueContacts: number;
  overdueCases: string[];
};

/** Sums what the cases' contact and message threads say awaits the reader. */
export function caseworkCounts(work: readonly CaseWork[], myUserId: string): CaseworkCounts {
  const out: CaseworkCounts = { messagesToReview: 0, messageCases: [], overdueContacts: 0, overdueCases: [] };
  for (const w of work) {
    const pending = w.messages.filter(
      (m) => m.status === 'pending-review' && m.submittedBy !== myUserId,
    ).length;
    if (pending) {
      out.messagesToReview += pending;
      out.messageCases.push(w.caseId);
    }
    if (w.overdueContacts > 0) {
      out.overdueContacts += w.overdueContacts;
      out.overdueCases.push(w.caseId);
    }
  }
  return out;
}

type List = ReportSummary['children']['byStatus'];

/** One count of a summary list by its label; null when withheld (small-cell suppression) or absent. */
export function countOf(list: List, label: string): number | null {
  const i = list.labels.indexOf(label);
  return i < 0 ? null : (list.counts[i] ?? null);
}

/** The headline figures of the overview, each null when the summary withholds it. */
export function headlineFigures(s: ReportSummary) {
  return {
    children: s.children.byStatus.total,
    childrenOpen: countOf(s.children.byStatus, 'open'),
    requestsFiled: s.requests.filed.total,
    requestsMatched: s.requests.matched.total,
    cases: s.casesByStatus.total,
    reunifications: s.reunifications.total,
  };
}

/** Bars for a monthly list: each month's share of the largest month (0–100), withheld ones as null. */
export function monthBars(list: List): Array<{ label: string; count: number | null; height: number }> {
  const max = Math.max(1, ...list.counts.map((c) => c ?? 0));
  return list.labels.map((label, i) => {
    const count = list.counts[i] ?? null;
    return { label, count, height: count === null ? 0 : Math.round((count / max) * 100) };
  });
}
