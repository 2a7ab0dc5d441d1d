import { describe, expect, it } from 'vitest';
import { dueDates, dueDatesToAdd, firstDue, isOverdue, overdueAtFor, regularityOf, type OccurrenceFacts, type Schedule } from './contact-schedule.ts';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const weekly: Schedule = { startsOn: '2026-06-01', intervalDays: 7, preferredWeekday: 3, preferredTime: '15:00' };
const daily: Schedule = { startsOn: '2026-06-01', intervalDays: 1, preferredWeekday: null, preferredTime: null };

describe('due dates of a plan', () => {
  it('moves the first contact to the preferred weekday and time, then repeats every interval', () => {
    // 2026-06-01 is a Monday; Wednesday is ISO weekday 3.
    expect(firstDue(weekly).toISOString()).toBe('2026-06-03T15:00:00.000Z');
    expect(iso(dueDates(weekly, new Date('2026-06-01T00:00Z'), new Date('2026-06-20T00:00Z')))).toEqual([
      '2026-06-03T15:00:00.000Z',
      '2026-06-10T15:00:00.000Z',
      '2026-06-17T15:00:00.000Z',
    ]);
  });

  it('keeps the start day when the preferred weekday is the start day, and midnight without a time', () => {
    expect(firstDue({ ...weekly, preferredWeekday: 1, preferredTime: null }).toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('starts from the first slot at or after `from`, never before the plan starts', () => {
    expect(iso(dueDates(daily, new Date('2026-06-03T00:00Z'), new Date('2026-06-05T00:00Z')))).toEqual(['2026-06-03T00:00:00.000Z', '2026-06-04T00:00:00.000Z']);
    expect(iso(dueDates(daily, new Date('2026-06-03T00:00:01Z'), undefined, 1))).toEqual(['2026-06-04T00:00:00.000Z']);
    expect(iso(dueDates(daily, new Date('2020-01-01T00:00Z'), undefined, 1))).toEqual(['2026-06-01T00:00:00.000Z']);
  });

  it('keeps a rolling horizon of four contacts ahead, and fills a gap the job left, but not a pause', () => {
    const now = new Date('2026-06-10T12:00Z');
    // A new plan: the horizon only.
    expect(iso(dueDatesToAdd(daily, { scheduleFrom: now, lastDueAt: null, upcoming: 0 }, now))).toEqual([
      '2026-06-11T00:00:00.000Z',
      '2026-06-12T00:00:00.000Z',
      '2026-06-13T00:00:00.000Z',
      '2026-06-14T00:00:00.000Z',
    ]);
    // The job was down since the 7th: the 8th to the 10th come back (they are due), then the horizon.
    const gap = dueDatesToAdd(daily, { scheduleFrom: new Date('2026-06-01T00:00Z'), lastDueAt: new Date('2026-06-07T00:00Z'), upcoming: 0 }, now);
    expect(iso(gap).slice(0, 3)).toEqual(['2026-06-08T00:00:00.000Z', '2026-06-09T00:00:00.000Z', '2026-06-10T00:00:00.000Z']);
    expect(gap).toHaveLength(7);
    // Three ahead already: one more, after the last.
    expect(iso(dueDatesToAdd(daily, { scheduleFrom: new Date('2026-06-01T00:00Z'), lastDueAt: new Date('2026-06-13T00:00Z'), upcoming: 3 }, now))).toEqual([
      '2026-06-14T00:00:00.000Z',
    ]);
    // A full horizon adds nothing.
    expect(dueDatesToAdd(daily, { scheduleFrom: new Date('2026-06-01T00:00Z'), lastDueAt: new Date('2026-06-14T00:00Z'), upcoming: 4 }, now)).toEqual([]);
  });
});

describe('overdue rule', () => {
  it('gives calls a day of grace and letters a week', () => {
    const due = new Date('2026-06-10T15:00Z');
    expect(overdueAtFor('video-call', due).toISOString()).toBe('2026-06-11T15:00:00.000Z');
    expect(overdueAtFor('phone-call', due).toISOString()).toBe('2026-06-11T15:00:00.000Z');
    expect(overdueAtFor('message', due).toISOString()).toBe('2026-06-13T15:00:00.000Z');
    expect(overdueAtFor('letter', due).toISOString()).toBe('2026-06-17T15:00:00.000Z');
  });

  it('is overdue only when still unrecorded after the grace', () => {
    const overdueAt = new Date('2026-06-11T15:00Z');
    expect(isOverdue({ status: 'scheduled', overdueAt }, new Date('2026-06-11T15:00Z'))).toBe(false);
    expect(isOverdue({ status: 'scheduled', overdueAt }, new Date('2026-06-11T15:00:01Z'))).toBe(true);
    expect(isOverdue({ status: 'held', overdueAt }, new Date('2026-07-01T00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'cancelled', overdueAt }, new Date('2026-07-01T00:00Z'))).toBe(false);
  });
});

describe('regularity', () => {
  const at = (s: string) => new Date(s);
  const occ = (dueAt: string, status: OccurrenceFacts['status'], heldAt: string | null = null): OccurrenceFacts => ({
    status,
    dueAt: at(dueAt),
    overdueAt: overdueAtFor('phone-call', at(dueAt)),
    heldAt: heldAt ? at(heldAt) : null,
  });

  it('counts due, held, missed, overdue and on-time contacts', () => {
    const now = at('2026-06-10T12:00Z');
    const r = regularityOf(
      [
        occ('2026-06-01T00:00Z', 'held', '2026-06-01T10:00Z'), // on time
        occ('2026-06-03T00:00Z', 'held', '2026-06-05T10:00Z'), // late
        occ('2026-06-05T00:00Z', 'missed'),
        occ('2026-06-07T00:00Z', 'cancelled'),
        occ('2026-06-08T00:00Z', 'scheduled'), // overdue
        occ('2026-06-10T00:00Z', 'scheduled'), // due, within grace
        occ('2026-06-12T00:00Z', 'held', '2026-06-10T11:00Z'), // held early: counts
        occ('2026-06-14T00:00Z', 'scheduled'), // not yet due
      ],
      now,
    );
    expect(r).toEqual({ due: 6, held: 3, missed: 1, cancelled: 1, overdue: 1, heldOnTime: 2, shareHeldOnTime: 2 / 6, lastHeldAt: '2026-06-10T11:00:00.000Z' });
  });

  it('has no share when nothing was due yet', () => {
    expect(regularityOf([occ('2026-06-14T00:00Z', 'scheduled')], at('2026-06-10T00:00Z'))).toMatchObject({ due: 0, shareHeldOnTime: null, lastHeldAt: null });
  });
});
