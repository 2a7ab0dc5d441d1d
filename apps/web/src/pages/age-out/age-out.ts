import type { AgeOutStatus } from '../../api/client.ts';

/** Today as the API counts days: the UTC calendar day (YYYY-MM-DD). */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const dayMs = 86_400_000;
const dayNumber = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / dayMs;
};

/** Whole days from today (UTC) to `day`: 0 on the day itself, negative once it has passed. */
export function daysUntil(day: string, now: Date = new Date()): number {
  return dayNumber(day) - dayNumber(utcToday(now));
}

export type DeadlineTone = 'overdue' | 'today' | 'soon' | 'later' | 'closed';

/**
 * How the deadline reads: the deadline day itself is still in time, the entry is overdue from the
 * day after (docs/AGE-OUT.md). Resolved and withdrawn entries have no deadline to meet.
 */
export function deadlineDisplay(
  entry: { deadlineOn: string; status: AgeOutStatus },
  now: Date = new Date(),
): { days: number; tone: DeadlineTone; key: string } {
  const days = daysUntil(entry.deadlineOn, now);
  if (entry.status === 'resolved' || entry.status === 'withdrawn')
    return { days, tone: 'closed', key: 'ageOut.days.closed' };
  if (days < 0) return { days: -days, tone: 'overdue', key: 'ageOut.days.overdue' };
  if (days === 0) return { days, tone: 'today', key: 'ageOut.days.today' };
  return { days, tone: days <= 7 ? 'soon' : 'later', key: 'ageOut.days.left' };
}

/** Soonest deadline first (ids break ties so the order is stable). */
export function byDeadline<T extends { deadlineOn: string; id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.deadlineOn.localeCompare(b.deadlineOn) || a.id.localeCompare(b.id));
}

/** Consent can be recorded from the day the person is surely 18 (the API refuses before: NOT_YET_ADULT). */
export function canRecordConsentYet(entry: { adultFrom: string }, now: Date = new Date()): boolean {
  return daysUntil(entry.adultFrom, now) <= 0;
}
