import type { PublicStatistics } from '@homeward/contracts';
import { getCheckpoint } from '../transparency/log-proofs.service.ts';
import type { LogDeps } from '../transparency/log.service.ts';
import { buildReport, defaultPeriod } from './reports.service.ts';

/** How long one computation of the public statistics is served (they are aggregates; the page is unauthenticated). */
export const PUBLIC_CACHE_SECONDS = 300;

const cache = new WeakMap<object, { at: number; value: PublicStatistics }>();

/**
 * The public statistics (threshold 10, every party's records, the twelve months to the current
 * one) and the current signed tree head. Computed at most once per PUBLIC_CACHE_SECONDS per
 * database, so that anonymous traffic cannot make the server run the aggregates at will.
 */
export async function getPublicStatistics(deps: LogDeps): Promise<PublicStatistics> {
  const now = deps.clock.now();
  const hit = cache.get(deps.db);
  if (hit && now.getTime() - hit.at < PUBLIC_CACHE_SECONDS * 1000 && now.getTime() >= hit.at) return hit.value;
  const statistics = await buildReport(deps.db, { period: defaultPeriod(now), partyId: null, now });
  const cp = await getCheckpoint(deps);
  const value: PublicStatistics = {
    statistics,
    checkpoint: {
      origin: cp.origin,
      size: cp.size,
      rootHash: cp.rootHash,
      note: cp.witness.cosignedNote || cp.note,
      logKey: cp.logKey,
      witnessStatus: cp.witness.status,
    },
  };
  cache.set(deps.db, { at: now.getTime(), value });
  return value;
}
