/**
 * Expectation–maximisation for the Fellegi–Sunter model on comparison vectors (one level
 * index per field, -1 for missing, which counts neither way), as in Splink, fastLink and the
 * recordlinkage ECM classifier.
 */

export interface EmResult {
  /** Share of the pairs that are matches. */
  lambda: number;
  m: number[][];
  u: number[][];
  iterations: number;
}

export interface EmOptions {
  /** Number of levels per field. */
  levels: number[];
  initialM: number[][];
  initialU: number[][];
  initialLambda?: number;
  maxIterations?: number;
  /** Stop when no parameter moves more than this. */
  tolerance?: number;
  /** Floor for m and u, so that a level never seen cannot veto (log 0). */
  floor?: number;
  /** Keep u as given (estimated from random pairs) and estimate only m and λ, as Splink does. */
  fixU?: boolean;
  /** Fields left out of the likelihood (those the training pairs were blocked on). */
  ignoreFields?: number[];
  /** Fields whose m stays as given (learnt in an earlier session) but still count in the likelihood. */
  fixMFields?: number[];
}

/**
 * Estimates λ, m and u from unlabelled comparison vectors.
 *
 * @example
 * const r = estimateEm(vectors, { levels: [2, 2], initialM: [[0.9, 0.1], [0.9, 0.1]], initialU: [[0.1, 0.9], [0.1, 0.9]] });
 * // r.m[0][0] ≈ P(field 0 agrees | match)
 */
export function estimateEm(vectors: Int8Array[], options: EmOptions): EmResult {
  const { levels } = options;
  const floor = options.floor ?? 1e-5;
  let m = options.initialM.map((r) => [...r]);
  let u = options.initialU.map((r) => [...r]);
  let lambda = options.initialLambda ?? 0.1;
  const maxIt = options.maxIterations ?? 50;
  const tol = options.tolerance ?? 1e-5;
  const ignored = levels.map((_, f) => options.ignoreFields?.includes(f) ?? false);
  let it = 0;
  for (; it < maxIt; it++) {
    const mAcc = levels.map((n) => new Float64Array(n));
    const uAcc = levels.map((n) => new Float64Array(n));
    let pSum = 0;
    for (const v of vectors) {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      for (let f = 0; f < levels.length; f++) {
        const l = v[f] ?? -1;
        if (l < 0 || ignored[f]) continue;
        lm += Math.log(m[f]?.[l] ?? floor);
        lu += Math.log(u[f]?.[l] ?? floor);
      }
      const p = 1 / (1 + Math.exp(lu - lm));
      pSum += p;
      for (let f = 0; f < levels.length; f++) {
        const l = v[f] ?? -1;
        if (l < 0 || ignored[f]) continue;
        const ma = mAcc[f];
        const ua = uAcc[f];
        if (ma) ma[l] = (ma[l] ?? 0) + p;
        if (ua) ua[l] = (ua[l] ?? 0) + 1 - p;
      }
    }
    const normalise = (acc: Float64Array): number[] => {
      const total = acc.reduce((a, b) => a + b, 0);
      const raw = [...acc].map((x) => Math.max(floor, total > 0 ? x / total : 1 / acc.length));
      const s = raw.reduce((a, b) => a + b, 0);
      return raw.map((x) => x / s);
    };
    const newM = mAcc.map((acc, f) =>
      ignored[f] || options.fixMFields?.includes(f) ? (m[f] ?? []) : normalise(acc),
    );
    const newU = options.fixU ? u : uAcc.map((acc, f) => (ignored[f] ? (u[f] ?? []) : normalise(acc)));
    const newLambda = Math.min(1 - floor, Math.max(floor, pSum / Math.max(1, vectors.length)));
    let delta = Math.abs(newLambda - lambda);
    for (let f = 0; f < levels.length; f++)
      for (let l = 0; l < (levels[f] ?? 0); l++) {
        delta = Math.max(delta, Math.abs((newM[f]?.[l] ?? 0) - (m[f]?.[l] ?? 0)));
        delta = Math.max(delta, Math.abs((newU[f]?.[l] ?? 0) - (u[f]?.[l] ?? 0)));
      }
    m = newM;
    u = newU;
    lambda = newLambda;
    if (delta < tol) {
      it++;
      break;
    }
  }
  return { lambda, m, u, iterations: it };
}
