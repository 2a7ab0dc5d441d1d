import { isAfterDay, toStoredDate } from '@homeward/contracts';
import type { ErrorIssue } from '../../errors.ts';

/** Date rules that need today's date (so they live in services, with the clock). */
export function identityDateIssues(
  i: { birthDate?: string | undefined; displacement?: { date?: string | undefined } | undefined },
  today: string,
  prefix = '',
): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (i.birthDate && isAfterDay(i.birthDate, today)) issues.push({ path: `${prefix}birthDate`, message: 'is in the future' });
  const moved = i.displacement?.date;
  if (moved && isAfterDay(moved, today)) issues.push({ path: `${prefix}displacement.date`, message: 'is in the future' });
  if (moved && i.birthDate) {
    const born = toStoredDate(i.birthDate).date!;
    // Compare at the coarser precision: '2014' vs '2014-03-01' must not be "before birth".
    const len = Math.min(i.birthDate.length, moved.length);
    if (moved.slice(0, len) < born.slice(0, len)) {
      issues.push({ path: `${prefix}displacement.date`, message: 'is before the birth date' });
    }
  }
  return issues;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
