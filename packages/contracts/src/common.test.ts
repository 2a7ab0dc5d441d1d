import { describe, expect, it } from 'vitest';
import { dossierPatch } from './dossiers.ts';
import { fromStoredDate, isAfterDay, isRealPartialDate, partialDate, toStoredDate } from './common.ts';

describe('partial dates', () => {
  it.each(['2012', '2012-03', '2012-03-05', '2012-02-29'])('accepts %s', (d) => expect(partialDate.safeParse(d).success).toBe(true));
  it.each(['2012-02-30', '2013-02-29', '2012-13', '2012-00-10', '12-03-2012', '1850', '2012-3-5'])('refuses %s', (d) =>
    expect(partialDate.safeParse(d).success).toBe(false),
  );
  it('stores a partial date as its first day with its precision, and gives it back', () => {
    for (const d of ['2012', '2012-03', '2012-03-05']) {
      const s = toStoredDate(d);
      expect(fromStoredDate(s.date, s.precision)).toBe(d);
    }
    expect(toStoredDate(undefined)).toEqual({ date: null, precision: 'unknown' });
  });
  it('compares the earliest day a partial date can mean', () => {
    expect(isAfterDay('2026', '2026-06-01')).toBe(false);
    expect(isAfterDay('2026-07', '2026-06-01')).toBe(true);
    expect(isRealPartialDate('2024-02-29')).toBe(true);
  });
});

describe('PATCH schemas', () => {
  it('do not fill defaults in for fields left out', () => {
    const p = dossierPatch.parse({ version: 3, biography: 'x' });
    expect(p).toEqual({ version: 3, biography: 'x' });
  });
});
