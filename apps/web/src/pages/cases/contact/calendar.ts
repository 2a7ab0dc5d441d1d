/**
 * The contact calendar's pure logic: which days a month shows, on which local day each contact
 * falls, the contacts a plan will schedule beyond those the server keeps ahead, and where the
 * keyboard moves the focus. Days are 'YYYY-MM-DD' keys in the reader's time zone.
 */
import type { CaseContact, ContactOccurrence } from '../../../api/client.ts';
import { occurrenceState, type OccurrenceState } from './contact.ts';

const DAY = 86_400_000;

/** A day of the month view; `inMonth` is false for the days before and after the month shown. */
export type CalendarDay = { key: string; day: number; inMonth: boolean };

/** A contact as the calendar shows it: stored (with its state) or `planned` (projected from the plan). */
export type CalendarState = OccurrenceState | 'planned';
export type CalendarItem = {
  id: string;
  dueAt: string;
  channel: ContactOccurrence['channel'];
  state: CalendarState;
  occurrence: ContactOccurrence | null;
};

const pad = (n: number) => String(n).padStart(2, '0');
const keyOfUtc = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const utcOf = (key: string) => Date.parse(`${key}T00:00:00Z`);

/**
 * The local calendar day of an instant, in `timeZone` (the reader's own when left out).
 * @example localDayKey('2026-06-03T23:30:00Z', 'Europe/Kyiv') // '2026-06-04'
 */
export function localDayKey(iso: string | Date, timeZone?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The month ('YYYY-MM') a day key falls in. */
export const monthOf = (key: string) => key.slice(0, 7);

/** The first day of the month `delta` months after the month of `month` ('YYYY-MM'). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + delta;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/**
 * The weeks of a month view, Monday first (as Ukrainian, Russian and British calendars start
 * the week): whole weeks from the Monday on or before the 1st to the Sunday on or after the last.
 * @example monthGrid('2026-06')[0][0] // { key: '2026-06-01', day: 1, inMonth: true }
 */
export function monthGrid(month: string): CalendarDay[][] {
  const first = utcOf(`${month}-01`);
  const isoWeekday = ((new Date(first).getUTCDay() + 6) % 7) + 1;
  const start = first - (isoWeekday - 1) * DAY;
  const nextMonth = utcOf(`${addMonths(month, 1)}-01`);
  const weeks: CalendarDay[][] = [];
  for (let t = start; t < nextMonth; t += 7 * DAY) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const key = keyOfUtc(t + i * DAY);
      week.push({ key, day: Number(key.slice(8)), inMonth: monthOf(key) === month });
    }
    weeks.push(week);
  }
  return weeks;
}

/** Seven dates of one week, Monday first, for naming the weekdays in the reader's language. */
export const mondayWeek: readonly Date[] = Array.from(
  { length: 7 },
  (_, i) => new Date(Date.UTC(2024, 0, 1 + i)),
);

/**
 * The contacts to show: every stored one with its state, then, for an active plan that is not
 * suspended, the contacts it will schedule after the last stored one (same rhythm, same time of
 * day) up to `until`. The server keeps only a few contacts ahead; the rest of the month is
 * projected so that the rhythm is visible.
 */
export function calendarItems(
  contact: Pick<CaseContact, 'plan' | 'occurrences'>,
  opts: { now: Date; until: Date; suspended: boolean },
): CalendarItem[] {
  const stored: CalendarItem[] = contact.occurrences.map((o) => ({
    id: o.id,
    dueAt: o.dueAt,
    channel: o.channel,
    state: occurrenceState(o, opts.now),
    occurrence: o,
  }));
  const plan = contact.plan;
  const planned: CalendarItem[] = [];
  if (plan && plan.status === 'active' && !opts.suspended) {
    const own = contact.occurrences.filter((o) => o.planId === plan.id).map((o) => Date.parse(o.dueAt));
    const step = plan.intervalDays * DAY;
    let t = own.length ? Math.max(...own) + step : firstDue(plan);
    while (t < opts.now.getTime()) t += step;
    for (let i = 0; t < opts.until.getTime() && i < 400; t += step, i++) {
      const dueAt = new Date(t).toISOString();
      planned.push({
        id: `planned:${dueAt}`,
        dueAt,
        channel: plan.channel,
        state: 'planned',
        occurrence: null,
      });
    }
  }
  return [...stored, ...planned].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** A plan's first contact (as the server schedules it): its start day, on the preferred weekday, at the preferred time (UTC). */
export function firstDue(
  plan: Pick<NonNullable<CaseContact['plan']>, 'startsOn' | 'preferredWeekday' | 'preferredTime'>,
): number {
  const [h, m] = (plan.preferredTime ?? '00:00').split(':').map(Number) as [number, number];
  const start = utcOf(plan.startsOn.slice(0, 10));
  const isoWeekday = ((new Date(start).getUTCDay() + 6) % 7) + 1;
  const shift = plan.preferredWeekday ? (plan.preferredWeekday - isoWeekday + 7) % 7 : 0;
  return start + shift * DAY + (h * 60 + m) * 60_000;
}

/** Items by local day key, each day's in time order. */
export function groupByDay(items: readonly CalendarItem[], timeZone?: string): Map<string, CalendarItem[]> {
  const out = new Map<string, CalendarItem[]>();
  for (const item of items) {
    const key = localDayKey(item.dueAt, timeZone);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/** What a day says at a glance: overdue before anything else, then due, upcoming, planned, then recorded. */
const urgency: CalendarState[] = ['overdue', 'due', 'upcoming', 'planned', 'missed', 'held', 'cancelled'];
export function dayState(items: readonly CalendarItem[] | undefined): CalendarState | null {
  if (!items?.length) return null;
  return [...items].sort((a, b) => urgency.indexOf(a.state) - urgency.indexOf(b.state))[0]!.state;
}

export type GridKey =
  'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';
export const gridKeys: readonly string[] = [
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
];

/**
 * Where the focus goes from day `key` (the WAI-ARIA date-grid keys): a day, a week, the week's
 * Monday or Sunday, or the same day of the month before or after (the last day when shorter).
 * @example moveDay('2026-01-31', 'PageDown') // '2026-02-28'
 */
export function moveDay(key: string, move: GridKey): string {
  const t = utcOf(key);
  const isoWeekday = ((new Date(t).getUTCDay() + 6) % 7) + 1;
  switch (move) {
    case 'ArrowLeft':
      return keyOfUtc(t - DAY);
    case 'ArrowRight':
      return keyOfUtc(t + DAY);
    case 'ArrowUp':
      return keyOfUtc(t - 7 * DAY);
    case 'ArrowDown':
      return keyOfUtc(t + 7 * DAY);
    case 'Home':
      return keyOfUtc(t - (isoWeekday - 1) * DAY);
    case 'End':
      return keyOfUtc(t + (7 - isoWeekday) * DAY);
    case 'PageUp':
    case 'PageDown': {
      const month = addMonths(monthOf(key), move === 'PageUp' ? -1 : 1);
      const last = Number(keyOfUtc(utcOf(`${addMonths(month, 1)}-01`) - DAY).slice(8));
      return `${month}-${pad(Math.min(Number(key.slice(8)), last))}`;
    }
  }
}

/** The days of `month` that have contacts, in order: the agenda a narrow screen shows instead of the grid. */
export function agenda(
  byDay: ReadonlyMap<string, CalendarItem[]>,
  month: string,
): Array<[string, CalendarItem[]]> {
  return [...byDay.entries()].filter(([k]) => monthOf(k) === month).sort(([a], [b]) => a.localeCompare(b));
}

/** Midnight UTC of the day after the month's last day: how far the calendar projects a plan. */
export const monthEnd = (month: string) => new Date(utcOf(`${addMonths(month, 1)}-01`) + DAY);
