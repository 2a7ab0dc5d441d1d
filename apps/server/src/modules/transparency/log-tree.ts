import { fromHex, MerkleTree } from '@homeward/translog';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findLeafHashesFrom } from './log.repository.ts';

interface Cached {
  tree: MerkleTree;
  busy: Promise<unknown>;
}

// One in-memory tree per database handle, caught up from the stored leaf hashes on each use, so
// that several server processes over one PostgreSQL stay consistent (each reads what others wrote).
const trees = new WeakMap<object, Cached>();

/**
 * The Merkle tree of every committed entry, rebuilt from the stored leaf hashes on first use and
 * caught up incrementally afterwards. Calls are serialised per database handle.
 */
export function currentTree(db: Kysely<DB>): Promise<MerkleTree> {
  let cached = trees.get(db);
  if (!cached) {
    cached = { tree: new MerkleTree(), busy: Promise.resolve() };
    trees.set(db, cached);
  }
  const c = cached;
  const next = c.busy.then(async () => {
    const rows = await findLeafHashesFrom(db, c.tree.size);
    for (const r of rows) {
      if (r.index !== c.tree.size) {
        // The stored log is not a gap-free sequence any more: rebuild from scratch next time.
        c.tree = new MerkleTree();
        throw new Error('log_entry index is not gap-free');
      }
      c.tree.append(fromHex(r.leafHash, 32));
    }
    return c.tree;
  });
  c.busy = next.catch(() => undefined);
  return next;
}
