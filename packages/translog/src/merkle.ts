import { createHash, hash } from 'node:crypto';

import { bytesEqual } from './bytes.ts';
import { TranslogError } from './errors.ts';

/**
 * RFC 9162 §2.1 Merkle tree hashing and proof verification (SHA-256). Sizes and indexes are
 * JavaScript numbers and must be safe integers; shifting is done with arithmetic, not `>>`,
 * which would truncate above 2^31.
 */

export const HASH_SIZE = 32;
// One-shot crypto.hash over a reused buffer is about twice as fast as createHash() per node,
// which is what rebuilding a million-leaf tree is made of. JavaScript is single-threaded, so
// the scratch buffer cannot be shared by two calls at once.
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE, 0x01);

/** The Merkle tree hash of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Uint8Array = createHash('sha256').digest();

/**
 * Leaf hash `SHA-256(0x00 || data)`.
 * @example hashLeaf(new Uint8Array()) // 6e340b9c…17afa01d (RFC 6962 vector, size-1 root)
 */
export function hashLeaf(data: Uint8Array): Uint8Array {
  const buf = Buffer.allocUnsafe(1 + data.length);
  buf[0] = 0x00;
  buf.set(data, 1);
  return hash('sha256', buf, 'buffer');
}

/** Interior node hash `SHA-256(0x01 || left || right)`. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new TranslogError('INVALID_INPUT', 'node children must be 32-byte hashes');
  }
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return hash('sha256', nodeScratch, 'buffer');
}

/** hashChildren for two adjacent hashes given as one 64-byte view (saves copies on append). */
export function hashAdjacent(pair: Uint8Array): Uint8Array {
  nodeScratch.set(pair, 1);
  return hash('sha256', nodeScratch, 'buffer');
}

/** Largest power of two strictly below `n` (n ≥ 2): the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new TranslogError('INVALID_INPUT', `${name} must be a size`);
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/**
 * Recomputes the root from a leaf hash and its inclusion path (RFC 9162 §2.1.3.2), or throws
 * INVALID_PROOF when the path has the wrong shape for (index, size).
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new TranslogError('INVALID_PROOF', `index ${index} is not below size ${size}`);
  if (leafHash.length !== HASH_SIZE)
    throw new TranslogError('INVALID_PROOF', 'leaf hash has the wrong length');
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (p.length !== HASH_SIZE) throw new TranslogError('INVALID_PROOF', 'proof hash has the wrong length');
    if (sn === 0) throw new TranslogError('INVALID_PROOF', 'inclusion proof is too long');
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new TranslogError('INVALID_PROOF', 'inclusion proof is too short');
  return r;
}

/**
 * True when `proof` shows the leaf with hash `leafHash` at `index` in the tree of `size` leaves
 * whose root is `root`. Never throws.
 * @example verifyInclusion(0, 1, hashLeaf(data), [], hashLeaf(data)) // true
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  try {
    return bytesEqual(rootFromInclusionProof(index, size, leafHash, proof), root);
  } catch {
    return false;
  }
}

/**
 * True when `proof` shows that the tree of `size1` leaves with root `root1` is a prefix of the
 * tree of `size2` leaves with root `root2` (RFC 9162 §2.1.4.2). Never throws.
 * @example verifyConsistency(3, 8, root3, root8, tree.consistencyProof(3, 8)) // true
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  try {
    checkConsistency(size1, size2, root1, root2, proof);
    return true;
  } catch {
    return false;
  }
}

/** As verifyConsistency, but throws INVALID_PROOF naming what failed. */
export function checkConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  checkSize('size1', size1);
  checkSize('size2', size2);
  const fail = (why: string): never => {
    throw new TranslogError('INVALID_PROOF', `consistency ${size1}→${size2}: ${why}`, { size1, size2 });
  };
  if (size2 < size1) fail('the second tree is smaller');
  if (size1 === size2) {
    if (proof.length !== 0) fail('proof must be empty for equal sizes');
    if (!bytesEqual(root1, root2)) fail('roots differ for equal sizes');
    return;
  }
  if (size1 === 0) {
    if (proof.length !== 0) fail('proof must be empty from the empty tree');
    return;
  }
  if (proof.length === 0) fail('proof is empty');
  for (const p of proof) if (p.length !== HASH_SIZE) fail('proof hash has the wrong length');
  const path = Number.isInteger(Math.log2(size1)) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) fail('proof is too long');
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) fail('proof is too short');
  if (!bytesEqual(fr, root1)) fail('proof does not lead to the first root');
  if (!bytesEqual(sr, root2)) fail('proof does not lead to the second root');
}
