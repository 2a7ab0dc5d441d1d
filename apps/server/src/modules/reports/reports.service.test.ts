import { describe, expect, it } from 'vitest';
import { barChart } from './report-html.ts';
import { label, pickLang } from './report-i18n.ts';
import { ageGroupOf, defaultPeriod, monthPeriod, monthsOf, quantile } from './reports.service.ts';

describe('ageGroupOf', () => {
  it.each([
    [0, '0-4'],
    [4, '0-4'],
    [5, '5-9'],
    [9, '5-9'],
    [10, '10-13'],
    [13, '10-13'],
    [14, '14-17'],
    [17, '14-17'],
    [18, '18+'],
    [40, '18+'],
    [null, 'unknown'],
    [-1, 'unknown'],
  ] as const)('age %s is in group %s', (age, group) => expect(ageGroupOf(age)).toBe(group));
});

describe('quantile (linear interpolation, as percentile_cont)', () => {
  it('gives the median and the 90th percentile', () => {
    expect(quantile([10, 2, 6, 4, 8], 0.5)).toBe(6);
    expect(quantile([2, 4, 6, 8, 10], 0.9)).toBe(9.2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('periods', () => {
  it('the default period is the twelve months up to the current one', () => {
    expect(defaultPeriod(new Date('2026-06-01T10:00:00Z'))).toEqual({ from: '2025-07-01', to: '2026-07-01' });
    expect(monthPeriod('2026-01')).toEqual({ from: '2025-02-01', to: '2026-02-01' });
  });

  it('lists every month the period touches', () => {
    expect(monthsOf('2025-11-01', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(monthsOf('2026-01-09', '2026-02-15')).toEqual(['2026-01', '2026-02']);
  });
});

describe('words and charts', () => {
  it('picks the asked language, then Accept-Language, then Ukrainian', () => {
    expect(pickLang('en', 'ru')).toBe('en');
    expect(pickLang('de', 'de-DE,ru;q=0.8')).toBe('ru');
    expect(pickLang(undefined, undefined)).toBe('uk');
  });

  it('translates codes and leaves months and age groups as they are', () => {
    expect(label('uk', 'crossed-border')).toBe('перетнули кордон');
    expect(label('en', 'in-contact')).toBe('in contact');
    expect(label('en', '10-13')).toBe('10-13');
  });

  it('draws a bar per published count and none for a withheld one', () => {
    const svg = barChart({ labels: ['a', 'b', 'c'], counts: [12, null, 0], total: 20 }, 'en');
    expect(svg.match(/<rect/g)).toHaveLength(2);
    expect(svg).toContain('— withheld');
  });
});
