import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { fromHex, toHex } from './bytes.ts';
import { CompactRange } from './compact-range.ts';
import { EMPTY_ROOT, hashLeaf, verifyConsistency, verifyInclusion } from './merkle.ts';
import { MerkleTree } from './merkle-tree.ts';

// Reference vectors of RFC 6962 as published in transparency-dev/merkle proof/verify_test.go and
// testonly/constants.go (originally google/certificate-transparency merkle_tree_test.cc).
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// [leaf index (0-based), tree size, path]
const INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
const CONSISTENCY: [number, number, string[]][] = [
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const hx = (s: string) => fromHex(s);
const reference = () => MerkleTree.fromLeafHashes(LEAVES.map((l) => hashLeaf(hx(l))));
const root = (size: number) => hx(ROOTS[size - 1] as string);

describe('RFC 6962 reference vectors', () => {
  it('gives the empty-tree hash and the roots of sizes 1 to 8', () => {
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const tree = reference();
    expect(toHex(tree.root(0))).toBe(toHex(EMPTY_ROOT));
    for (let n = 1; n <= 8; n++) expect(toHex(tree.root(n))).toBe(ROOTS[n - 1]);
  });

  it.each(INCLUSION)('generates and verifies the inclusion path of leaf %i in size %i', (i, n, path) => {
    const tree = reference();
    expect(tree.inclusionProof(i, n).map(toHex)).toEqual(path);
    expect(verifyInclusion(i, n, tree.leafHash(i), path.map(hx), root(n))).toBe(true);
    expect(verifyInclusion(i + 1, n, tree.leafHash(i), path.map(hx), root(n))).toBe(false);
    expect(verifyInclusion(i, n * 2, tree.leafHash(i), path.map(hx), root(n))).toBe(false);
    expect(verifyInclusion(i, n, tree.leafHash(i), path.slice(1).map(hx), root(n))).toBe(false);
    expect(verifyInclusion(i, n, tree.leafHash(i), [...path, path[0] as string].map(hx), root(n))).toBe(
      false,
    );
  });

  it.each(CONSISTENCY)('generates and verifies the consistency proof %i → %i', (m, n, proof) => {
    const tree = reference();
    expect(tree.consistencyProof(m, n).map(toHex)).toEqual(proof);
    expect(verifyConsistency(m, n, root(m), root(n), proof.map(hx))).toBe(true);
    expect(verifyConsistency(m, n, root(n), root(m), proof.map(hx))).toBe(false);
    expect(verifyConsistency(m - 1, n, root(m), root(n), proof.map(hx))).toBe(false);
    expect(verifyConsistency(m, n, root(m), root(n), [])).toBe(false);
    expect(verifyConsistency(m, n, root(m), root(n), proof.slice(0, -1).map(hx))).toBe(false);
  });

  it('treats the trivial cases as RFC 9162 and transparency-dev do', () => {
    const r = root(1);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, root(5), [])).toBe(true);
    expect(verifyConsistency(1, 1, r, r, [])).toBe(true);
    expect(verifyConsistency(1, 1, r, root(2), [])).toBe(false);
    expect(verifyConsistency(2, 1, root(2), r, [])).toBe(false);
    expect(verifyConsistency(1, 1, r, r, [EMPTY_ROOT])).toBe(false);
    expect(verifyInclusion(0, 1, r, [], r)).toBe(true);
    expect(verifyInclusion(0, 0, r, [], r)).toBe(false);
  });
});

describe('proof properties', () => {
  const flip = (proof: Uint8Array[], bit: number) =>
    proof.map((h, j) =>
      j === bit % proof.length ? h.map((b, k) => (k === bit % 32 ? b ^ (1 << (bit % 8)) : b)) : h,
    );
  const leafHashes = (n: number) =>
    Array.from({ length: n }, (_, i) => hashLeaf(Uint8Array.of(i % 256, i >> 8)));

  it('verifies every inclusion and consistency proof up to 70 leaves and refuses a flipped bit', () => {
    const tree = MerkleTree.fromLeafHashes(leafHashes(70));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), fc.nat(), fc.nat(255), (n, a, b, bit) => {
        const i = a % n;
        const m = b % (n + 1);
        const incl = tree.inclusionProof(i, n);
        expect(verifyInclusion(i, n, tree.leafHash(i), incl, tree.root(n))).toBe(true);
        const cons = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, tree.root(m), tree.root(n), cons)).toBe(true);
        if (cons.length > 0) {
          expect(verifyConsistency(m, n, tree.root(m), tree.root(n), flip(cons, bit))).toBe(false);
        }
        if (incl.length > 0) {
          expect(verifyInclusion(i, n, tree.leafHash(i), flip(incl, bit), tree.root(n))).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the compact range root equal to the full tree root, through save and restore', () => {
    const hashes = leafHashes(300);
    const tree = new MerkleTree();
    let range = new CompactRange();
    hashes.forEach((h, i) => {
      tree.append(h);
      range.append(h);
      expect(toHex(range.root())).toBe(toHex(tree.root()));
      if (i % 37 === 0) range = CompactRange.fromState(range.toState());
    });
    expect(() => CompactRange.fromState({ size: 3, peaks: [] })).toThrow(/needs 2 peaks/);
  });
});
