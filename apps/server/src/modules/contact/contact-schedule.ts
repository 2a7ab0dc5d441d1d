import type { ContactChannel, ContactOccurrenceStatus, ContactRegularity } from '@homeward/contracts';

// The pure rules of contact: when contacts fall due, when an unrecorded one is overdue, and how
// regular contact has been. Nothing here touches the database or the clock.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** How a plan schedules contacts. Times are UTC. */
export interface Schedule {
  /** 'YYYY-MM-DD'. */
  startsOn: string;
  intervalDays: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday; the first contact moves to it. */
  preferredWeekday: number | null;
  /** 'HH:MM'; midnight when null, so that a contact is due on its day. */
  preferredTime: string | null;
}

/**
 * How long after its due time an unrecorded contact becomes overdue, by channel. A call is
 * expected on its day; a message may wait for the child's next access; a letter takes a week.
 */
export const overdueGraceHours: Record<ContactChannel, number> = {
  'video-call': 24,
  'phone-call': 24,
  message: 72,
  letter: 7 * 24,
};

export function overdueAtFor(channel: ContactChannel, dueAt: Date): Date {
  return new Date(dueAt.getTime() + overdueGraceHours[channel] * HOUR);
}

/** The first contact of a schedule: its start day, moved on to the preferred weekday, at the preferred time. */
export function firstDue(s: Schedule): Date {
  const [h, m] = (s.preferredTime ?? '00:00').split(':').map(Number) as [number, number];
  const start = Date.parse(`${s.startsOn}T00:00:00Z`);
  const isoWeekday = ((new Date(start).getUTCDay() + 6) % 7) + 1;
  const shift = s.preferredWeekday ? (s.preferredWeekday - isoWeekday + 7) % 7 : 0;
  return new Date(start + shift * DAY + (h * 60 + m) * 60_000);
}

/**
 * The due times of a schedule from `from` (inclusive) to `to` (exclusive), at most `limit`.
 *
 * @example dueDates({ startsOn: '2026-06-01', intervalDays: 7, preferredWeekday: 3, preferredTime: '15:00' },
 *   new Date('2026-06-01T00:00Z'), new Date('2026-06-20T00:00Z'))
 *   // → 2026-06-03T15:00Z, 2026-06-10T15:00Z, 2026-06-17T15:00Z
 */
export function dueDates(s: Schedule, from: Date, to: Date = new Date(8.64e15), limit = 100): Date[] {
  const first = firstDue(s).getTime();
  const step = s.intervalDays * DAY;
  let t = first + Math.max(0, Math.ceil((from.getTime() - first) / step)) * step;
  const out: Date[] = [];
  for (; t < to.getTime() && out.length < limit; t += step) out.push(new Date(t));
  return out;
}

/** Contacts kept scheduled ahead of now, per plan (topped up as they are recorded, and by the job). */
export const HORIZON = 4;

/**
 * The due times to add to a plan now: any slot since the last one generated that was never
 * generated (the job was down), then enough future slots for `HORIZON` contacts ahead of now.
 * `scheduleFrom` is where generation starts (plan start, resume or schedule change): a plan
 * resumed after a pause does not get the paused weeks back as missed contacts.
 */
export function dueDatesToAdd(
  s: Schedule,
  state: { scheduleFrom: Date; lastDueAt: Date | null; /** Contacts still scheduled at or after now. */ upcoming: number },
  now: Date,
  horizon = HORIZON,
): Date[] {
  const after = state.lastDueAt ? state.lastDueAt.getTime() + 1 : 0;
  const from = new Date(Math.max(state.scheduleFrom.getTime(), after));
  const missing = dueDates(s, from, now);
  const needed = horizon - state.upcoming;
  const ahead = needed > 0 ? dueDates(s, new Date(Math.max(from.getTime(), now.getTime())), undefined, needed) : [];
  return [...missing, ...ahead];
}

export interface OccurrenceFacts {
  status: ContactOccurrenceStatus;
  dueAt: Date;
  overdueAt: Date;
  heldAt: Date | null;
}

/** Scheduled, past its grace, and not recorded. */
export function isOverdue(o: Pick<OccurrenceFacts, 'status' | 'overdueAt'>, now: Date): boolean {
  return o.status === 'scheduled' && o.overdueAt.getTime() < now.getTime();
}

/**
 * How regular contact has been. A contact counts as due once its time has come or once it was
 * recorded (a call held a day early is not "not yet due"); cancelled contacts are not due.
 * On time means held no later than the end of its grace.
 */
export function regularityOf(occurrences: readonly OccurrenceFacts[], now: Date): ContactRegularity {
  let due = 0;
  let held = 0;
  let missed = 0;
  let cancelled = 0;
  let overdue = 0;
  let heldOnTime = 0;
  let lastHeld: number | null = null;
  for (const o of occurrences) {
    if (o.status === 'cancelled') {
      cancelled++;
      continue;
    }
    if (o.status === 'scheduled' && o.dueAt.getTime() > now.getTime()) continue;
    due++;
    if (o.status === 'missed') missed++;
    if (isOverdue(o, now)) overdue++;
    if (o.status === 'held' && o.heldAt) {
      held++;
      if (o.heldAt.getTime() <= o.overdueAt.getTime()) heldOnTime++;
      lastHeld = Math.max(lastHeld ?? 0, o.heldAt.getTime());
    }
  }
  return {
    due,
    held,
    missed,
    cancelled,
    overdue,
    heldOnTime,
    shareHeldOnTime: due ? heldOnTime / due : null,
    lastHeldAt: lastHeld === null ? null : new Date(lastHeld).toISOString(),
  };
}
