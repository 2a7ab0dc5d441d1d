// Merkle benchmark: `npx tsx packages/translog/src/bench-merkle.ts [leaves]` (default 1,000,000).
// Prints timings; the numbers recorded in docs come from this script, never from test timings.
import { CompactRange } from './compact-range.ts';
import { hashLeaf, verifyConsistency, verifyInclusion } from './merkle.ts';
import { MerkleTree } from './merkle-tree.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const time = <T>(label: string, fn: () => T): T => {
  const t = performance.now();
  const out = fn();
  console.log(`${label.padEnd(44)} ${(performance.now() - t).toFixed(0).padStart(7)} ms`);
  return out;
};

const data = new Uint8Array(200); // about the size of a canonical log entry
const leaves = time(`hash ${n.toLocaleString('en')} leaves`, () =>
  Array.from({ length: n }, (_, i) => {
    new DataView(data.buffer).setUint32(0, i);
    return hashLeaf(data);
  }),
);
const heap = process.memoryUsage().arrayBuffers;
const tree = time('MerkleTree.fromLeafHashes (rebuild at start-up)', () => MerkleTree.fromLeafHashes(leaves));
console.log(
  `${'tree memory (array buffers)'.padEnd(44)} ${((process.memoryUsage().arrayBuffers - heap) / 2 ** 20).toFixed(0).padStart(7)} MB`,
);
const range = new CompactRange();
time('CompactRange: append all', () => leaves.forEach((h) => range.append(h)));
const root = time('root()', () => tree.root());
if (!Buffer.from(root).equals(range.root())) throw new Error('compact range and tree disagree');

const k = 1000;
const rnd = (m: number) => Math.floor(Math.random() * m);
time(`${k} inclusion proofs + verify`, () => {
  for (let j = 0; j < k; j++) {
    const i = rnd(n);
    if (!verifyInclusion(i, n, tree.leafHash(i), tree.inclusionProof(i), root)) throw new Error('inclusion');
  }
});
time(`${k} consistency proofs + verify (random old size)`, () => {
  for (let j = 0; j < k; j++) {
    const m = 1 + rnd(n - 1);
    if (!verifyConsistency(m, n, tree.root(m), root, tree.consistencyProof(m)))
      throw new Error('consistency');
  }
});
time(`${k} appends, each followed by root()`, () => {
  for (let j = 0; j < k; j++) {
    tree.append(hashLeaf(Uint8Array.of(j)));
    tree.root();
  }
});
