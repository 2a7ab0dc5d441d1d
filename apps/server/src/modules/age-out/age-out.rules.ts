import { toStoredDate, type ageOutStatuses } from '@homeward/contracts';

// The age-out rules as pure functions of dates ('YYYY-MM-DD', UTC days): who enters the queue,
// from when consent is theirs to give, and when their case is due. docs/AGE-OUT.md explains them.

/** Days ahead of the 18th birthday from which a young person is in the queue. */
export const WINDOW_DAYS = 90;

export type BirthPrecision = 'day' | 'month' | 'year' | 'unknown';

/** What the rules need from a dossier. */
export interface AgeOutFacts {
  /** Stored birth date: the first day of the month or year when only those are known. */
  birthDate: string | null;
  precision: BirthPrecision;
  birthYear: number | null;
  /** The displacement date as entered: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  displacementDate: string | null;
  dossierOpen: boolean;
}

export type ExclusionReason = 'dossier-not-open' | 'birth-unknown' | 'not-displaced-as-minor' | 'not-in-window';

export type Evaluation =
  | {
      inQueue: true;
      /** Earliest possible 18th birthday: the person is in the queue 90 days before it. */
      eligibleOn: string;
      /** Latest possible 18th birthday: from this day they are surely adult (consent is theirs). */
      adultFrom: string;
      approximate: boolean;
    }
  | { inQueue: false; reason: ExclusionReason };

const pad = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * The day someone born on `birthDate` turns 18. Born on 29 February: 1 March in a year that has
 * no 29 February (the day after 28 February, when the 18 years are surely complete).
 * @example eighteenthBirthday('2008-02-29') // '2026-03-01'
 */
export function eighteenthBirthday(birthDate: string): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  if (m === 2 && d === 29 && !isLeap(y + 18)) return `${y + 18}-03-01`;
  return `${y + 18}-${pad(m)}-${pad(d)}`;
}

/** The earliest and latest day the person can have been born, or null when nothing is known. */
export function birthRange(f: Pick<AgeOutFacts, 'birthDate' | 'precision' | 'birthYear'>): { earliest: string; latest: string } | null {
  const year = f.birthDate ? Number(f.birthDate.slice(0, 4)) : f.birthYear;
  if (f.birthDate && f.precision === 'day') return { earliest: f.birthDate, latest: f.birthDate };
  if (f.birthDate && f.precision === 'month') {
    const [y, m] = f.birthDate.split('-').map(Number) as [number, number];
    return { earliest: `${y}-${pad(m)}-01`, latest: `${y}-${pad(m)}-${pad(daysInMonth(y, m))}` };
  }
  // Year precision, or an unknown precision with a year still recorded (older imports).
  if (year && (f.precision === 'year' || f.birthYear)) return { earliest: `${year}-01-01`, latest: `${year}-12-31` };
  return null;
}

/**
 * Whether the person was displaced as a minor. An unknown displacement date counts as a minor:
 * a dossier exists only for a child in the care system. A partial date counts when its first
 * possible day is before the latest possible 18th birthday, so that nobody is missed.
 */
export function displacedAsMinor(displacementDate: string | null, adultFrom: string): boolean {
  if (!displacementDate) return true;
  const earliest = toStoredDate(displacementDate).date;
  return !earliest || earliest < adultFrom;
}

/**
 * Decides whether a dossier belongs in the age-out queue on `today`.
 * @example evaluateAgeOut({ birthDate: '2008-06-15', precision: 'day', birthYear: 2008, displacementDate: '2022-04', dossierOpen: true }, '2026-04-01')
 * // { inQueue: true, eligibleOn: '2026-06-15', adultFrom: '2026-06-15', approximate: false }
 */
export function evaluateAgeOut(f: AgeOutFacts, today: string, windowDays = WINDOW_DAYS): Evaluation {
  if (!f.dossierOpen) return { inQueue: false, reason: 'dossier-not-open' };
  const born = birthRange(f);
  if (!born) return { inQueue: false, reason: 'birth-unknown' };
  const eligibleOn = eighteenthBirthday(born.earliest);
  const adultFrom = eighteenthBirthday(born.latest);
  if (!displacedAsMinor(f.displacementDate, adultFrom)) return { inQueue: false, reason: 'not-displaced-as-minor' };
  if (eligibleOn > addDays(today, windowDays)) return { inQueue: false, reason: 'not-in-window' };
  return { inQueue: true, eligibleOn, adultFrom, approximate: born.earliest !== born.latest };
}

/**
 * The day by which the case must be decided: `deadlineDays` after the person is surely adult,
 * or after the day the system found them if they were already adult then.
 */
export function deadlineOn(adultFrom: string, foundOn: string, deadlineDays: number): string {
  return addDays(adultFrom > foundOn ? adultFrom : foundOn, deadlineDays);
}

/**
 * The upper bound of birth dates the scan must look at on `today` (SQL pre-selection; the rules
 * above decide). One day of slack covers 29 February.
 */
export function windowBirthBound(today: string, windowDays = WINDOW_DAYS): string {
  const [y, m, d] = addDays(today, windowDays + 1).split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y - 18}-${pad(m)}-${pad(day)}`;
}

export type AgeOutStatus = (typeof ageOutStatuses)[number];

/**
 * An entry's status on `today`, computed rather than stored because it changes with the date
 * alone. Past the deadline without a resolution is overdue, even with a consent recorded.
 */
export function ageOutStatus(
  e: { withdrawnAt: unknown; resolvedAt: unknown; deadlineOn: string; consentDecision: string | null; eligibleOn: string },
  today: string,
): AgeOutStatus {
  if (e.withdrawnAt) return 'withdrawn';
  if (e.resolvedAt) return 'resolved';
  if (today > e.deadlineOn) return 'overdue';
  if (e.consentDecision) return 'consent-recorded';
  if (today >= e.eligibleOn) return 'eligible';
  return 'upcoming';
}
