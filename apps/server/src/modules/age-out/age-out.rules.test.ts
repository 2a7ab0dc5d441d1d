import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageOutStatus,
  birthRange,
  deadlineOn,
  displacedAsMinor,
  eighteenthBirthday,
  evaluateAgeOut,
  windowBirthBound,
  type AgeOutFacts,
} from './age-out.rules.ts';

const facts = (over: Partial<AgeOutFacts> = {}): AgeOutFacts => ({
  birthDate: '2008-06-15',
  precision: 'day',
  birthYear: 2008,
  displacementDate: '2022-04-10',
  dossierOpen: true,
  ...over,
});

describe('eighteenth birthday', () => {
  it('is the same day 18 years on', () => {
    expect(eighteenthBirthday('2008-06-15')).toBe('2026-06-15');
    expect(eighteenthBirthday('2008-01-01')).toBe('2026-01-01');
  });

  it('falls on 1 March for someone born on 29 February when the year has no 29 February', () => {
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01');
    expect(eighteenthBirthday('2012-02-29')).toBe('2030-03-01');
    // 2010-02-28 is an ordinary day.
    expect(eighteenthBirthday('2010-02-28')).toBe('2028-02-28');
  });
  // 18 is not a multiple of 4, so the 18th birthday of a leap-day child never falls in a leap year.
});

describe('birth range and precision', () => {
  it('spans the month or the year when only those are known', () => {
    expect(birthRange({ birthDate: '2008-02-01', precision: 'month', birthYear: 2008 })).toEqual({ earliest: '2008-02-01', latest: '2008-02-29' });
    expect(birthRange({ birthDate: '2009-02-01', precision: 'month', birthYear: 2009 })).toEqual({ earliest: '2009-02-01', latest: '2009-02-28' });
    expect(birthRange({ birthDate: '2008-01-01', precision: 'year', birthYear: 2008 })).toEqual({ earliest: '2008-01-01', latest: '2008-12-31' });
    expect(birthRange({ birthDate: null, precision: 'unknown', birthYear: 2008 })).toEqual({ earliest: '2008-01-01', latest: '2008-12-31' });
    expect(birthRange({ birthDate: null, precision: 'unknown', birthYear: null })).toBeNull();
  });

  it('queues an approximate birth date from its earliest possible 18th birthday, and counts it adult from the latest', () => {
    const month = evaluateAgeOut(facts({ birthDate: '2008-06-01', precision: 'month' }), '2026-04-01');
    expect(month).toEqual({ inQueue: true, eligibleOn: '2026-06-01', adultFrom: '2026-06-30', approximate: true });
    const year = evaluateAgeOut(facts({ birthDate: '2008-01-01', precision: 'year' }), '2025-10-03');
    expect(year).toEqual({ inQueue: true, eligibleOn: '2026-01-01', adultFrom: '2026-12-31', approximate: true });
  });

  it('leaves out a person with no birth date or year', () => {
    expect(evaluateAgeOut(facts({ birthDate: null, precision: 'unknown', birthYear: null }), '2026-04-01')).toEqual({ inQueue: false, reason: 'birth-unknown' });
  });
});

describe('the 90-day window', () => {
  it('opens exactly 90 days before the 18th birthday', () => {
    // 2026-06-15 minus 90 days is 2026-03-17.
    expect(addDays('2026-06-15', -90)).toBe('2026-03-17');
    expect(evaluateAgeOut(facts(), '2026-03-16')).toEqual({ inQueue: false, reason: 'not-in-window' });
    expect(evaluateAgeOut(facts(), '2026-03-17').inQueue).toBe(true);
  });

  it('keeps adults displaced as minors, however long ago they turned 18', () => {
    expect(evaluateAgeOut(facts({ birthDate: '2003-05-05', birthYear: 2003, displacementDate: '2014' }), '2026-04-01').inQueue).toBe(true);
  });

  it('leaves out a closed dossier', () => {
    expect(evaluateAgeOut(facts({ dossierOpen: false }), '2026-04-01')).toEqual({ inQueue: false, reason: 'dossier-not-open' });
  });

  it('pre-selects in SQL a bound that never misses anyone the rules would queue', () => {
    for (let i = 0; i < 800; i++) {
      const today = addDays('2026-01-01', i);
      const bound = windowBirthBound(today);
      // The last birth date the rules queue on `today`, searched around the bound.
      for (let k = -3; k <= 3; k++) {
        const born = addDays(bound, k);
        const queued = evaluateAgeOut(facts({ birthDate: born, displacementDate: null }), today).inQueue;
        if (queued) expect(born <= bound, `${today} ${born}`).toBe(true);
      }
    }
  });
});

describe('displaced as a minor', () => {
  it('counts a displacement before the 18th birthday, not one on or after it', () => {
    expect(displacedAsMinor('2026-06-14', '2026-06-15')).toBe(true);
    expect(displacedAsMinor('2026-06-15', '2026-06-15')).toBe(false);
    expect(evaluateAgeOut(facts({ birthDate: '2000-03-01', birthYear: 2000, displacementDate: '2022-04-10' }), '2026-04-01')).toEqual({
      inQueue: false,
      reason: 'not-displaced-as-minor',
    });
  });

  it('assumes a minor when the displacement date is unknown, and reads partial dates generously', () => {
    expect(displacedAsMinor(null, '2026-06-15')).toBe(true);
    // '2026-06' may mean 1 June, before the birthday.
    expect(displacedAsMinor('2026-06', '2026-06-15')).toBe(true);
    expect(displacedAsMinor('2026-07', '2026-06-15')).toBe(false);
    expect(displacedAsMinor('2026', '2026-06-15')).toBe(true);
  });
});

describe('deadline', () => {
  it('runs from the 18th birthday, or from the day the system found someone already adult', () => {
    expect(deadlineOn('2026-06-15', '2026-04-01', 30)).toBe('2026-07-15');
    expect(deadlineOn('2024-02-01', '2026-04-01', 30)).toBe('2026-05-01');
    expect(deadlineOn('2026-06-15', '2026-06-15', 7)).toBe('2026-06-22');
  });
});

describe('status on a day', () => {
  const entry = { withdrawnAt: null, resolvedAt: null, deadlineOn: '2026-07-15', consentDecision: null as string | null, eligibleOn: '2026-06-15' };

  it('moves from upcoming to eligible on the birthday and to overdue the day after the deadline', () => {
    expect(ageOutStatus(entry, '2026-06-14')).toBe('upcoming');
    expect(ageOutStatus(entry, '2026-06-15')).toBe('eligible');
    expect(ageOutStatus(entry, '2026-07-15')).toBe('eligible');
    expect(ageOutStatus(entry, '2026-07-16')).toBe('overdue');
  });

  it('stays overdue with a consent but no resolution; resolved and withdrawn win over everything', () => {
    expect(ageOutStatus({ ...entry, consentDecision: 'stay' }, '2026-07-01')).toBe('consent-recorded');
    expect(ageOutStatus({ ...entry, consentDecision: 'stay' }, '2026-08-01')).toBe('overdue');
    expect(ageOutStatus({ ...entry, resolvedAt: new Date() }, '2026-08-01')).toBe('resolved');
    expect(ageOutStatus({ ...entry, withdrawnAt: new Date() }, '2026-08-01')).toBe('withdrawn');
  });
});
