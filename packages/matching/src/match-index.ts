/**
 * The in-memory matching index the server keeps, one per process: records (dossiers) are
 * added, updated and removed incrementally, and a request or a dossier is matched against
 * them in milliseconds.
 */
import { fallbackIndexKeys, fallbackQueryKeys } from './blocking-fallback.ts';
import { hashKey, indexKeys, queryKeys } from './blocking.ts';
import { compareRecords, FIELDS } from './compare.ts';
import { extractFeatures } from './features.ts';
import type { RecordFeatures } from './features.ts';
import {
  DEFAULT_MODEL,
  explain,
  priorWeight,
  probabilityFromWeight,
  tfAdjustment,
  vetoTable,
  weightTable,
} from './model.ts';
import type { ModelParams, WeightTable } from './model.ts';
import { pairTerm, pairValues, termKeys } from './pair-terms.ts';
import { siblingKeys } from './siblings.ts';
import type { Candidate, MatchRecord } from './types.ts';

export interface QueryOptions {
  /** How many candidates to return (default 5). */
  top?: number;
  /** Drop candidates below this probability (default: the model's `possible` threshold). */
  minScore?: number;
}

export interface IndexOptions {
  /** Blocks larger than this are skipped at query time, as too unselective (default 5000). */
  maxBlock?: number;
  /**
   * Names-free keys (date window + sex + area, blocking-fallback.ts): looked up when the main
   * rules find no candidate at the match threshold ('auto', the default), for every query
   * ('always'), or never.
   */
  fallback?: 'auto' | 'always' | 'never';
  /** Names-free blocks larger than this are skipped (default 64). */
  maxFallbackBlock?: number;
  /** At most this many candidates come from the names-free keys, nearest first (default 40). */
  fallbackLimit?: number;
}

/** Work done by candidate generation since the index was built (for benchmarks). */
export interface BlockingStats {
  queries: number;
  /** Candidates scored, main and names-free keys together. */
  candidates: number;
  /** Queries that also looked up the names-free keys, and the candidates those added. */
  fallbackQueries: number;
  fallbackCandidates: number;
}

const TF_LEVEL = FIELDS.map((def) => def.levels.map((_, l) => def.tfLevels?.includes(l) ?? false));

interface Scored {
  slot: number;
  weight: number;
}

/**
 * @example
 * const index = new MatchIndex();
 * index.add({ id: 'R1', given_name: 'Александр', family_name: 'Коваленко', birth_date: '2012-03-05' });
 * const [best] = index.query({ id: 'Q1', given_name: 'Олександр', family_name: 'Коваленко', birth_date: '2012-03-05' });
 * // best.record_id === 'R1', best.decision === 'match', best.evidence explains the score
 */
export class MatchIndex {
  private params: ModelParams;
  private weights: WeightTable;
  private vetoes: boolean[][];
  private readonly maxBlock: number;
  private readonly fallback: NonNullable<IndexOptions['fallback']>;
  private readonly maxFallbackBlock: number;
  private readonly fallbackLimit: number;
  private readonly counters: BlockingStats = {
    queries: 0,
    candidates: 0,
    fallbackQueries: 0,
    fallbackCandidates: 0,
  };
  private readonly slots: (RecordFeatures | null)[] = [];
  private readonly slotById = new Map<string, number>();
  // Slots freed by remove() are reused, so a long-running index does not grow with updates.
  private readonly freeSlots: number[] = [];
  // Blocking keys are hashed to small integers: far less memory than strings at 500k records,
  // and a rare collision only merges two blocks (more candidates, never fewer).
  private readonly blocks = new Map<number, number[]>();
  // Sibling groups (siblings.ts), hashed the same way.
  private readonly groups = new Map<number, number[]>();
  private readonly termCounts = new Map<string, number>();
  private readonly yearCounts = new Map<number, number>();
  private seen = new Uint32Array(1024);
  private stamp = 0;

  constructor(params: ModelParams = DEFAULT_MODEL, options: IndexOptions = {}) {
    this.params = params;
    this.weights = weightTable(params);
    this.vetoes = vetoTable(params);
    this.maxBlock = options.maxBlock ?? 5000;
    this.fallback = options.fallback ?? 'auto';
    this.maxFallbackBlock = options.maxFallbackBlock ?? 64;
    this.fallbackLimit = options.fallbackLimit ?? 40;
  }

  get stats(): BlockingStats {
    return { ...this.counters };
  }

  get size(): number {
    return this.slotById.size;
  }

  get model(): ModelParams {
    return this.params;
  }

  setModel(params: ModelParams): void {
    this.params = params;
    this.weights = weightTable(params);
    this.vetoes = vetoTable(params);
  }

  private vetoed(): boolean {
    for (let f = 0; f < FIELDS.length; f++) {
      const l = this.levels[f] ?? -1;
      if (l >= 0 && this.vetoes[f]?.[l]) return true;
    }
    return false;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** The features of an indexed record (for training and evaluation). */
  features(id: string): RecordFeatures | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : (this.slots[slot] ?? undefined);
  }

  /** All indexed features (in slot order). */
  *allFeatures(): Generator<RecordFeatures> {
    for (const f of this.slots) if (f) yield f;
  }

  /** Adds a record, replacing any record with the same id. */
  add(record: MatchRecord): void {
    if (this.slotById.has(record.id)) this.remove(record.id);
    const f = extractFeatures(record);
    const free = this.freeSlots.pop();
    const slot = free ?? this.slots.length;
    if (free === undefined) this.slots.push(f);
    else this.slots[slot] = f;
    this.slotById.set(record.id, slot);
    for (const k of [...indexKeys(f), ...fallbackIndexKeys(f)]) fileUnder(this.blocks, hashKey(k), slot);
    for (const k of siblingKeys(f)) fileUnder(this.groups, hashKey(k), slot);
    this.count(f, 1);
  }

  /** Replaces a record (same as add; named for readability at call sites). */
  update(record: MatchRecord): void {
    this.add(record);
  }

  /** Removes a record; returns false when it was not indexed. */
  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    const f = this.slots[slot];
    // Keys are recomputed from the features (deterministic) rather than stored per record.
    if (f) {
      for (const k of [...indexKeys(f), ...fallbackIndexKeys(f)]) removeFrom(this.blocks, hashKey(k), slot);
      for (const k of siblingKeys(f)) removeFrom(this.groups, hashKey(k), slot);
      this.count(f, -1);
    }
    this.slots[slot] = null;
    this.freeSlots.push(slot);
    this.slotById.delete(id);
    return true;
  }

  private count(f: RecordFeatures, delta: number): void {
    for (const k of termKeys(f)) this.termCounts.set(k, (this.termCounts.get(k) ?? 0) + delta);
    if (f.dob) this.yearCounts.set(f.dob.y, (this.yearCounts.get(f.dob.y) ?? 0) + delta);
  }

  /** Share of indexed records having a term (for term-frequency adjustment). */
  private frequency(key: string): number {
    return (this.termCounts.get(key) ?? 0) / Math.max(1, this.size);
  }

  private yearRange(): [number, number] {
    let lo = Infinity;
    let hi = -Infinity;
    for (const [y, n] of this.yearCounts) if (n > 0) [lo, hi] = [Math.min(lo, y), Math.max(hi, y)];
    return lo <= hi ? [lo, hi] : [0, -1];
  }

  /**
   * Slots of the candidates a query's blocking keys reach (excluding `excludeSlot`), with
   * the names-free keys too when `withFallback`.
   */
  candidateSlots(f: RecordFeatures, excludeSlot = -1, withFallback = false): number[] {
    if (this.seen.length < this.slots.length) this.seen = new Uint32Array(this.slots.length * 2);
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const out: number[] = [];
    for (const k of queryKeys(f, this.yearRange()))
      this.collect(k, excludeSlot, this.maxBlock, out, Infinity);
    return withFallback ? out.concat(this.fallbackSlots(f, excludeSlot)) : out;
  }

  /** Adds a block's unseen slots to `out`, up to `limit` in all; false when `out` is full. */
  private collect(key: string, excludeSlot: number, maxBlock: number, out: number[], limit: number): boolean {
    const b = this.blocks.get(hashKey(key));
    if (!b || b.length > maxBlock) return true;
    for (const s of b) {
      if (out.length >= limit) return false;
      if (this.seen[s] === this.stamp || s === excludeSlot) continue;
      this.seen[s] = this.stamp;
      out.push(s);
    }
    return true;
  }

  /** The names-free candidates not yet seen by the current query (call after candidateSlots). */
  private fallbackSlots(f: RecordFeatures, excludeSlot: number): number[] {
    const out: number[] = [];
    for (const k of fallbackQueryKeys(f))
      if (!this.collect(k, excludeSlot, this.maxFallbackBlock, out, this.fallbackLimit)) break;
    return out;
  }

  /** Ids of the candidates a query's blocking keys reach (names-free keys included if asked). */
  candidateIds(f: RecordFeatures, withFallback = false): string[] {
    return this.candidateSlots(f, -1, withFallback).map((s) => this.slots[s]?.id ?? '');
  }

  private readonly levels = new Int8Array(FIELDS.length);
  private readonly fieldWeights = new Array<number>(FIELDS.length).fill(0);

  /** Compares query features with indexed features; fills this.levels and this.fieldWeights. */
  private weigh(q: RecordFeatures, r: RecordFeatures): number {
    compareRecords(q, r, this.levels);
    let total = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const l = this.levels[f] ?? -1;
      let w = 0;
      if (l >= 0) {
        const tf = TF_LEVEL[f]?.[l] ? pairTerm(q, r, f, l) : undefined;
        w = tf === undefined ? (this.weights[f]?.[l] ?? 0) : this.tfWeighted(f, l, tf);
      }
      this.fieldWeights[f] = w;
      total += w;
    }
    return total;
  }

  /** The level's weight with term-frequency adjustment for the agreeing value. */
  private tfWeighted(f: number, l: number, key: string): number {
    return (this.weights[f]?.[l] ?? 0) + tfAdjustment(this.params, f, l, this.frequency(key));
  }

  private candidate(q: RecordFeatures, r: RecordFeatures, prior: number): Candidate {
    const weight = prior + this.weigh(q, r);
    const score = probabilityFromWeight(weight);
    return {
      record_id: r.id,
      score: Math.round(score * 10000) / 10000,
      decision: score >= this.params.thresholds.match && !this.vetoed() ? 'match' : 'possible',
      weight: Math.round(weight * 100) / 100,
      evidence: explain(prior, this.levels, this.fieldWeights, pairValues(q, r)),
    };
  }

  private rank(q: RecordFeatures, excludeSlot: number, options: QueryOptions): Candidate[] {
    const top = options.top ?? 5;
    const minScore = options.minScore ?? this.params.thresholds.possible;
    const prior = priorWeight(this.params, this.size);
    const scored: Scored[] = [];
    let best = -Infinity;
    const score = (slots: number[]): void => {
      for (const slot of slots) {
        const r = this.slots[slot];
        if (!r) continue;
        const weight = prior + this.weigh(q, r);
        best = Math.max(best, weight);
        scored.push({ slot, weight });
      }
    };
    score(this.candidateSlots(q, excludeSlot));
    this.counters.queries++;
    const confident = probabilityFromWeight(best) >= this.params.thresholds.match;
    if (this.fallback === 'always' || (this.fallback === 'auto' && !confident)) {
      const extra = this.fallbackSlots(q, excludeSlot);
      score(extra);
      this.counters.fallbackQueries++;
      this.counters.fallbackCandidates += extra.length;
    }
    this.counters.candidates += scored.length;
    scored.sort((a, b) => b.weight - a.weight);
    const out: Candidate[] = [];
    for (const s of scored.slice(0, top)) {
      const r = this.slots[s.slot];
      if (!r || probabilityFromWeight(s.weight) < minScore) break;
      out.push(this.candidate(q, r, prior));
    }
    return out;
  }

  /**
   * The full comparison of a query with one indexed record, whether or not blocking would
   * propose it: the side-by-side payload for a reviewer.
   */
  explainPair(query: MatchRecord, recordId: string): Candidate | null {
    const r = this.features(recordId);
    if (!r) return null;
    return this.candidate(extractFeatures(query), r, priorWeight(this.params, this.size));
  }

  /** Candidates for a request (or any record not in the index), best first. */
  query(request: MatchRecord, options: QueryOptions = {}): Candidate[] {
    return this.rank(extractFeatures(request), -1, options);
  }

  /** Likely duplicates of an indexed record among the other indexed records. */
  queryRecord(id: string, options: QueryOptions = {}): Candidate[] {
    const slot = this.slotById.get(id);
    const f = slot === undefined ? null : this.slots[slot];
    if (slot === undefined || !f) return [];
    return this.rank(f, slot, options);
  }

  /** Ids of the records in the same sibling group as an indexed record (siblings.ts). */
  siblingsOf(id: string): string[] {
    const slot = this.slotById.get(id);
    const f = slot === undefined ? null : this.slots[slot];
    if (slot === undefined || !f) return [];
    const out = new Set<string>();
    for (const k of siblingKeys(f))
      for (const s of this.groups.get(hashKey(k)) ?? []) {
        const sib = this.slots[s];
        if (s !== slot && sib && siblingKeys(sib).includes(k)) out.add(sib.id);
      }
    return [...out];
  }

  /**
   * Candidates for a request that seeks several children of one family. Each child is
   * matched on its own; then the sibling group of every record confidently matched to one
   * child is offered for the others, even below the `possible` threshold, since a sibling
   * may have been renamed beyond recognition. Those candidates carry a `sibling` evidence
   * line (weight 0: the score itself is unchanged).
   *
   * @example
   * const [anna, ivan] = index.queryFamily([annaRequest, ivanRequest]);
   * // ivan lists the record of a renamed boy removed with Anna's record, if any
   */
  queryFamily(children: MatchRecord[], options: QueryOptions = {}): Candidate[][] {
    const feats = children.map((c) => extractFeatures(c));
    const lists = feats.map((f) => this.rank(f, -1, options));
    const prior = priorWeight(this.params, this.size);
    return lists.map((list, i) => {
      const listed = new Set(list.map((c) => c.record_id));
      const q = feats[i];
      const extra: Candidate[] = [];
      lists.forEach((other, j) => {
        if (j === i || !q) return;
        for (const c of other.filter((o) => o.decision === 'match'))
          for (const id of this.siblingsOf(c.record_id)) {
            const r = this.features(id);
            if (!r || listed.has(id)) continue;
            listed.add(id);
            const cand = this.candidate(q, r, prior);
            cand.decision = 'possible';
            cand.evidence.push({
              field: 'sibling',
              level: `listed with ${c.record_id}, found for another child`,
              weight: 0,
            });
            extra.push(cand);
          }
      });
      extra.sort((a, b) => b.weight - a.weight);
      return [...list, ...extra.slice(0, options.top ?? 5)];
    });
  }

  /** Levels of a pair (for training): query features against indexed features. */
  compareLevels(q: RecordFeatures, r: RecordFeatures, out: Int8Array): void {
    compareRecords(q, r, out);
  }
}

function fileUnder(map: Map<number, number[]>, key: number, slot: number): void {
  const b = map.get(key);
  if (b) b.push(slot);
  else map.set(key, [slot]);
}

function removeFrom(map: Map<number, number[]>, key: number, slot: number): void {
  const b = map.get(key);
  if (!b) return;
  const i = b.indexOf(slot);
  if (i >= 0) {
    b[i] = b[b.length - 1] ?? slot;
    b.pop();
  }
  if (b.length === 0) map.delete(key);
}
