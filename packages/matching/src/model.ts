/**
 * The Fellegi–Sunter model (as in Splink): per field and level an m probability (the level
 * is seen when the pair is the same child) and a u probability (seen by coincidence). The
 * match weight of a level is log2(m/u); the weights add up with the prior into the log-odds
 * of a match. Parameters are plain JSON so the server can store them.
 */
import { FIELDS } from './compare.ts';
import type { FieldEvidence } from './types.ts';

export interface FieldParams {
  name: string;
  m: number[];
  u: number[];
}

export interface ModelParams {
  version: 1;
  /** How many true records a query is expected to have among all indexed records; sets the prior. */
  expectedMatchesPerQuery: number;
  fields: FieldParams[];
  /** Smallest u used by term-frequency adjustment (Splink's tf_minimum_u_value). */
  tfMinU: number;
  thresholds: { match: number; possible: number };
  /**
   * Levels that keep a pair from being called a `match` whatever its probability, by field
   * name: a different given name with the same family, parents and birthplace is the
   * signature of a sibling, and a contradicting birth date of a namesake. Such pairs stay
   * `possible`, for a person to judge.
   */
  vetoes: Record<string, number[]>;
  /** Where the parameters came from: 'default' or a training summary. */
  trainedOn: string;
}

/**
 * Hand-set starting values (m from the rates of alteration reported in matching-anchors.md §3,
 * u from name and date frequencies); `trainModel` replaces them with estimates from data.
 */
export const DEFAULT_MODEL: ModelParams = {
  version: 1,
  expectedMatchesPerQuery: 0.8,
  fields: [
    { name: 'given_name', m: [0.8, 0.12, 0.04, 0.04], u: [0.01, 0.003, 0.02, 0.967] },
    { name: 'family_name', m: [0.78, 0.05, 0.03, 0.14], u: [0.002, 0.003, 0.0005, 0.9945] },
    { name: 'patronymic', m: [0.9, 0.03, 0.07], u: [0.03, 0.01, 0.96] },
    {
      name: 'birth_date',
      m: [0.72, 0.06, 0.03, 0.03, 0.05, 0.04, 0.03, 0.04],
      u: [0.00017, 0.0004, 0.0002, 0.0004, 0.005, 0.06, 0.25, 0.68],
    },
    { name: 'sex', m: [0.97, 0.03], u: [0.5, 0.5] },
    { name: 'place', m: [0.6, 0.2, 0.1, 0.1], u: [0.03, 0.03, 0.15, 0.79] },
  ],
  tfMinU: 0.0001,
  thresholds: { match: 0.9, possible: 0.0001 },
  vetoes: { given_name: [3], birth_date: [5, 6, 7] },
  trainedOn: 'default',
};

/** Weights per field and level, precomputed (log2 m/u, capped where the field allows). */
export type WeightTable = Float64Array[];

export function weightTable(params: ModelParams): WeightTable {
  return FIELDS.map((def, f) => {
    const fp = params.fields[f];
    const w = new Float64Array(def.levels.length);
    for (let l = 0; l < def.levels.length; l++) {
      const raw = Math.log2((fp?.m[l] ?? 1e-6) / (fp?.u[l] ?? 1));
      w[l] = def.maxAgainst !== undefined ? Math.max(raw, -def.maxAgainst) : raw;
    }
    return w;
  });
}

/** Term-frequency adjustment in bits: log2(u of the level / frequency of the agreeing value). */
export function tfAdjustment(params: ModelParams, field: number, level: number, freq: number): number {
  const u = params.fields[field]?.u[level] ?? 1;
  return Math.log2(u / Math.max(params.tfMinU, freq));
}

/** Log2 prior odds for one query against `population` indexed records. */
export function priorWeight(params: ModelParams, population: number): number {
  const p = Math.min(0.5, params.expectedMatchesPerQuery / Math.max(1, population));
  return Math.log2(p / (1 - p));
}

export function probabilityFromWeight(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/**
 * Builds the reviewer's waterfall from comparison levels and the per-field weights: first the
 * prior (how likely any one indexed record is the child, before looking), then one line per
 * field. The weights add up to the total; the score is 1 / (1 + 2^-total).
 */
export function explain(
  prior: number,
  levels: Int8Array,
  weights: number[],
  values: [string, string][],
): FieldEvidence[] {
  const round = (w: number): number => Math.round(w * 100) / 100;
  const lines: FieldEvidence[] = [
    {
      field: 'prior',
      level: 'chance that any one record is this child, before comparing',
      weight: round(prior),
    },
  ];
  FIELDS.forEach((def, f) => {
    const l = levels[f] ?? -1;
    const w = weights[f] ?? 0;
    let level = l < 0 ? 'missing on one side' : (def.levels[l] ?? '?');
    if (def.maxAgainst !== undefined && w <= -def.maxAgainst)
      level += ' (counts only a little: often changed in holding-country records)';
    const ev: FieldEvidence = { field: def.name, level, weight: round(w) };
    const v = values[f];
    if (v && (v[0] || v[1])) ev.values = v;
    lines.push(ev);
  });
  return lines;
}

/** Field index → vetoing levels, from the serialisable name-keyed form. */
export function vetoTable(params: ModelParams): boolean[][] {
  return FIELDS.map((def) => def.levels.map((_, l) => params.vetoes?.[def.name]?.includes(l) ?? false));
}
