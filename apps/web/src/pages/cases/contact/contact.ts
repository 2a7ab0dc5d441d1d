import type { CaseStatusCode } from '@homeward/contracts';
import type { ContactOccurrence } from '../../../api/client.ts';

/** Statuses in which a case keeps contact and relays messages (docs/CONTACT.md). */
export const contactActiveStatuses: readonly CaseStatusCode[] = [
  'located',
  'verified',
  'in-contact',
  'reunification-planned',
  'in-transit',
];

export const occurrenceStates = ['held', 'missed', 'cancelled', 'overdue', 'due', 'upcoming'] as const;
export type OccurrenceState = (typeof occurrenceStates)[number];

/**
 * One contact as the table shows it: recorded (held, missed, cancelled); or still to record:
 * overdue (past its grace, the server says so), due (its time has come) or upcoming.
 */
export function occurrenceState(
  o: Pick<ContactOccurrence, 'status' | 'overdue' | 'dueAt'>,
  now: Date = new Date(),
): OccurrenceState {
  if (o.status !== 'scheduled') return o.status;
  if (o.overdue) return 'overdue';
  return new Date(o.dueAt).getTime() <= now.getTime() ? 'due' : 'upcoming';
}

/** Can this contact be recorded now: scheduled, its time come, and the plan active. */
export function recordable(state: OccurrenceState, planActive: boolean): boolean {
  return planActive && (state === 'due' || state === 'overdue');
}

/** A share (0–1) as a whole percentage, or null when there is nothing to share. */
export function percentOf(share: number | null | undefined): number | null {
  if (share === null || share === undefined || Number.isNaN(share)) return null;
  return Math.round(share * 100);
}

/** The report's cell: "< 5" for a suppressed region (its counts are null), else the number. */
export function reportCell(value: number | null, suppressed: boolean, minimumCell: number): string {
  if (suppressed || value === null) return `< ${minimumCell}`;
  return String(value);
}

/** ISO weekdays, 1 = Monday. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** A preferred weekday only makes sense with an interval of whole weeks (the API refuses otherwise). */
export const weekdayAllowed = (intervalDays: number) => intervalDays > 0 && intervalDays % 7 === 0;
