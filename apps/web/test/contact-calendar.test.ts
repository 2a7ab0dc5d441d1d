import { describe, expect, it } from 'vitest';
import type { CaseContact, ContactOccurrence } from '../src/api/client.ts';
import {
  addMonths,
  agenda,
  calendarItems,
  dayState,
  firstDue,
  groupByDay,
  localDayKey,
  monthEnd,
  monthGrid,
  moveDay,
} from '../src/pages/cases/contact/calendar.ts';

const planId = '11111111-1111-4111-8111-111111111111';
const caseId = '22222222-2222-4222-8222-222222222222';
const user = '33333333-3333-4333-8333-333333333333';

type Plan = NonNullable<CaseContact['plan']>;
const plan = (over: Partial<Plan> = {}): Plan => ({
  id: planId,
  caseId,
  channel: 'video-call',
  intervalDays: 7,
  preferredWeekday: 3,
  preferredTime: '15:00',
  languages: ['uk'],
  interpreterNeeded: false,
  holdingSupervisorId: user,
  familySupervisorId: user,
  status: 'active',
  statusReason: null,
  startsOn: '2026-06-01',
  replacedBy: null,
  version: 1,
  createdBy: user,
  createdAt: '2026-06-01T08:00:00Z',
  updatedAt: '2026-06-01T08:00:00Z',
  ...over,
});

let n = 0;
const occurrence = (dueAt: string, over: Partial<ContactOccurrence> = {}): ContactOccurrence => ({
  id: `44444444-4444-4444-8444-${String(++n).padStart(12, '0')}`,
  planId,
  caseId,
  channel: 'video-call',
  dueAt,
  overdueAt: new Date(Date.parse(dueAt) + 86_400_000).toISOString(),
  status: 'scheduled',
  overdue: false,
  heldAt: null,
  durationMinutes: null,
  reason: null,
  notes: null,
  recordedBy: null,
  recordedAt: null,
  overdueFlaggedAt: null,
  ...over,
});

describe('month grid', () => {
  it('lays a month out in whole weeks from Monday, marking the days of other months', () => {
    // June 2026 starts on a Monday and ends on a Tuesday: five weeks, the last reaching into July.
    const weeks = monthGrid('2026-06');
    expect(weeks).toHaveLength(5);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0]![0]).toEqual({ key: '2026-06-01', day: 1, inMonth: true });
    expect(weeks[4]!.map((d) => d.key)).toEqual([
      '2026-06-29',
      '2026-06-30',
      '2026-07-01',
      '2026-07-02',
      '2026-07-03',
      '2026-07-04',
      '2026-07-05',
    ]);
    expect(weeks[4]![2]!.inMonth).toBe(false);
    // February 2026 starts on a Sunday: the first week begins on Monday 26 January.
    const feb = monthGrid('2026-02');
    expect(feb[0]![0]!.key).toBe('2026-01-26');
    expect(feb[0]![6]).toEqual({ key: '2026-02-01', day: 1, inMonth: true });
    expect(feb.flat().filter((d) => d.inMonth)).toHaveLength(28);
  });

  it('moves between months across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthEnd('2026-06').toISOString()).toBe('2026-07-02T00:00:00.000Z');
  });
});

describe('keyboard moves', () => {
  it('moves by day, week, to the week’s ends and by month, keeping within short months', () => {
    expect(moveDay('2026-06-30', 'ArrowRight')).toBe('2026-07-01');
    expect(moveDay('2026-06-01', 'ArrowLeft')).toBe('2026-05-31');
    expect(moveDay('2026-06-03', 'ArrowUp')).toBe('2026-05-27');
    expect(moveDay('2026-06-03', 'ArrowDown')).toBe('2026-06-10');
    expect(moveDay('2026-06-03', 'Home')).toBe('2026-06-01');
    expect(moveDay('2026-06-03', 'End')).toBe('2026-06-07');
    expect(moveDay('2026-01-31', 'PageDown')).toBe('2026-02-28');
    expect(moveDay('2026-03-31', 'PageUp')).toBe('2026-02-28');
    expect(moveDay('2024-03-30', 'PageUp')).toBe('2024-02-29');
  });
});

describe('days in the reader’s time zone', () => {
  it('puts a late-evening UTC contact on the next day in Kyiv and on its own day in London', () => {
    expect(localDayKey('2026-06-03T22:30:00Z', 'Europe/Kyiv')).toBe('2026-06-04');
    expect(localDayKey('2026-06-03T22:30:00Z', 'Europe/London')).toBe('2026-06-03');
  });

  it('groups contacts by local day and lists the month’s days in order', () => {
    const items = calendarItems(
      {
        plan: plan({ status: 'cancelled' }),
        occurrences: [occurrence('2026-06-10T22:30:00Z'), occurrence('2026-06-03T12:00:00Z')],
      },
      { now: new Date('2026-06-01T00:00:00Z'), until: monthEnd('2026-06'), suspended: false },
    );
    const byDay = groupByDay(items, 'Europe/Kyiv');
    expect([...byDay.keys()]).toEqual(['2026-06-03', '2026-06-11']);
    expect(agenda(byDay, '2026-06').map(([k]) => k)).toEqual(['2026-06-03', '2026-06-11']);
    expect(agenda(byDay, '2026-07')).toEqual([]);
  });
});

describe('calendar items', () => {
  const now = new Date('2026-06-12T09:00:00Z');

  it('marks overdue, due, upcoming and recorded contacts as the table does', () => {
    const items = calendarItems(
      {
        plan: plan({ status: 'cancelled' }),
        occurrences: [
          occurrence('2026-06-03T15:00:00Z', { overdue: true }),
          occurrence('2026-06-12T08:00:00Z'),
          occurrence('2026-06-17T15:00:00Z'),
          occurrence('2026-05-27T15:00:00Z', {
            status: 'held',
            heldAt: '2026-05-27T15:10:00Z',
            durationMinutes: 20,
          }),
          occurrence('2026-05-20T15:00:00Z', { status: 'missed', reason: 'No connection' }),
        ],
      },
      { now, until: monthEnd('2026-06'), suspended: false },
    );
    expect(items.map((i) => i.state)).toEqual(['missed', 'held', 'overdue', 'due', 'upcoming']);
    expect(dayState(items)).toBe('overdue');
    expect(dayState(items.filter((i) => i.state === 'held' || i.state === 'missed'))).toBe('missed');
    expect(dayState(undefined)).toBeNull();
  });

  it('expects the plan’s next contacts after the last scheduled one, at the same time, to the end of the month', () => {
    const items = calendarItems(
      { plan: plan(), occurrences: [occurrence('2026-06-17T15:00:00Z')] },
      { now, until: monthEnd('2026-06'), suspended: false },
    );
    expect(items.map((i) => [i.dueAt, i.state])).toEqual([
      ['2026-06-17T15:00:00Z', 'upcoming'],
      ['2026-06-24T15:00:00.000Z', 'planned'],
      ['2026-07-01T15:00:00.000Z', 'planned'],
    ]);
    expect(items[1]!.occurrence).toBeNull();
  });

  it('expects nothing of a suspended or cancelled plan, or while contact is suspended in an emergency', () => {
    const occurrences = [occurrence('2026-06-17T15:00:00Z')];
    const until = monthEnd('2026-06');
    expect(calendarItems({ plan: plan(), occurrences }, { now, until, suspended: true })).toHaveLength(1);
    expect(
      calendarItems({ plan: plan({ status: 'suspended' }), occurrences }, { now, until, suspended: false }),
    ).toHaveLength(1);
    expect(calendarItems({ plan: null, occurrences: [] }, { now, until, suspended: false })).toEqual([]);
  });

  it('starts a plan with nothing scheduled on its first day, as the server schedules it', () => {
    // 2026-06-01 is a Monday; the preferred weekday 3 moves the first contact to Wednesday.
    expect(new Date(firstDue(plan())).toISOString()).toBe('2026-06-03T15:00:00.000Z');
    expect(new Date(firstDue(plan({ preferredWeekday: null, preferredTime: null }))).toISOString()).toBe(
      '2026-06-01T00:00:00.000Z',
    );
    const items = calendarItems(
      { plan: plan({ startsOn: '2026-06-15' }), occurrences: [] },
      { now, until: monthEnd('2026-06'), suspended: false },
    );
    expect(items.map((i) => i.dueAt)).toEqual([
      '2026-06-17T15:00:00.000Z',
      '2026-06-24T15:00:00.000Z',
      '2026-07-01T15:00:00.000Z',
    ]);
  });
});
