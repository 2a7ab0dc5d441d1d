import { unwrapKey, wrapKey } from '@homeward/media';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { mapMediaErrors } from './media.errors.ts';
import { countBlobsByKey, deleteMediaRow, findBlobs, findBlobsWrappedWithout, findSweepable, setBlobKey } from './media.repository.ts';
import type { MediaDeps } from './media.service.ts';

/**
 * Finishes what crashes and deletions left: blobs of uploads that never became ready (pending for
 * longer than `pendingOlderThanMs`, default one hour, so uploads in flight are left alone) and of
 * deleted files are removed from the store, then their rows. Safe to run any time, from any process.
 */
export async function sweepMedia(deps: MediaDeps, opts: { pendingOlderThanMs?: number } = {}): Promise<{ removed: number }> {
  const before = new Date(deps.clock.now().getTime() - (opts.pendingOlderThanMs ?? 60 * 60 * 1000));
  let removed = 0;
  for (;;) {
    const batch = await findSweepable(deps.db, before);
    if (batch.length === 0) return { removed };
    for (const file of batch) {
      for (const blob of await findBlobs(deps.db, [file.id])) await mapMediaErrors(() => deps.storage.store.delete(blob.id));
      await deleteMediaRow(deps.db, file.id);
      removed++;
    }
  }
}

export interface RotationResult {
  keyId: string;
  rewrapped: number;
  before: Array<{ keyId: string; blobs: number }>;
}

/**
 * Key rotation: re-wraps every blob's data key under the current master key (`storage.keys[0]`),
 * opening it with whichever configured key wrapped it. The encrypted blobs are not touched. Batches
 * commit one by one with an audit entry each, so an interrupted rotation is finished by running it
 * again; when it reports nothing left under an old key, that key can be removed from the configuration.
 */
export async function rotateMediaKeys(deps: MediaDeps, actor: Actor, opts: { batchSize?: number } = {}): Promise<RotationResult> {
  const current = deps.storage.keys[0]!;
  const before = (await countBlobsByKey(deps.db)).map((r) => ({ keyId: r.key_id!, blobs: Number(r.blobs) }));
  let rewrapped = 0;
  for (;;) {
    const batch = await findBlobsWrappedWithout(deps.db, current.id, opts.batchSize ?? 500);
    if (batch.length === 0) break;
    await deps.db.transaction().execute(async (trx) => {
      for (const blob of batch) {
        const wrapped = await mapMediaErrors(async () => {
          const dataKey = unwrapKey(blob.wrapped_key!, deps.storage.keys);
          try {
            return wrapKey(dataKey, current);
          } finally {
            dataKey.fill(0);
          }
        });
        await setBlobKey(trx, blob.id, wrapped, current.id);
      }
      await recordAudit(trx, actor, { action: 'media.rotate-keys', recordType: 'media', recordId: null, details: { keyId: current.id, blobs: batch.length } });
    });
    rewrapped += batch.length;
  }
  return { keyId: current.id, rewrapped, before };
}

export async function mediaKeyUsage(deps: Pick<MediaDeps, 'db'>) {
  return (await countBlobsByKey(deps.db)).map((r) => ({ keyId: r.key_id!, blobs: Number(r.blobs) }));
}
