import { EMPTY_ROOT, HASH_SIZE, hashChildren } from './merkle.ts';
import { fromHex, toHex } from './bytes.ts';
import { TranslogError } from './errors.ts';

/** Durable form of a CompactRange: the size and the hex roots of its perfect subtrees. */
export interface CompactRangeState {
  size: number;
  peaks: string[];
}

/**
 * The compact range [0, size): one hash per set bit of `size`, left to right. It is all a
 * server needs to append a leaf and get the new root in O(log n) without reading the tree,
 * and it can be saved beside each checkpoint and restored with `fromState`.
 *
 * @example
 * const range = new CompactRange();
 * range.append(hashLeaf(data));
 * range.root(); // equals new MerkleTree().append(...) root for the same leaves
 * const saved = range.toState(); // { size: 1, peaks: ['…'] }
 */
export class CompactRange {
  private peaks: Uint8Array[] = [];
  private count = 0;

  static fromState(state: CompactRangeState): CompactRange {
    if (!Number.isSafeInteger(state.size) || state.size < 0) {
      throw new TranslogError('INVALID_INPUT', 'compact range size must be a size');
    }
    const expected = state.size.toString(2).replace(/0/g, '').length;
    if (state.peaks.length !== expected) {
      throw new TranslogError('INVALID_INPUT', `size ${state.size} needs ${expected} peaks`);
    }
    const range = new CompactRange();
    range.count = state.size;
    range.peaks = state.peaks.map((p) => fromHex(p, HASH_SIZE));
    return range;
  }

  get size(): number {
    return this.count;
  }

  append(leafHash: Uint8Array): number {
    if (leafHash.length !== HASH_SIZE) throw new TranslogError('INVALID_INPUT', 'leaf hash must be 32 bytes');
    let hash = leafHash;
    // Each trailing 1-bit of the old size is a peak of equal height that merges with the new leaf.
    for (let n = this.count; n % 2 === 1; n = Math.floor(n / 2)) {
      hash = hashChildren(this.peaks.pop() as Uint8Array, hash);
    }
    this.peaks.push(hash);
    this.count += 1;
    return this.count;
  }

  root(): Uint8Array {
    if (this.peaks.length === 0) return new Uint8Array(EMPTY_ROOT);
    let root = this.peaks[this.peaks.length - 1] as Uint8Array;
    for (let i = this.peaks.length - 2; i >= 0; i--) root = hashChildren(this.peaks[i] as Uint8Array, root);
    return root;
  }

  toState(): CompactRangeState {
    return { size: this.count, peaks: this.peaks.map(toHex) };
  }
}
