import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "./hash";
import {
  consistencyProof,
  consistencyProofFromLeafHashes,
  inclusionProof,
  inclusionProofFromLeafHashes,
  leafHash,
  MerkleRootBuilder,
  MerkleTree,
  merkleRootFromLeafHashes,
  merkleTreeHash,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from "./merkle";

// Test vectors published with the RFC 6962 reference code (transparency-dev/merkle,
// proof/verify_test.go; the same data as certificate-transparency-go merkle tests).
const leaves = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
].map(fromHex);

const rootsBySize = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

// The published vectors number leaves from 1; these are converted to 0-based indexes.
const publishedInclusionProofs = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    index: 2,
    size: 3,
    proof: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
  },
  {
    index: 1,
    size: 5,
    proof: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];

const publishedConsistencyProofs = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
];

const someHash = fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");
const emptyTreeHash = fromHex(rootsBySize[0] as string);

function root(size: number): Uint8Array {
  return fromHex(rootsBySize[size] as string);
}

function hexes(hashes: Uint8Array[]): string[] {
  return hashes.map(toHex);
}

function flipBit(proof: Uint8Array[], element: number, mask: number): Uint8Array[] {
  return proof.map((hash, index) => {
    if (index !== element) {
      return hash;
    }
    const copy = hash.slice();
    copy[0] = (copy[0] as number) ^ mask;
    return copy;
  });
}

// RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 transcribed literally (recursive, hashing
// with createHash), to check the iterative implementation against.
function referenceHash(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  const hasher = createHash("sha256").update(Uint8Array.of(prefix));
  for (const part of parts) {
    hasher.update(part);
  }
  return new Uint8Array(hasher.digest());
}

function referenceSplit(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

function referenceMth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) {
    return new Uint8Array(createHash("sha256").digest());
  }
  if (d.length === 1) {
    return referenceHash(0x00, d[0] as Uint8Array);
  }
  const k = referenceSplit(d.length);
  return referenceHash(0x01, referenceMth(d.slice(0, k)), referenceMth(d.slice(k)));
}

function referencePath(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) {
    return [];
  }
  const k = referenceSplit(d.length);
  return m < k
    ? [...referencePath(m, d.slice(0, k)), referenceMth(d.slice(k))]
    : [...referencePath(m - k, d.slice(k)), referenceMth(d.slice(0, k))];
}

function referenceSubproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) {
    return b ? [] : [referenceMth(d)];
  }
  const k = referenceSplit(d.length);
  return m <= k
    ? [...referenceSubproof(m, d.slice(0, k), b), referenceMth(d.slice(k))]
    : [...referenceSubproof(m - k, d.slice(k), false), referenceMth(d.slice(0, k))];
}

function sampleLeaves(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, index) => Uint8Array.of(index % 256, index >> 8, 7));
}

describe("leafHash and nodeHash", () => {
  it("prefix leaves with 0x00 and nodes with 0x01", () => {
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(rootsBySize[1]);
    expect(
      toHex(nodeHash(leafHash(leaves[0] as Uint8Array), leafHash(leaves[1] as Uint8Array))),
    ).toBe(rootsBySize[2]);
  });
});

describe("merkleTreeHash", () => {
  it.each(rootsBySize.map((hex, size) => [size, hex] as const))(
    "gives the published root for the first %i test leaves",
    (size, hex) => {
      expect(toHex(merkleTreeHash(leaves.slice(0, size)))).toBe(hex);
    },
  );

  it("gives the same roots from leaf hashes and from a kept tree", () => {
    for (let size = 0; size <= leaves.length; size++) {
      const hashed = leaves.slice(0, size).map(leafHash);
      expect(toHex(merkleRootFromLeafHashes(hashed))).toBe(rootsBySize[size]);
      expect(toHex(new MerkleTree(hashed).root())).toBe(rootsBySize[size]);
    }
  });

  it("refuses leaf hashes that are not 32 bytes", () => {
    expect(() => merkleRootFromLeafHashes([new Uint8Array(31)])).toThrow("Leaf hash 0");
  });

  it("does not modify the caller's leaf hashes", () => {
    const hashed = leaves.map(leafHash);
    const before = hexes(hashed);
    merkleRootFromLeafHashes(hashed);
    expect(hexes(hashed)).toEqual(before);
  });
});

describe("inclusion proofs", () => {
  it.each(publishedInclusionProofs)(
    "match the published proof for leaf $index of $size",
    ({ index, size, proof }) => {
      const generated = inclusionProof(leaves.slice(0, size), index);
      expect(hexes(generated)).toEqual(proof);
      expect(
        verifyInclusion(leafHash(leaves[index] as Uint8Array), index, size, generated, root(size)),
      ).toBe(true);
    },
  );

  it.each(publishedInclusionProofs.filter(({ proof }) => proof.length > 0))(
    "reject every corruption of the proof for leaf $index of $size",
    ({ index, size, proof: hexProof }) => {
      const proof = hexProof.map(fromHex);
      const leaf = leafHash(leaves[index] as Uint8Array);
      const good = root(size);
      const corrupted: [string, Parameters<typeof verifyInclusion>][] = [
        ["index - 1", [leaf, index - 1, size, proof, good]],
        ["index + 1", [leaf, index + 1, size, proof, good]],
        ["index ^ 2", [leaf, index ^ 2, size, proof, good]],
        ["size * 2", [leaf, index, size * 2, proof, good]],
        ["size / 2", [leaf, index, Math.floor(size / 2), proof, good]],
        ["size - 1 with a non-integer", [leaf, index, size - 0.5, proof, good]],
        ["index >= size", [leaf, size, size, proof, good]],
        ["negative index", [leaf, -1, size, proof, good]],
        ["wrong leaf", [someHash, index, size, proof, good]],
        ["empty tree root", [leaf, index, size, proof, emptyTreeHash]],
        ["random root", [leaf, index, size, proof, someHash]],
        ["31-byte root", [leaf, index, size, proof, good.slice(0, 31)]],
        ["31-byte leaf hash", [leaf.slice(0, 31), index, size, proof, good]],
        ["trailing empty element", [leaf, index, size, [...proof, new Uint8Array(0)], good]],
        ["trailing root", [leaf, index, size, [...proof, good], good]],
        ["preceding empty element", [leaf, index, size, [new Uint8Array(0), ...proof], good]],
        ["preceding root", [leaf, index, size, [good, ...proof], good]],
        ["missing last element", [leaf, index, size, proof.slice(0, -1), good]],
        ["missing first element", [leaf, index, size, proof.slice(1), good]],
        [
          "inserted element",
          [leaf, index, size, [proof[0] as Uint8Array, someHash, ...proof.slice(1)], good],
        ],
        [
          "31-byte element",
          [leaf, index, size, [(proof[0] as Uint8Array).slice(1), ...proof.slice(1)], good],
        ],
        ...proof.map(
          (_, element) =>
            [
              `bit 3 flipped in element ${element}`,
              [leaf, index, size, flipBit(proof, element, 8), good],
            ] as [string, Parameters<typeof verifyInclusion>],
        ),
      ];
      // Guard: the uncorrupted inputs do verify, so each false below is the corruption's doing.
      expect(verifyInclusion(leaf, index, size, proof, good)).toBe(true);
      const accepted = corrupted
        .filter(([, args]) => verifyInclusion(...args))
        .map(([label]) => label);
      expect(accepted).toEqual([]);
    },
  );

  it("verifies the single-leaf tree only with an empty proof and a matching hash", () => {
    const hash = leafHash(new TextEncoder().encode("data"));
    expect(verifyInclusion(hash, 0, 1, [], hash)).toBe(true);
    expect(verifyInclusion(hash, 0, 1, [hash], hash)).toBe(false);
    expect(verifyInclusion(hash, 0, 1, [], someHash)).toBe(false);
    expect(verifyInclusion(new Uint8Array(0), 0, 1, [], new Uint8Array(0))).toBe(false);
  });

  it("rejects any leaf of an empty tree and malformed arguments without throwing", () => {
    expect(verifyInclusion(someHash, 0, 0, [], emptyTreeHash)).toBe(false);
    expect(verifyInclusion(someHash, 2, 1, [], someHash)).toBe(false);
    expect(verifyInclusion(someHash, Number.NaN, 1, [], someHash)).toBe(false);
    expect(verifyInclusion(someHash, 0, Number.POSITIVE_INFINITY, [], someHash)).toBe(false);
    expect(verifyInclusion(someHash, 0, 1, null as unknown as Uint8Array[], someHash)).toBe(false);
    expect(verifyInclusion(someHash, 0, 1, [], "root" as unknown as Uint8Array)).toBe(false);
  });

  it("refuses to generate a proof for an index outside the tree", () => {
    expect(() => inclusionProof(leaves, 8)).toThrow(RangeError);
    expect(() => inclusionProof(leaves, -1)).toThrow(RangeError);
    expect(() => inclusionProof(leaves, 1.5)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
  });
});

describe("consistency proofs", () => {
  it.each(publishedConsistencyProofs)(
    "match the published proof from $size1 to $size2",
    ({ size1, size2, proof }) => {
      const generated = consistencyProof(leaves.slice(0, size2), size1);
      expect(hexes(generated)).toEqual(proof);
      expect(verifyConsistency(size1, size2, root(size1), root(size2), generated)).toBe(true);
    },
  );

  it.each(publishedConsistencyProofs.filter(({ proof }) => proof.length > 0))(
    "reject every corruption of the proof from $size1 to $size2",
    ({ size1, size2, proof: hexProof }) => {
      const proof = hexProof.map(fromHex);
      const root1 = root(size1);
      const root2 = root(size2);
      const corrupted: [string, Parameters<typeof verifyConsistency>][] = [
        ["size1 - 1", [size1 - 1, size2, root1, root2, proof]],
        ["size1 + 1", [size1 + 1, size2, root1, root2, proof]],
        ["size1 ^ 2", [size1 ^ 2, size2, root1, root2, proof]],
        ["size2 * 2", [size1, size2 * 2, root1, root2, proof]],
        ["size2 / 2", [size1, Math.floor(size2 / 2), root1, root2, proof]],
        ["size1 > size2", [size2 + 1, size2, root1, root2, proof]],
        ["negative size1", [-1, size2, root1, root2, proof]],
        ["non-integer size2", [size1, size2 + 0.5, root1, root2, proof]],
        ["wrong root1", [size1, size2, someHash, root2, proof]],
        ["wrong root2", [size1, size2, root1, someHash, proof]],
        ["swapped roots", [size1, size2, root2, root1, proof]],
        ["31-byte root1", [size1, size2, root1.slice(0, 31), root2, proof]],
        ["31-byte root2", [size1, size2, root1, root2.slice(0, 31), proof]],
        ["empty proof", [size1, size2, root1, root2, []]],
        ["trailing empty element", [size1, size2, root1, root2, [...proof, new Uint8Array(0)]]],
        ["trailing root1", [size1, size2, root1, root2, [...proof, root1]]],
        ["trailing root2", [size1, size2, root1, root2, [...proof, root2]]],
        ["preceding empty element", [size1, size2, root1, root2, [new Uint8Array(0), ...proof]]],
        ["preceding root1", [size1, size2, root1, root2, [root1, ...proof]]],
        ["preceding root2", [size1, size2, root1, root2, [root2, ...proof]]],
        ["preceding proof[0]", [size1, size2, root1, root2, [proof[0] as Uint8Array, ...proof]]],
        ["missing last element", [size1, size2, root1, root2, proof.slice(0, -1)]],
        [
          "31-byte element",
          [size1, size2, root1, root2, [(proof[0] as Uint8Array).slice(1), ...proof.slice(1)]],
        ],
        ...proof.map(
          (_, element) =>
            [
              `bit 4 flipped in element ${element}`,
              [size1, size2, root1, root2, flipBit(proof, element, 16)],
            ] as [string, Parameters<typeof verifyConsistency>],
        ),
      ];
      expect(verifyConsistency(size1, size2, root1, root2, proof)).toBe(true);
      const accepted = corrupted
        .filter(([, args]) => verifyConsistency(...args))
        .map(([label]) => label);
      expect(accepted).toEqual([]);
    },
  );

  it("treats equal sizes and the empty tree as the trivial cases", () => {
    expect(verifyConsistency(0, 0, emptyTreeHash, emptyTreeHash, [])).toBe(true);
    expect(verifyConsistency(0, 5, emptyTreeHash, root(5), [])).toBe(true);
    expect(verifyConsistency(3, 3, root(3), root(3), [])).toBe(true);
    // Equal sizes need equal roots and no proof; size 0 has exactly one root.
    expect(verifyConsistency(3, 3, root(3), root(4), [])).toBe(false);
    expect(verifyConsistency(3, 3, root(3), root(3), [emptyTreeHash])).toBe(false);
    expect(verifyConsistency(0, 5, someHash, root(5), [])).toBe(false);
    expect(verifyConsistency(0, 5, emptyTreeHash, root(5), [emptyTreeHash])).toBe(false);
    expect(verifyConsistency(1, 0, root(1), emptyTreeHash, [])).toBe(false);
    expect(verifyConsistency(1, 2, root(1), root(2), [])).toBe(false);
  });

  it("returns empty proofs for the trivial sizes and refuses sizes outside the tree", () => {
    expect(consistencyProof(leaves, 0)).toEqual([]);
    expect(consistencyProof(leaves, 8)).toEqual([]);
    expect(() => consistencyProof(leaves, 9)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, -1)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 2.5)).toThrow(RangeError);
  });
});

describe("every tree of 1 to 64 leaves", () => {
  it("builds the RFC tree, and every generated proof matches the RFC's and verifies", () => {
    const all = sampleLeaves(64);
    for (let size = 1; size <= 64; size++) {
      const treeLeaves = all.slice(0, size);
      const leafHashes = treeLeaves.map(leafHash);
      const tree = new MerkleTree(leafHashes);
      const rootHash = referenceMth(treeLeaves);
      expect(toHex(merkleTreeHash(treeLeaves))).toBe(toHex(rootHash));
      expect(toHex(merkleRootFromLeafHashes(leafHashes))).toBe(toHex(rootHash));
      expect(toHex(tree.root())).toBe(toHex(rootHash));

      for (let index = 0; index < size; index++) {
        const proof = tree.inclusionProof(index);
        expect(hexes(proof)).toEqual(hexes(referencePath(index, treeLeaves)));
        expect(verifyInclusion(leafHashes[index] as Uint8Array, index, size, proof, rootHash)).toBe(
          true,
        );
        if (proof.length > 0) {
          const flipped = flipBit(proof, index % proof.length, 1);
          expect(
            verifyInclusion(leafHashes[index] as Uint8Array, index, size, flipped, rootHash),
          ).toBe(false);
        }
      }

      for (let size1 = 0; size1 <= size; size1++) {
        const proof = tree.consistencyProof(size1);
        const root1 = referenceMth(treeLeaves.slice(0, size1));
        const expected = size1 === 0 ? [] : referenceSubproof(size1, treeLeaves, true);
        expect(hexes(proof)).toEqual(hexes(expected));
        expect(verifyConsistency(size1, size, root1, rootHash, proof)).toBe(true);
        if (proof.length > 0) {
          const flipped = flipBit(proof, size1 % proof.length, 1);
          expect(verifyConsistency(size1, size, root1, rootHash, flipped)).toBe(false);
        }
      }
    }
  });

  it("gives the root after every push when built as a stream", () => {
    const all = sampleLeaves(64);
    const builder = new MerkleRootBuilder();
    expect(toHex(builder.root())).toBe(rootsBySize[0]);
    for (let size = 1; size <= 64; size++) {
      builder.push(leafHash(all[size - 1] as Uint8Array));
      expect(builder.size).toBe(size);
      expect(toHex(builder.root())).toBe(toHex(referenceMth(all.slice(0, size))));
    }
  });

  it("gives the same proofs from the one-shot functions as from a kept tree", () => {
    const leafHashes = sampleLeaves(13).map(leafHash);
    const tree = new MerkleTree(leafHashes);
    for (let index = 0; index < 13; index++) {
      expect(hexes(inclusionProofFromLeafHashes(leafHashes, index))).toEqual(
        hexes(tree.inclusionProof(index)),
      );
      expect(hexes(consistencyProofFromLeafHashes(leafHashes, index))).toEqual(
        hexes(tree.consistencyProof(index)),
      );
    }
  });
});

describe("a ledger-sized tree", () => {
  it("computes the root of 1,000,000 leaf hashes without recursion, and proofs verify against it", () => {
    const count = 1_000_000;
    const leafHashes = Array.from({ length: count }, (_, index) => {
      const leaf = new Uint8Array(32);
      new DataView(leaf.buffer).setUint32(0, index);
      return leaf;
    });
    const rootHash = merkleRootFromLeafHashes(leafHashes);
    const tree = new MerkleTree(leafHashes);
    expect(toHex(tree.root())).toBe(toHex(rootHash));
    // The last leaf sits under the ragged right edge: splits at 2^19, 2^18, 2^17, 2^16,
    // 2^14 and 2^9 leave a full 64-leaf subtree, so 6 + 6 proof hashes.
    const expectedLengths = new Map([
      [0, 20],
      [524_287, 20],
      [524_288, 20],
      [999_999, 12],
    ]);
    for (const [index, length] of expectedLengths) {
      const proof = tree.inclusionProof(index);
      expect(proof).toHaveLength(length);
      expect(verifyInclusion(leafHashes[index] as Uint8Array, index, count, proof, rootHash)).toBe(
        true,
      );
    }
  }, 120_000);
});

describe("MerkleTree proofs against smaller, older trees", () => {
  it("match proofs computed over just that prefix, for every size up to 40 leaves", () => {
    const leaves = Array.from({ length: 40 }, (_, index) =>
      leafHash(new Uint8Array([index, index >> 8])),
    );
    const tree = new MerkleTree(leaves);
    for (let size2 = 1; size2 <= leaves.length; size2 += 1) {
      const prefix = leaves.slice(0, size2);
      for (let size1 = 0; size1 <= size2; size1 += 1) {
        expect(tree.consistencyProof(size1, size2)).toEqual(
          consistencyProofFromLeafHashes(prefix, size1),
        );
      }
      for (let index = 0; index < size2; index += 1) {
        expect(tree.inclusionProof(index, size2)).toEqual(
          inclusionProofFromLeafHashes(prefix, index),
        );
      }
    }
  });
});
