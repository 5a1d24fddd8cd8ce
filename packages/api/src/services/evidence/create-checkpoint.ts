import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Database } from "@attest/db/database";
import {
  type CheckpointRow,
  findCheckpoint,
  insertCheckpoint,
} from "@attest/db/repositories/evidence-checkpoints";
import { listEventHashes, readEvidenceHead } from "@attest/db/repositories/evidence-events";
import { signCheckpoint } from "@attest/evidence/checkpoint";
import { checkpointPath } from "@attest/evidence/evidence-package";
import { fromHex, toHex } from "@attest/evidence/hash";
import { leafHash, merkleRootFromLeafHashes } from "@attest/evidence/merkle";
import type { EvidenceSigner } from "./evidence-signer";

export interface CreateCheckpointOptions {
  signer: EvidenceSigner;
  /** A directory outside the database that keeps a copy of every checkpoint (AU-9(2)). */
  anchorDir: string;
  /** Tree size to sign; the current head when absent. */
  treeSize?: number;
}

/**
 * Signs a checkpoint over the first treeSize events. Committed events never change, so no
 * lock is needed: the prefix is fixed once its last event is visible. Returns null for an
 * empty ledger; returns the existing checkpoint when that size was already signed.
 */
export async function createCheckpoint(
  db: Database,
  options: CreateCheckpointOptions,
): Promise<CheckpointRow | null> {
  const head = await readEvidenceHead(db);
  const treeSize = options.treeSize ?? head?.seq ?? 0;
  if (treeSize === 0) return null;
  if (!head || treeSize > head.seq) {
    throw new Error(
      `Cannot sign a checkpoint at ${treeSize}: the ledger has ${head?.seq ?? 0} events.`,
    );
  }
  const existing = await findCheckpoint(db, treeSize);
  if (existing) return existing;

  const hashes = await listEventHashes(db, { fromSeq: 1, toSeq: treeSize });
  const root = merkleRootFromLeafHashes(hashes.map((hash) => leafHash(fromHex(hash))));
  const note = signCheckpoint({
    origin: options.signer.origin,
    treeSize,
    rootHash: root,
    keyName: options.signer.origin,
    privateKeyPem: options.signer.privateKeyPem,
  });
  await insertCheckpoint(db, {
    treeSize,
    rootHash: toHex(root),
    note,
    keyFingerprint: options.signer.fingerprint,
  });
  await mkdir(join(options.anchorDir, "checkpoints"), { recursive: true });
  await writeFile(join(options.anchorDir, checkpointPath(treeSize)), note);
  const stored = await findCheckpoint(db, treeSize);
  if (!stored) throw new Error(`checkpoint ${treeSize} was not stored`);
  return stored;
}
