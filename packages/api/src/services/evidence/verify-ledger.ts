import type { Database } from "@attest/db/database";
import { listCheckpoints } from "@attest/db/repositories/evidence-checkpoints";
import { streamEvidenceEvents } from "@attest/db/repositories/evidence-events";
import { parseEvidencePayload } from "@attest/domain/evidence/evidence-actions";
import { verifyCheckpoint } from "@attest/evidence/checkpoint";
import { ChainVerifier } from "@attest/evidence/event-hash";
import { fromHex, toHex } from "@attest/evidence/hash";
import { leafHash, MerkleRootBuilder } from "@attest/evidence/merkle";
import type { EvidenceSigner } from "./evidence-signer";

export type LedgerVerification =
  | {
      ok: true;
      events: number;
      checkpoints: number;
      headHash: string;
      durationMs: number;
      verifiedAt: string;
    }
  | {
      ok: false;
      seq?: number;
      checkpoint?: number;
      reason: string;
      durationMs: number;
      verifiedAt: string;
    };

/**
 * Verifies the live ledger the way an auditor verifies a package: every event's hash and
 * link, every payload against its schema, and every signed checkpoint's signature and root.
 */
export async function verifyLedger(
  db: Database,
  signer: EvidenceSigner,
  now: () => Date,
): Promise<LedgerVerification> {
  const started = Date.now();
  const finish = <T extends object>(result: T) => ({
    ...result,
    durationMs: Date.now() - started,
    verifiedAt: now().toISOString(),
  });
  const checkpoints = await listCheckpoints(db, { fromSize: 1, toSize: Number.MAX_SAFE_INTEGER });
  let nextCheckpoint = 0;
  const chain = new ChainVerifier();
  const tree = new MerkleRootBuilder();
  for await (const event of streamEvidenceEvents(db, {
    fromSeq: 1,
    toSeq: Number.MAX_SAFE_INTEGER,
  })) {
    const failure = chain.push(event);
    if (failure) return finish({ ok: false as const, seq: failure.seq, reason: failure.reason });
    try {
      parseEvidencePayload(event.action, event.payloadVersion, event.payload);
    } catch (error) {
      return finish({ ok: false as const, seq: event.seq, reason: (error as Error).message });
    }
    tree.push(leafHash(fromHex(event.hash)));
    const checkpoint = checkpoints[nextCheckpoint];
    if (checkpoint && checkpoint.treeSize === tree.size) {
      nextCheckpoint += 1;
      const signature = verifyCheckpoint(checkpoint.note, {
        keyName: signer.origin,
        publicKeyPem: signer.publicKeyPem,
      });
      if (!signature.ok) {
        return finish({
          ok: false as const,
          checkpoint: checkpoint.treeSize,
          reason: signature.reason,
        });
      }
      if (
        toHex(signature.rootHash) !== toHex(tree.root()) ||
        checkpoint.rootHash !== toHex(tree.root())
      ) {
        return finish({
          ok: false as const,
          checkpoint: checkpoint.treeSize,
          reason: `the events up to ${checkpoint.treeSize} do not produce the signed root`,
        });
      }
    }
  }
  const result = chain.result();
  if (!result.ok) return finish({ ok: false as const, seq: result.seq, reason: result.reason });
  const unmatched = checkpoints[nextCheckpoint];
  if (unmatched) {
    return finish({
      ok: false as const,
      checkpoint: unmatched.treeSize,
      reason: `a checkpoint covers ${unmatched.treeSize} events but the ledger has ${result.count}`,
    });
  }
  return finish({
    ok: true as const,
    events: result.count,
    checkpoints: checkpoints.length,
    headHash: result.headHash,
  });
}
