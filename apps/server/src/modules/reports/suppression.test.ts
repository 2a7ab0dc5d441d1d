import { describe, expect, it } from 'vitest';
import { attackList, attackTable } from './suppression.attack.ts';
import { augment, PARTY_THRESHOLD, PUBLIC_THRESHOLD, suppressList, suppressTable, suppressStatistic } from './suppression.ts';

const publishedAugmented = (t: ReturnType<typeof suppressTable>) => [
  ...t.cells.map((r, i) => [...r, t.rowTotals[i]!]),
  [...t.columnTotals, t.total],
];

describe('suppressTable', () => {
  it('publishes a table with no small cells unchanged, totals included', () => {
    const t = suppressTable({ rows: ['a', 'b'], columns: ['x', 'y'], cells: [[12, 30], [0, 44]] }, PUBLIC_THRESHOLD);
    expect(t.cells).toEqual([[12, 30], [0, 44]]);
    expect(t.rowTotals).toEqual([42, 44]);
    expect(t.columnTotals).toEqual([12, 74]);
    expect(t.total).toBe(86);
  });

  it('withholds a small cell and partners in its row and column, keeping zeros published', () => {
    const t = suppressTable({ rows: ['a', 'b', 'c'], columns: ['x', 'y', 'z'], cells: [[3, 20, 0], [40, 50, 60], [70, 80, 90]] }, PARTY_THRESHOLD);
    expect(t.cells).toEqual([[null, null, 0], [null, null, 60], [70, 80, 90]]);
    expect([t.rowTotals, t.columnTotals, t.total]).toEqual([[23, 150, 240], [113, 150, 150], 413]);
  });

  it('withholds a total that would reveal its only small cell (a one-row table)', () => {
    const t = suppressTable({ rows: ['a'], columns: ['x', 'y', 'z'], cells: [[2, 30, 40]] }, PARTY_THRESHOLD);
    // Each column total equals the cell above it, so the 2 is also withheld as a total, and the
    // row needs a second withheld cell (30) whose column total goes too.
    expect(t.cells).toEqual([[null, null, 40]]);
    expect(t.columnTotals).toEqual([null, null, 40]);
    expect(t.total).toBe(72);
  });

  it('withholds a small total along with the small cells under it', () => {
    const t = suppressTable({ rows: ['a', 'b'], columns: ['x', 'y'], cells: [[1, 2], [30, 40]] }, PARTY_THRESHOLD);
    expect(t.rowTotals[0]).toBeNull();
    expect(t.cells[0]).toEqual([null, null]);
  });

  it('closes a bridge that line-by-line partnering alone leaves open', () => {
    // Two blocks of withheld cells joined through one small cell: every line has two withheld
    // cells, yet the joining cell would follow from the equations.
    const cells = [
      [1, 1, 50, 50],
      [1, 1, 50, 50],
      [50, 2, 1, 1],
      [50, 50, 1, 1],
    ];
    const t = suppressTable({ rows: ['a', 'b', 'c', 'd'], columns: ['w', 'x', 'y', 'z'], cells }, PARTY_THRESHOLD);
    for (const [, b] of attackTable(publishedAugmented(t))) expect(b.hi - b.lo).toBeGreaterThanOrEqual(2);
  });

  it('the attacker recovers a small cell when only the small cells are withheld', () => {
    const aug = augment([[3, 20], [40, 50]], 2);
    const primaryOnly = aug.map((r) => r.map((v) => (v > 0 && v < 5 ? null : v)));
    expect(attackTable(primaryOnly).get('0,0')).toEqual({ lo: 3, hi: 3 });
  });
});

describe('suppressList', () => {
  it('partners a single small count with the next-smallest non-zero one', () => {
    const l = suppressList({ labels: ['a', 'b', 'c', 'd'], counts: [4, 0, 12, 30] }, PARTY_THRESHOLD);
    expect(l.counts).toEqual([null, 0, null, 30]);
    expect(l.total).toBe(46);
    for (const [, b] of attackList(l.counts, l.total)) expect(b.hi).toBeGreaterThan(b.lo);
  });

  it('withholds the total when a small count has no non-zero partner and the total is small', () => {
    expect(suppressList({ labels: ['a', 'b'], counts: [3, 0] }, PARTY_THRESHOLD)).toEqual({ labels: ['a', 'b'], counts: [null, 0], total: null });
  });

  it('publishes zeros and large counts as they are', () => {
    expect(suppressList({ labels: ['a', 'b'], counts: [0, 10] }, PUBLIC_THRESHOLD)).toEqual({ labels: ['a', 'b'], counts: [0, 10], total: 10 });
  });
});

describe('suppressStatistic', () => {
  it('withholds a median over fewer observations than the threshold', () => {
    expect(suppressStatistic(12, 4, PARTY_THRESHOLD)).toBeNull();
    expect(suppressStatistic(12, 5, PARTY_THRESHOLD)).toBe(12);
  });
});
