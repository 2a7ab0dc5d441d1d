import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackList, attackTable } from './suppression.attack.ts';
import { augment, suppressList, suppressTable } from './suppression.ts';

// "Recover" means: from the published cells and totals, and the knowledge that no count is
// negative, the attacker's tightest range for a withheld cell (attackTable: linear programming
// over every row and column equation) is a single value. The engine promises more: every
// withheld cell keeps at least its true value ± 1 within the range (a zero can only go up).

/** Mostly small counts, so that suppression has work to do; some zeros and some large ones. */
const count = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 10, max: 200 }) });
const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([m, n]) => fc.array(fc.array(count, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));
const threshold = fc.constantFrom(5, 10);

describe('suppression against an attacker solving the table equations', () => {
  it('no withheld cell of a two-way table can be recovered', () => {
    fc.assert(
      fc.property(table, threshold, (cells, t) => {
        const s = suppressTable({ rows: cells.map((_, i) => `r${i}`), columns: cells[0]!.map((_, j) => `c${j}`), cells }, t);
        const published = [...s.cells.map((r, i) => [...r, s.rowTotals[i]!]), [...s.columnTotals, s.total]];
        const truth = augment(cells, cells[0]!.length);
        for (const [key, b] of attackTable(published)) {
          const [i, j] = key.split(',').map(Number) as [number, number];
          const v = truth[i]![j]!;
          expect(b.lo, key).toBeLessThanOrEqual(Math.max(0, v - 1) + 1e-6);
          expect(b.hi, key).toBeGreaterThanOrEqual(v + 1 - 1e-6);
        }
        // Every small non-zero cell is withheld.
        truth.forEach((r, i) => r.forEach((v, j) => v > 0 && v < t && expect(published[i]![j], `${i},${j}`).toBeNull()));
      }),
      { numRuns: 1500 },
    );
  });

  it('no withheld count of a one-way list can be recovered', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 12 }), threshold, (counts, t) => {
        const s = suppressList({ labels: counts.map(String), counts }, t);
        const truth = [...counts, counts.reduce((a, b) => a + b, 0)];
        for (const [key, b] of attackList(s.counts, s.total)) {
          const v = truth[Number(key)]!;
          expect(b.lo).toBeLessThanOrEqual(Math.max(0, v - 1) + 1e-6);
          expect(b.hi).toBeGreaterThanOrEqual(v + 1 - 1e-6);
        }
        counts.forEach((v, k) => v > 0 && v < t && expect(s.counts[k]).toBeNull());
      }),
      { numRuns: 2000 },
    );
  });

  it('the attacker does recover cells when complementary suppression is left out', () => {
    let recovered = 0;
    fc.assert(
      fc.property(table, (cells) => {
        const aug = augment(cells, cells[0]!.length);
        const primaryOnly = aug.map((r) => r.map((v) => (v > 0 && v < 5 ? null : v)));
        for (const [key, b] of attackTable(primaryOnly)) {
          const [i, j] = key.split(',').map(Number) as [number, number];
          if (b.hi - b.lo < 1e-6 && Math.abs(b.lo - aug[i]![j]!) < 1e-6) recovered++;
        }
      }),
      { numRuns: 200 },
    );
    expect(recovered).toBeGreaterThan(50);
  });
});
