import { toBase64, toHex } from '@homeward/translog';
import { AppError } from '../../errors.ts';
import { findLogEntries } from './log.repository.ts';
import { publishCheckpoint, type LogDeps } from './log.service.ts';
import { currentTree } from './log-tree.ts';
import { newestTrustedCheckpoint, witnessStatus } from './witness.service.ts';

const MAX_ENTRIES = 1000;

/**
 * The latest signed tree head (signed now if the log grew since the last one), with its witness
 * status, and the newest checkpoint that is trusted now (cosigned by the quorum within the
 * freshness window; null when none is): entries at or beyond `trusted.size` await witnesses.
 */
export async function getCheckpoint(deps: LogDeps) {
  const cp = await publishCheckpoint(deps);
  const [witness, trusted] = await Promise.all([witnessStatus(deps, cp.size), newestTrustedCheckpoint(deps)]);
  return { ...cp, witness, trusted };
}

export async function getLogEntries(deps: LogDeps, from: number, to?: number) {
  const end = Math.min(to ?? from + MAX_ENTRIES, from + MAX_ENTRIES);
  if (end < from)
    throw new AppError('VALIDATION_FAILED', '`to` must not be below `from`.', {
      issues: [{ path: 'to', message: 'is below from' }],
    });
  const rows = await findLogEntries(deps.db, from, end);
  return {
    items: rows.map((r) => ({
      index: r.index,
      leafHash: r.leafHash,
      entry: r.entry as unknown as Record<string, unknown>,
    })),
  };
}

function beyond(size: number, treeSize: number): never {
  throw new AppError('LOG_SIZE_UNKNOWN', `The log has ${treeSize} entries; size ${size} is beyond it.`, {
    details: { size: treeSize },
  });
}

/** RFC 9162 inclusion proof of entry `index` in the tree of `size` entries. */
export async function getInclusionProof(deps: LogDeps, index: number, size: number) {
  const tree = await currentTree(deps.db);
  if (size > tree.size) beyond(size, tree.size);
  if (index >= size)
    throw new AppError('VALIDATION_FAILED', '`index` must be below `size`.', {
      issues: [{ path: 'index', message: 'is not below size' }],
    });
  return {
    index,
    size,
    leafHash: toHex(tree.leafHash(index)),
    rootHash: toBase64(tree.root(size)),
    proof: tree.inclusionProof(index, size).map(toBase64),
  };
}

/** RFC 9162 consistency proof from the tree of `from` entries to that of `to` entries. */
export async function getConsistencyProof(deps: LogDeps, from: number, to: number) {
  const tree = await currentTree(deps.db);
  if (to > tree.size) beyond(to, tree.size);
  if (from > to)
    throw new AppError('VALIDATION_FAILED', '`from` must not exceed `to`.', {
      issues: [{ path: 'from', message: 'exceeds to' }],
    });
  return { from, to, proof: tree.consistencyProof(from, to).map(toBase64) };
}

/** Inclusion of one entry in the latest signed checkpoint, with that checkpoint's note. */
export async function inclusionProofFor(deps: LogDeps, index: number) {
  const cp = await publishCheckpoint(deps);
  if (index >= cp.size) return null;
  return { ...(await getInclusionProof(deps, index, cp.size)), checkpoint: cp.note };
}
