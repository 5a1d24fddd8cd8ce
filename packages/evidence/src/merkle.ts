import { hash } from "node:crypto";
import { sha256 } from "./hash";

// Merkle tree hashing, inclusion proofs and consistency proofs exactly as RFC 9162 §2.1
// defines them, so any Certificate Transparency tooling can check our proofs.
//
// For the evidence ledger the leaf input is the 32 raw bytes of an event's hash (not
// its hex text, not the event's JSON): the event hash already commits to the whole
// event, a tree can be rebuilt from the hash column alone, and a proof can be checked
// without the event body. Raw bytes spare other implementations from agreeing on hex
// letter case. Callers holding event hashes get leaf hashes from eventLeafHash
// (event-hash.ts) and use MerkleRootBuilder, MerkleTree or the *FromLeafHashes functions.

const HASH_SIZE = 32;
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
// Safe integers have at most 53 bits, so a builder never holds more subtrees than this.
const MAX_HEIGHT = 64;
const EMPTY_TREE_HASH = sha256(new Uint8Array(0));

// Reused inputs for the hot paths. Everything here is synchronous, so no two calls can
// interleave on them. With a fresh buffer per hash, allocation and garbage collection
// cost more than the hashing itself over a million leaves.
const leafInput = Buffer.alloc(1 + HASH_SIZE);
leafInput[0] = LEAF_PREFIX;
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = NODE_PREFIX;

/** RFC 9162 leaf hash: SHA-256(0x00 ‖ leaf). The 0x00/0x01 prefixes keep a leaf from posing as a node. */
export function leafHash(leaf: Uint8Array): Uint8Array {
  if (leaf.length === HASH_SIZE) {
    leafInput.set(leaf, 1);
    return sha256(leafInput);
  }
  const input = new Uint8Array(leaf.length + 1);
  input[0] = LEAF_PREFIX;
  input.set(leaf, 1);
  return sha256(input);
}

/** RFC 9162 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    nodeInput.set(left, 1);
    nodeInput.set(right, 1 + HASH_SIZE);
    return sha256(nodeInput);
  }
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** MTH(D[n]) over raw leaf inputs; the empty list hashes to SHA-256(""). */
export function merkleTreeHash(leaves: readonly Uint8Array[]): Uint8Array {
  return merkleRootFromLeafHashes(leaves.map(leafHash));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1 over raw leaf inputs, index 0-based. */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  return inclusionProofFromLeafHashes(leaves.map(leafHash), index);
}

/** PROOF(size1, D[n]) of RFC 9162 §2.1.4.1 between the first size1 leaves and all of them. */
export function consistencyProof(leaves: readonly Uint8Array[], size1: number): Uint8Array[] {
  return consistencyProofFromLeafHashes(leaves.map(leafHash), size1);
}

/** The tree head over already-hashed leaves, in O(n) time, O(log n) memory and without recursion. */
export function merkleRootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  const builder = new MerkleRootBuilder();
  for (const leaf of leafHashes) {
    builder.push(leaf);
  }
  return builder.root();
}

/**
 * Computes a tree head while leaf hashes stream past, keeping only the roots of the
 * perfect subtrees that cover the leaves so far (one per set bit of the size), so a
 * verifier need not hold a million leaf hashes to check a checkpoint.
 */
export class MerkleRootBuilder {
  #size = 0;
  // Subtree roots, largest (leftmost) first, HASH_SIZE bytes each.
  readonly #subtrees = Buffer.alloc(MAX_HEIGHT * HASH_SIZE);
  #count = 0;

  get size(): number {
    return this.#size;
  }

  push(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE) {
      throw new TypeError(`Leaf hash ${this.#size} is not ${HASH_SIZE} bytes.`);
    }
    this.#subtrees.set(leafHash, this.#count * HASH_SIZE);
    this.#count++;
    // Each trailing 1 bit of the old size is a subtree as large as the one just
    // completed; merging them is binary carry.
    for (let size = this.#size; isOdd(size); size = half(size)) {
      this.#count--;
      hashPairInto(this.#subtrees, (this.#count - 1) * HASH_SIZE, this.#subtrees);
    }
    this.#size++;
  }

  root(): Uint8Array {
    if (this.#count === 0) {
      return EMPTY_TREE_HASH.slice();
    }
    // RFC 9162 splits off the largest power of two on the left, so the root folds the
    // subtrees from the right: h(S0, h(S1, … h(Sk-1, Sk))).
    const folded = Buffer.from(this.#subtrees.subarray(0, this.#count * HASH_SIZE));
    for (let index = this.#count - 2; index >= 0; index--) {
      hashPairInto(folded, index * HASH_SIZE, folded);
    }
    return new Uint8Array(folded.subarray(0, HASH_SIZE));
  }
}

export function inclusionProofFromLeafHashes(
  leafHashes: readonly Uint8Array[],
  index: number,
): Uint8Array[] {
  checkIndex(index, leafHashes.length);
  return new MerkleTree(leafHashes).inclusionProof(index);
}

export function consistencyProofFromLeafHashes(
  leafHashes: readonly Uint8Array[],
  size1: number,
): Uint8Array[] {
  checkSize1(size1, leafHashes.length);
  return new MerkleTree(leafHashes).consistencyProof(size1);
}

/**
 * Every level of the tree kept in memory (about 64 bytes per leaf), so an evidence
 * export can cut many proofs from one pass over the ledger instead of rehashing the
 * whole tree per sampled event.
 */
export class MerkleTree {
  readonly size: number;
  // levels[h] holds the hashes of the nodes of height h, left to right; a node covers
  // leaves [i·2^h, min((i+1)·2^h, size)).
  readonly #levels: Buffer[];

  constructor(leafHashes: readonly Uint8Array[]) {
    this.size = leafHashes.length;
    this.#levels = [];
    if (this.size === 0) {
      return;
    }
    let level = packLeafHashes(leafHashes);
    this.#levels.push(level);
    // Pairwise hashing level by level, carrying an odd last node up unchanged, yields
    // exactly RFC 9162's tree: its left subtrees are always full.
    for (let width = this.size; width > 1; width = Math.ceil(width / 2)) {
      const above = Buffer.allocUnsafe(Math.ceil(width / 2) * HASH_SIZE);
      for (let index = 0; index + 1 < width; index += 2) {
        hashPairInto(level, index * HASH_SIZE, above, (index / 2) * HASH_SIZE);
      }
      if (isOdd(width)) {
        level.copy(above, ((width - 1) / 2) * HASH_SIZE, (width - 1) * HASH_SIZE);
      }
      level = above;
      this.#levels.push(level);
    }
  }

  root(): Uint8Array {
    return this.size === 0 ? EMPTY_TREE_HASH.slice() : this.#subtreeHash(0, this.size);
  }

  /** The inclusion proof of a leaf in the tree of the first treeSize leaves (default: all). */
  inclusionProof(index: number, treeSize: number = this.size): Uint8Array[] {
    checkSize1(treeSize, this.size);
    checkIndex(index, treeSize);
    // PATH(m, D[n]) unrolled: walk down from the root, taking the sibling subtree at
    // each split; the RFC lists them leaf-first, hence the reverse.
    const proof: Uint8Array[] = [];
    let start = 0;
    let size = treeSize;
    let m = index;
    while (size > 1) {
      const k = largestPowerOfTwoBelow(size);
      if (m < k) {
        proof.push(this.#subtreeHash(start + k, start + size));
        size = k;
      } else {
        proof.push(this.#subtreeHash(start, start + k));
        start += k;
        m -= k;
        size -= k;
      }
    }
    return proof.reverse();
  }

  /** The consistency proof between the first size1 and the first size2 leaves (default: all). */
  consistencyProof(size1: number, size2: number = this.size): Uint8Array[] {
    checkSize1(size2, this.size);
    checkSize1(size1, size2);
    if (size1 === 0 || size1 === size2) {
      return [];
    }
    // SUBPROOF(m, D[n], true) unrolled the same way as PATH above. The RFC's flag b
    // says whether the subtree in hand is the whole old tree, whose root the verifier
    // already holds; once the walk turns right it is not, and the proof must include it.
    const proof: Uint8Array[] = [];
    let start = 0;
    let size = size2;
    let m = size1;
    let wholeOldTreeKnown = true;
    while (m !== size) {
      const k = largestPowerOfTwoBelow(size);
      if (m <= k) {
        proof.push(this.#subtreeHash(start + k, start + size));
        size = k;
      } else {
        proof.push(this.#subtreeHash(start, start + k));
        start += k;
        m -= k;
        size -= k;
        wholeOldTreeKnown = false;
      }
    }
    if (!wholeOldTreeKnown) {
      proof.push(this.#subtreeHash(start, start + size));
    }
    return proof.reverse();
  }

  // Only called with ranges the RFC recursion produces, which start aligned: a full
  // subtree or one ending at the tree's right edge is a single stored node; a range
  // ending inside the tree (a proof against an older, smaller tree) is split the way
  // the RFC splits it, which costs O(log n) more hashes.
  #subtreeHash(start: number, end: number): Uint8Array {
    let height = 0;
    while (2 ** height < end - start) {
      height++;
    }
    if (2 ** height !== end - start && end !== this.size) {
      const k = 2 ** (height - 1);
      return nodeHash(this.#subtreeHash(start, start + k), this.#subtreeHash(start + k, end));
    }
    const level = this.#levels[height];
    if (level === undefined) {
      throw new Error(`Merkle tree has no level ${height}.`);
    }
    const offset = (start / 2 ** height) * HASH_SIZE;
    return new Uint8Array(level.subarray(offset, offset + HASH_SIZE));
  }
}

/** RFC 9162 §2.1.3.2. Returns false, never throws, for any malformed input. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isTreeSize(index) || !isTreeSize(treeSize) || index >= treeSize) {
    return false;
  }
  if (!isHash(leafHash) || !isHash(root) || !isProof(proof)) {
    return false;
  }
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) {
      return false;
    }
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2, plus the cases the RFC leaves to the caller: equal sizes need an
 * empty proof and equal roots; a size-0 tree needs an empty proof and the empty-tree
 * root. Returns false, never throws, for any malformed input.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isTreeSize(size1) || !isTreeSize(size2) || size1 > size2) {
    return false;
  }
  if (!isHash(root1) || !isHash(root2) || !isProof(proof)) {
    return false;
  }
  if (size1 === size2) {
    return proof.length === 0 && bytesEqual(root1, root2);
  }
  if (size1 === 0) {
    return proof.length === 0 && bytesEqual(root1, EMPTY_TREE_HASH);
  }
  if (proof.length === 0) {
    return false;
  }
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [first, ...rest] = path;
  if (first === undefined) {
    return false;
  }
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) {
      return false;
    }
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

function packLeafHashes(leafHashes: readonly Uint8Array[]): Buffer {
  const packed = Buffer.allocUnsafe(leafHashes.length * HASH_SIZE);
  for (let index = 0; index < leafHashes.length; index++) {
    const leaf = leafHashes[index];
    if (leaf === undefined || leaf.length !== HASH_SIZE) {
      throw new TypeError(`Leaf hash ${index} is not ${HASH_SIZE} bytes.`);
    }
    packed.set(leaf, index * HASH_SIZE);
  }
  return packed;
}

// Writes the node hash of the two hashes at `offset` in `source` to `targetOffset` in
// `target` (by default over the left one). The digest comes back as a "binary" (latin1)
// string and is decoded in place, so no buffer is allocated per node.
function hashPairInto(source: Buffer, offset: number, target: Buffer, targetOffset = offset): void {
  source.copy(nodeInput, 1, offset, offset + 2 * HASH_SIZE);
  target.write(hash("sha256", nodeInput, "binary"), targetOffset, HASH_SIZE, "binary");
}

function checkIndex(index: number, size: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`Leaf index ${index} is outside a tree of ${size} leaves.`);
  }
}

function checkSize1(size1: number, size: number): void {
  if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > size) {
    throw new RangeError(`Old tree size ${size1} is not between 0 and ${size}.`);
  }
}

function isTreeSize(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

function isProof(value: unknown): value is Uint8Array[] {
  return Array.isArray(value) && value.every(isHash);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) {
      return false;
    }
  }
  return true;
}

// Arithmetic rather than bit operators: sizes may exceed 2^31, where JS bitwise
// operators would wrap.
function isOdd(value: number): boolean {
  return value % 2 === 1;
}

function half(value: number): number {
  return Math.floor(value / 2);
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) {
    k *= 2;
  }
  return k === n;
}
