/**
 * Test support: the attacker of suppression.property.test.ts. Knowing every published cell and
 * total, and that counts are never negative, it solves the table's equations (every row and
 * every column adds up to its total) for the tightest range of each withheld cell, by linear
 * programming (minimise, then maximise, that cell). A cell is *recovered* when the range is a
 * single value. Tables with totals have a totally unimodular constraint matrix, so the range's
 * ends are whole numbers and the real (LP) range is the whole-number range.
 */

export interface Bounds {
  lo: number;
  hi: number;
}

const EPS = 1e-9;

/** min cᵀx subject to Ax = b, x ≥ 0: two-phase simplex with Bland's rule (no cycling). */
export function minimize(A: number[][], b: number[], c: number[]): number {
  const q = c.length;
  const p = A.length;
  const T = A.map((row, i) => {
    const sign = b[i]! < 0 ? -1 : 1;
    return [...row.map((v) => v * sign), ...Array.from({ length: p }, (_, k) => (k === i ? 1 : 0)), b[i]! * sign];
  });
  const basis = Array.from({ length: p }, (_, i) => q + i);
  const phase1 = Array.from({ length: q + p }, (_, j) => (j >= q ? 1 : 0));
  run(T, basis, phase1, q + p);
  if (objective(T, basis, phase1) > 1e-7) throw new Error('infeasible: the published table is inconsistent');
  for (let i = T.length - 1; i >= 0; i--) {
    if (basis[i]! < q) continue;
    const j = T[i]!.findIndex((v, col) => col < q && Math.abs(v) > EPS);
    if (j >= 0) pivot(T, basis, i, j);
    else {
      T.splice(i, 1); // a redundant equation
      basis.splice(i, 1);
    }
  }
  const cost = [...c, ...Array.from({ length: p }, () => 0)];
  return run(T, basis, cost, q) ? objective(T, basis, cost) : -Infinity;
}

function objective(T: number[][], basis: number[], cost: number[]) {
  return basis.reduce((s, bj, i) => s + cost[bj]! * T[i]!.at(-1)!, 0);
}

/** Returns false when unbounded. Only columns below `ncols` may enter. */
function run(T: number[][], basis: number[], cost: number[], ncols: number): boolean {
  for (;;) {
    let enter = -1;
    for (let j = 0; j < ncols && enter < 0; j++) {
      if (basis.includes(j)) continue;
      const reduced = cost[j]! - basis.reduce((s, bj, i) => s + cost[bj]! * T[i]![j]!, 0);
      if (reduced < -EPS) enter = j;
    }
    if (enter < 0) return true;
    let leave = -1;
    let best = Infinity;
    T.forEach((row, i) => {
      if (row[enter]! <= EPS) return;
      const ratio = row.at(-1)! / row[enter]!;
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i]! < basis[leave]!)) {
        best = ratio;
        leave = i;
      }
    });
    if (leave < 0) return false;
    pivot(T, basis, leave, enter);
  }
}

function pivot(T: number[][], basis: number[], r: number, c: number) {
  const pr = T[r]!;
  const pv = pr[c]!;
  for (let j = 0; j < pr.length; j++) pr[j] = pr[j]! / pv;
  T.forEach((row, i) => {
    if (i === r || Math.abs(row[c]!) <= EPS) return;
    const f = row[c]!;
    for (let j = 0; j < row.length; j++) row[j] = row[j]! - f * pr[j]!;
  });
  basis[r] = c;
}

/** The equations a published table (augmented with totals, `null` = withheld) gives the attacker. */
function equations(published: (number | null)[][]): { A: number[][]; b: number[]; cells: [number, number][] } {
  const cells: [number, number][] = [];
  published.forEach((r, i) => r.forEach((v, j) => v === null && cells.push([i, j])));
  const index = new Map(cells.map(([i, j], k) => [`${i},${j}`, k]));
  const A: number[][] = [];
  const b: number[] = [];
  const R = published.length;
  const C = published[0]!.length;
  const line = (members: [number, number][], totalAt: [number, number]) => {
    const row = cells.map(() => 0);
    let rhs = 0;
    for (const [[i, j], sign] of [...members.map((m) => [m, 1] as const), [totalAt, -1] as const]) {
      const k = index.get(`${i},${j}`);
      if (k === undefined) rhs -= sign * published[i]![j]!;
      else row[k] = row[k]! + sign;
    }
    if (row.some((v) => v !== 0)) {
      A.push(row);
      b.push(rhs);
    }
  };
  for (let i = 0; i < R; i++) line(Array.from({ length: C - 1 }, (_, j) => [i, j]), [i, C - 1]);
  for (let j = 0; j < C; j++) line(Array.from({ length: R - 1 }, (_, i) => [i, j]), [R - 1, j]);
  return { A, b, cells };
}

/** The attacker's range for every withheld cell of an augmented table, keyed "row,column". */
export function attackTable(published: (number | null)[][]): Map<string, Bounds> {
  const { A, b, cells } = equations(published);
  const out = new Map<string, Bounds>();
  cells.forEach(([i, j], k) => {
    const unit = cells.map((_, m) => (m === k ? 1 : 0));
    const lo = minimize(A, b, unit);
    const hi = -minimize(A, b, unit.map((v) => -v));
    out.set(`${i},${j}`, { lo, hi });
  });
  return out;
}

/** A one-way list with its total is a one-row table whose "column totals" are its own cells. */
export function attackList(counts: (number | null)[], total: number | null): Map<string, Bounds> {
  const cells: (number | null)[] = [...counts, total];
  const idx = cells.flatMap((v, k) => (v === null ? [k] : []));
  const row = idx.map((k) => (k === counts.length ? -1 : 1));
  const rhs = -cells.reduce<number>((s, v, k) => (v === null ? s : s + (k === counts.length ? -v : v)), 0);
  const out = new Map<string, Bounds>();
  idx.forEach((k, m) => {
    const unit = idx.map((_, x) => (x === m ? 1 : 0));
    const A = row.length ? [row] : [];
    out.set(String(k), { lo: minimize(A, [rhs], unit), hi: -minimize(A, [rhs], unit.map((v) => -v)) });
  });
  return out;
}
