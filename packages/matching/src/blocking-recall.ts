/**
 * Measures candidate generation: the share of known true pairs whose record is among the
 * candidates the blocking rules produce (pairs completeness), and the mean number of
 * candidates per query (the work the scorer must do). With `withFallback` the names-free
 * keys are looked up for every query: the upper bound of what the fallback can add.
 */
import { extractFeatures } from './features.ts';
import type { MatchIndex } from './match-index.ts';
import type { MatchRecord } from './types.ts';

export interface BlockingRecall {
  pairs: number;
  found: number;
  recall: number;
  meanCandidates: number;
  /** The pairs the blocking missed, for inspection. */
  missed: { queryId: string; recordId: string }[];
}

/**
 * @example
 * const r = measureBlockingRecall(index, [{ query: request, recordId: 'R000123' }]);
 * // r.recall === 1 when R000123 is among the request's candidates
 */
export function measureBlockingRecall(
  index: MatchIndex,
  pairs: { query: MatchRecord; recordId: string }[],
  withFallback = false,
): BlockingRecall {
  let found = 0;
  let candidates = 0;
  const missed: BlockingRecall['missed'] = [];
  const cache = new Map<string, Set<string>>();
  for (const { query, recordId } of pairs) {
    let ids = cache.get(query.id);
    if (!ids) {
      ids = new Set(index.candidateIds(extractFeatures(query), withFallback));
      candidates += ids.size;
      cache.set(query.id, ids);
    }
    if (ids.has(recordId)) found++;
    else missed.push({ queryId: query.id, recordId });
  }
  return {
    pairs: pairs.length,
    found,
    recall: pairs.length ? found / pairs.length : 1,
    meanCandidates: cache.size ? candidates / cache.size : 0,
    missed,
  };
}
