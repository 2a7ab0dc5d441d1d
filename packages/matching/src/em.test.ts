import { describe, expect, it } from 'vitest';
import { estimateEm } from './em.ts';
import { seededRandom } from './train.ts';

// Three binary fields with known m and u; 20% of pairs are matches.
const M = [0.95, 0.9, 0.8];
const U = [0.05, 0.1, 0.2];

function simulate(n: number, lambda: number, missingRate = 0): Int8Array[] {
  const rnd = seededRandom(42);
  const out: Int8Array[] = [];
  for (let i = 0; i < n; i++) {
    const match = rnd() < lambda;
    const v = new Int8Array(3);
    for (let f = 0; f < 3; f++) {
      const agree = rnd() < ((match ? M[f] : U[f]) ?? 0);
      v[f] = rnd() < missingRate ? -1 : agree ? 0 : 1;
    }
    out.push(v);
  }
  return out;
}

const start = {
  levels: [2, 2, 2],
  initialM: [
    [0.7, 0.3],
    [0.7, 0.3],
    [0.7, 0.3],
  ],
  initialU: [
    [0.3, 0.7],
    [0.3, 0.7],
    [0.3, 0.7],
  ],
  initialLambda: 0.5,
};

describe('estimateEm', () => {
  it('recovers λ, m and u from unlabelled vectors', () => {
    const r = estimateEm(simulate(40_000, 0.2), start);
    expect(r.lambda).toBeCloseTo(0.2, 1);
    for (let f = 0; f < 3; f++) {
      expect(r.m[f]?.[0]).toBeCloseTo(M[f] ?? 0, 1);
      expect(r.u[f]?.[0]).toBeCloseTo(U[f] ?? 0, 1);
    }
  });
  it('treats missing values as neither agreement nor disagreement', () => {
    const r = estimateEm(simulate(40_000, 0.2, 0.3), start);
    expect(r.m[0]?.[0]).toBeCloseTo(0.95, 1);
  });
  it('keeps fixed u and ignored fields as given', () => {
    const r = estimateEm(simulate(20_000, 0.2), {
      ...start,
      initialU: U.map((u) => [u, 1 - u]),
      fixU: true,
      ignoreFields: [2],
    });
    expect(r.u[0]).toEqual([0.05, 0.95]);
    expect(r.m[2]).toEqual([0.7, 0.3]);
    expect(r.m[0]?.[0]).toBeCloseTo(0.95, 1);
  });
});
