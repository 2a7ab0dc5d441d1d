/**
 * Estimating the model from data, the Splink way: u from random pairs (what agreement looks
 * like by coincidence), m by EM on the pairs blocking proposes, the prior from EM's match
 * share among blocked pairs. No labels are needed.
 */
import { compareRecords, FIELDS } from './compare.ts';
import { estimateEm } from './em.ts';
import { extractFeatures } from './features.ts';
import type { RecordFeatures } from './features.ts';
import type { MatchIndex } from './match-index.ts';
import { DEFAULT_MODEL } from './model.ts';
import type { ModelParams } from './model.ts';
import type { MatchRecord } from './types.ts';

const GIVEN = 0;
const FAMILY = 1;
const PATRONYMIC = 2;
const DOB = 3;
const SEX = 4;
const PLACE = 5;

export interface TrainOptions {
  /** Random pairs for u (default 150,000). */
  randomPairs?: number;
  /** Queries whose blocked candidates feed EM (default 5,000). */
  emQueries?: number;
  seed?: number;
  base?: ModelParams;
}

/** A small seeded generator (mulberry32), so that training is reproducible. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function levelShares(vectors: Int8Array[], smoothing: number): number[][] {
  return FIELDS.map((def, f) => {
    const counts = new Array<number>(def.levels.length).fill(smoothing);
    for (const v of vectors) {
      const l = v[f] ?? -1;
      if (l >= 0) counts[l] = (counts[l] ?? 0) + 1;
    }
    const total = counts.reduce((a, b) => a + b, 0);
    return counts.map((c) => c / total);
  });
}

/** Groups records by a key, for drawing training pairs that share it. */
function groupBy(
  records: RecordFeatures[],
  keyOf: (r: RecordFeatures) => string | null,
): Map<string, RecordFeatures[]> {
  const map = new Map<string, RecordFeatures[]>();
  for (const r of records) {
    const k = keyOf(r);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

const dateKey = (r: RecordFeatures): string | null =>
  r.dob && r.dob.m !== null && r.dob.d !== null ? `${r.dob.y}-${r.dob.m}-${r.dob.d}` : null;
const nameKey = (r: RecordFeatures): string | null =>
  r.family && r.given ? `${r.family.skels[0]}|${r.given.groups[0] ?? r.given.skels[0]}` : null;

/** Comparison vectors of each query against the records sharing its key (at most `cap` each). */
function pairsSharing(
  qs: RecordFeatures[],
  groups: Map<string, RecordFeatures[]>,
  keyOf: (r: RecordFeatures) => string | null,
  keep: (v: Int8Array) => boolean,
  cap = 200,
): { vectors: Int8Array[]; queries: number } {
  const vectors: Int8Array[] = [];
  let queries = 0;
  for (const q of qs) {
    const k = keyOf(q);
    const list = k === null ? undefined : groups.get(k);
    if (!list) continue;
    queries++;
    for (const r of list.slice(0, cap)) {
      if (r.id === q.id) continue;
      const v = new Int8Array(FIELDS.length);
      compareRecords(q, r, v);
      if (keep(v)) vectors.push(v);
    }
  }
  return { vectors, queries };
}

/**
 * Estimates model parameters for matching `queries` (requests; or the indexed records
 * themselves when none are given, for dossier deduplication) against the index.
 *
 * @example
 * const params = trainModel(index, requests); // JSON-serialisable
 * index.setModel(params);
 */
export function trainModel(
  index: MatchIndex,
  queries: MatchRecord[],
  options: TrainOptions = {},
): ModelParams {
  const base = options.base ?? DEFAULT_MODEL;
  const rnd = seededRandom(options.seed ?? 1);
  const records = [...index.allFeatures()];
  const pick = <T>(a: T[]): T | undefined => a[Math.floor(rnd() * a.length)];
  const nQueries = Math.min(options.emQueries ?? 5000, queries.length || records.length);
  const qs: RecordFeatures[] = [];
  for (let i = 0; i < nQueries; i++) {
    const q = queries.length ? pick(queries) : pick(records);
    if (q) qs.push('given' in q ? q : extractFeatures(q));
  }
  if (records.length < 2 || qs.length === 0) return base;

  const randomVectors: Int8Array[] = [];
  for (let i = 0; i < (options.randomPairs ?? 150_000); i++) {
    const a = pick(qs);
    const b = pick(records);
    if (!a || !b || a.id === b.id) continue;
    const v = new Int8Array(FIELDS.length);
    compareRecords(a, b, v);
    randomVectors.push(v);
  }
  const u = levelShares(randomVectors, 0.5);

  // Round-robin EM (Splink): pairs sharing the exact birth date (names are then as random as
  // in u) teach the m of the other fields; pairs sharing names, father and birthplace teach
  // the m of the date.
  const levels = FIELDS.map((d) => d.levels.length);
  const byDate = pairsSharing(qs, groupBy(records, dateKey), dateKey, () => true);
  // Same surname, given name, father and birthplace: namesakes are rare even in large
  // registries, so the dates of these pairs show how dates of true matches differ. Data
  // without patronymics falls back to pairs where one of the two agrees and neither differs.
  const byNameGroups = groupBy(records, nameKey);
  const sameName = (v: Int8Array): boolean => v[FAMILY] === 0 && (v[GIVEN] ?? 3) <= 1;
  let byName = pairsSharing(
    qs,
    byNameGroups,
    nameKey,
    (v) => sameName(v) && v[PATRONYMIC] === 0 && v[PLACE] === 0,
  );
  if (byName.vectors.length < 200)
    byName = pairsSharing(
      qs,
      byNameGroups,
      nameKey,
      (v) =>
        sameName(v) &&
        (v[PATRONYMIC] === 0 || v[PLACE] === 0) &&
        (v[PATRONYMIC] ?? -1) <= 0 &&
        (v[PLACE] ?? -1) <= 0,
    );
  const session = (
    pairs: { vectors: Int8Array[]; queries: number },
    initialM: number[][],
    ignoreFields: number[],
    fixMFields: number[],
    mostlyMatches: boolean,
  ) => {
    // Start from about one match per query, the usual case.
    const initialLambda = Math.min(0.5, Math.max(1e-4, pairs.queries / Math.max(1, pairs.vectors.length)));
    const r = estimateEm(pairs.vectors, {
      levels,
      initialM,
      initialU: u,
      initialLambda,
      fixU: true,
      ignoreFields,
      fixMFields,
    });
    // A session whose pairs are nearly all matches may rightly end at λ ≈ 1 (the same-name
    // one); λ ≈ 1 on same-date pairs means EM explained everything as matches.
    const degenerate = pairs.vectors.length < 50 || r.lambda < 1e-5 || (!mostlyMatches && r.lambda > 0.98);
    return { ...r, m: degenerate ? initialM : r.m, degenerate, pairs: pairs.vectors.length };
  };
  const baseM = base.fields.map((f) => f.m);
  const emDate = session(byDate, baseM, [DOB], [], false);
  const emName = session(byName, emDate.m, [FAMILY, GIVEN, PATRONYMIC, PLACE], [SEX], true);
  const m = FIELDS.map((_, f) => (f === DOB ? emName.m[f] : emDate.m[f]) ?? []);
  // Matches per query: λ among same-date pairs, scaled by how often a true pair has the same date.
  const exactDateShare = m[DOB]?.[0] ?? 0.5;
  const expected = emDate.degenerate
    ? base.expectedMatchesPerQuery
    : (emDate.lambda * byDate.vectors.length) / Math.max(1, byDate.queries) / exactDateShare;
  const describe = (name: string, r: typeof emDate): string =>
    `${r.pairs} ${name} pairs (${r.iterations} it., λ=${r.lambda.toFixed(3)}${r.degenerate ? ', kept defaults' : ''})`;
  return {
    ...base,
    expectedMatchesPerQuery: Math.min(2, Math.max(0.05, expected)),
    fields: FIELDS.map((def, f) => ({ name: def.name, m: m[f] ?? [], u: u[f] ?? [] })),
    trainedOn:
      `${records.length} records × ${qs.length} queries: u from ${randomVectors.length} random pairs; ` +
      `m by EM on ${describe('same-date', emDate)} and ${describe('same-name', emName)}`,
  };
}
