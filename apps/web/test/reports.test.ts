import { describe, expect, it } from 'vitest';
import { categoryBars, monthsOfSummary, periodFromMonths } from '../src/pages/reports/reports.ts';

describe('reports page helpers', () => {
  it('orders bars largest first, withheld after known counts, unknown last', () => {
    const bars = categoryBars({ labels: ['unknown', 'open', 'closed', 'merged'], counts: [7, 20, null, 10], total: 42 });
    expect(bars.map((b) => b.label)).toEqual(['open', 'merged', 'closed', 'unknown']);
    expect(bars.map((b) => b.share)).toEqual([1, 0.5, 0, 0.35]);
  });

  it('keeps the order of ordered categories such as age groups', () => {
    const bars = categoryBars({ labels: ['0-4', '5-9', '10-13', 'unknown'], counts: [null, 9, 30, 6], total: 48 }, true);
    expect(bars.map((b) => b.label)).toEqual(['0-4', '5-9', '10-13', 'unknown']);
  });

  it('turns two month pickers into the API period and back', () => {
    expect(periodFromMonths('2026-01', '2026-10')).toEqual({ from: '2026-01-01', to: '2026-11-01' });
    expect(periodFromMonths('2025-12', '2025-12')).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(periodFromMonths('2026-05', '2026-04')).toBeNull();
    expect(periodFromMonths('', '2026-04')).toBeNull();
    expect(monthsOfSummary({ from: '2026-01-01', to: '2026-11-01' })).toEqual({ fromMonth: '2026-01', toMonth: '2026-10' });
    expect(monthsOfSummary({ from: '2025-12-01', to: '2026-01-01' })).toEqual({ fromMonth: '2025-12', toMonth: '2025-12' });
  });
});
