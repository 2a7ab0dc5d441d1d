/**
 * Small-cell suppression for published counts: a pure core (no server imports).
 *
 * A cell counting fewer children than the threshold (but at least one) is withheld (primary
 * suppression). Then more cells are withheld (complementary suppression) until no withheld cell
 * can be worked out from the published cells and totals.
 *
 * The table is seen with its totals as one (rows+1) × (columns+1) array: every row of it is one
 * equation (the cells add up to the row total) and so is every column. Withheld cells are the
 * edges of a bipartite graph between those equations (row i — column j). A withheld cell is
 * uniquely determined by the published numbers exactly when its edge lies on no cycle of that
 * graph (it is a bridge); on a cycle, adding 1 and subtracting 1 alternately around it keeps every
 * equation true. So the engine withholds cells until the graph has no bridge: first, in each line
 * with exactly one withheld cell, the next-smallest non-zero cell of that line (possibly its
 * total); then, for any remaining bridge, the smallest non-zero published cell joining its two
 * sides. Because complementary cells are never zero when a non-zero choice exists, every withheld
 * cell is at least 1 and the ±1 walk stays non-negative: an attacker solving the equations with
 * non-negativity finds at least the range value−1 … value+1 for each withheld cell.
 *
 * Zeros are published: a zero says that no child is in the group, which discloses nothing about
 * any child, and "no reunifications this month" is itself information people need.
 *
 * @example
 * suppressTable({ rows: ['A', 'B'], columns: ['x', 'y'], cells: [[3, 20], [40, 50]] }, 5)
 * // → cells [[null, null], [null, null]], every total published: the 3 needs a partner in its
 * //   row (20) and its column (40), and they in theirs (50); from the totals alone it could be 0…23.
 */

/** Reports shared between parties withhold cells under 5 (docs/DESIGN.md). */
export const PARTY_THRESHOLD = 5;
/** Public statistics withhold cells under 10. */
export const PUBLIC_THRESHOLD = 10;

export interface CountTable {
  rows: string[];
  columns: string[];
  /** cells[row][column], non-negative integers. */
  cells: number[][];
}

export interface SuppressedTable {
  rows: string[];
  columns: string[];
  /** null = withheld. */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

export interface CountList {
  labels: string[];
  counts: number[];
}

export interface SuppressedList {
  labels: string[];
  counts: (number | null)[];
  total: number | null;
}

const isPrimary = (v: number, threshold: number) => v > 0 && v < threshold;

/** The table with its totals: row `m` holds the column totals, column `n` the row totals. */
export function augment(cells: number[][], columns: number): number[][] {
  const rows = cells.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
  const totals = Array.from({ length: columns + 1 }, (_, j) => rows.reduce((a, r) => a + r[j]!, 0));
  return [...rows, totals];
}

/**
 * Which cells of an augmented table (see `augment`) to withhold. Exposed for the property test;
 * callers use `suppressTable`.
 */
export function suppressionMask(aug: number[][], threshold: number): boolean[][] {
  const mask = aug.map((r) => r.map((v) => isPrimary(v, threshold)));
  const R = aug.length;
  const C = aug[0]?.length ?? 0;
  // A line holding exactly one withheld cell would give it away by subtraction.
  const fixLines = (): boolean => {
    let changed = false;
    for (let i = 0; i < R; i++) {
      const line = mask[i]!.map((w, j) => ({ i, j, w }));
      if (line.filter((c) => c.w).length === 1) changed = withholdSmallest(aug, mask, line.filter((c) => !c.w)) || changed;
    }
    for (let j = 0; j < C; j++) {
      const line = mask.map((r, i) => ({ i, j, w: r[j]! }));
      if (line.filter((c) => c.w).length === 1) changed = withholdSmallest(aug, mask, line.filter((c) => !c.w)) || changed;
    }
    return changed;
  };
  for (;;) {
    if (fixLines()) continue;
    const bridge = findBridge(mask);
    if (!bridge) return mask;
    const candidates: { i: number; j: number }[] = [];
    for (let i = 0; i < R; i++)
      for (let j = 0; j < C; j++) {
        if (mask[i]![j]) continue;
        const rowSide = bridge.sideA.has(rowNode(i));
        const colSide = bridge.sideA.has(colNode(R, j));
        const rowIn = rowSide || bridge.sideB.has(rowNode(i));
        const colIn = colSide || bridge.sideB.has(colNode(R, j));
        if (rowIn && colIn && rowSide !== colSide) candidates.push({ i, j });
      }
    if (!withholdSmallest(aug, mask, candidates)) return mask; // cannot happen once lines are fixed; stop rather than loop
  }
}

/** Withholds the smallest candidate, preferring non-zero cells (a withheld zero could be bounded). */
function withholdSmallest(aug: number[][], mask: boolean[][], candidates: { i: number; j: number }[]): boolean {
  let best: { i: number; j: number } | undefined;
  const key = (c: { i: number; j: number }) => {
    const v = aug[c.i]![c.j]!;
    return v === 0 ? Number.MAX_SAFE_INTEGER : v;
  };
  for (const c of candidates) if (!best || key(c) < key(best)) best = c;
  if (!best) return false;
  mask[best.i]![best.j] = true;
  return true;
}

const rowNode = (i: number) => i;
const colNode = (rows: number, j: number) => rows + j;

/** A withheld cell lying on no cycle, with the two sides its removal separates. */
function findBridge(mask: boolean[][]): { sideA: Set<number>; sideB: Set<number> } | undefined {
  const R = mask.length;
  const edges: [number, number][] = [];
  mask.forEach((r, i) => r.forEach((w, j) => w && edges.push([rowNode(i), colNode(R, j)])));
  const reach = (start: number, skip: number) => {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length) {
      const n = queue.pop()!;
      edges.forEach(([a, b], k) => {
        if (k === skip) return;
        const other = a === n ? b : b === n ? a : -1;
        if (other >= 0 && !seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      });
    }
    return seen;
  };
  for (let k = 0; k < edges.length; k++) {
    const [a, b] = edges[k]!;
    const sideA = reach(a, k);
    if (!sideA.has(b)) return { sideA, sideB: reach(b, k) };
  }
  return undefined;
}

/** Withholds small cells of a two-way table and whatever else would give them away. */
export function suppressTable(t: CountTable, threshold: number): SuppressedTable {
  const m = t.rows.length;
  const n = t.columns.length;
  const aug = augment(t.cells, n);
  const mask = suppressionMask(aug, threshold);
  const shown = (i: number, j: number) => (mask[i]![j] ? null : aug[i]![j]!);
  return {
    rows: t.rows,
    columns: t.columns,
    cells: t.cells.map((r, i) => r.map((_, j) => shown(i, j))),
    rowTotals: t.rows.map((_, i) => shown(i, n)),
    columnTotals: t.columns.map((_, j) => shown(m, j)),
    total: shown(m, n),
  };
}

/**
 * A one-way list with its total: one equation, so a single withheld cell is partnered with the
 * smallest non-zero published one (or, failing that, the total).
 */
export function suppressList(l: CountList, threshold: number): SuppressedList {
  const total = l.counts.reduce((a, b) => a + b, 0);
  const values = [...l.counts, total];
  const mask = values.map((v) => isPrimary(v, threshold));
  if (mask.filter(Boolean).length === 1) {
    let best = -1;
    l.counts.forEach((v, k) => {
      if (!mask[k] && v > 0 && (best < 0 || v < l.counts[best]!)) best = k;
    });
    mask[best >= 0 ? best : values.length - 1] = true;
  }
  return {
    labels: l.labels,
    counts: l.counts.map((v, k) => (mask[k] ? null : v)),
    total: mask[values.length - 1] ? null : total,
  };
}

/** A median or percentile over fewer observations than the threshold is withheld too. */
export function suppressStatistic(value: number | null, observations: number, threshold: number): number | null {
  return observations < threshold ? null : value;
}
