import type { Database } from "@attest/db/database";
import { listSubjectEvents } from "@attest/db/repositories/audit-evidence";
import {
  findPopulationCampaign,
  listGrantStages,
  listItemsById,
} from "@attest/db/repositories/audit-population";
import { findLatestCheckpoint } from "@attest/db/repositories/evidence-checkpoints";
import { listEventHashes } from "@attest/db/repositories/evidence-events";
import { findUserNames } from "@attest/db/repositories/users";
import { parseEvidencePayload } from "@attest/domain/evidence/evidence-actions";
import { parseCheckpoint, verifyCheckpoint } from "@attest/evidence/checkpoint";
import { computeEventHash } from "@attest/evidence/event-hash";
import { formatEventLine } from "@attest/evidence/evidence-package";
import { fromHex, toHex } from "@attest/evidence/hash";
import { leafHash, MerkleTree, verifyInclusion } from "@attest/evidence/merkle";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import type { EvidenceSigner } from "../evidence/evidence-signer";
import { assertCampaignInScope, readAuditScope } from "./audit-scope";
import { itemContext } from "./population-csv";

interface DecisionPayload {
  itemId: string;
  stage: number;
  reviewerId: string;
  decision: "approve" | "revoke" | "exception";
  justification: string | null;
  exceptionExpiresOn: string | null;
  decidedAt: string;
  itemVersion: number;
  supersedes: { decision: string; decidedAt: string } | null;
  /** Version 2 on: what stands in for an exception's risk. */
  compensatingControl?: string | null;
}

function actorUserId(actor: string): string | null {
  return actor.startsWith("user:") ? actor.slice(5) : null;
}

/**
 * Everything an auditor needs to re-perform one review: what the reviewer saw (the frozen
 * context), the decision and every decision before it, the item's stages and reassignments,
 * and the ledger event of the current decision with its inclusion proof against the latest
 * signed checkpoint that covers it, verified here with the ledger's public key. Writes nothing.
 */
export async function reperformItem(
  db: Database,
  options: { itemId: string; user: SessionUser; signer: EvidenceSigner },
) {
  const [row] = await listItemsById(db, [options.itemId]);
  if (!row) throw new AppError("not_found", "No such review item.", { field: "itemId" });
  const campaign = await findPopulationCampaign(db, row.campaignId);
  if (!campaign) throw new Error(`campaign ${row.campaignId} of item ${row.itemId} is missing`);
  assertCampaignInScope(await readAuditScope(db, options.user), campaign);
  const context = itemContext(row);

  const decisionEvents = await listSubjectEvents(db, {
    subjectId: row.itemId,
    actions: ["decision.recorded"],
  });
  const reassignEvents = await listSubjectEvents(db, {
    subjectId: row.itemId,
    actions: ["review_item.reassigned"],
  });
  const names = await findUserNames(db, [
    ...new Set(
      [...decisionEvents, ...reassignEvents].flatMap((event) => {
        const payload = event.payload as { fromReviewerId?: string; toReviewerId?: string };
        return [actorUserId(event.actor), payload.fromReviewerId, payload.toReviewerId].filter(
          (id): id is string => typeof id === "string",
        );
      }),
    ),
  ]);
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : null);

  const decisionHistory = decisionEvents.map((event) => {
    const payload = parseEvidencePayload(
      event.action,
      event.payloadVersion,
      event.payload,
    ) as DecisionPayload;
    return {
      seq: event.seq,
      decision: payload.decision,
      decidedAt: payload.decidedAt,
      actorName: nameOf(actorUserId(event.actor)) ?? event.actor,
      justification: payload.justification,
      exceptionExpiresOn: payload.exceptionExpiresOn,
      itemVersion: payload.itemVersion,
      supersedes: payload.supersedes,
      compensatingControl: payload.compensatingControl ?? null,
    };
  });
  const current = decisionEvents.at(-1) ?? null;

  return {
    item: {
      itemId: row.itemId,
      stage: row.stage,
      context,
    },
    campaign: {
      id: campaign.campaignId,
      name: campaign.name,
      controlId: campaign.controlId,
      status: campaign.status,
      launchedAt: campaign.launchedAt,
    },
    reviewer: { name: row.reviewerName },
    decision: row.decision
      ? {
          decision: row.decision,
          decidedAt: row.decidedAt,
          actorName: row.decidedByName,
          justification: row.justification,
          exceptionExpiresOn: row.exceptionExpiresOn,
          compensatingControl: decisionHistory.at(-1)?.compensatingControl ?? null,
        }
      : null,
    closeOutcome: row.closeOutcome,
    stageHistory: await listGrantStages(db, { campaignId: row.campaignId, grantId: row.grantId }),
    reassignments: reassignEvents.map((event) => {
      const payload = event.payload as {
        fromReviewerId: string;
        toReviewerId: string;
        reason: string;
      };
      return {
        seq: event.seq,
        recordedAt: event.recordedAt,
        actorName: nameOf(actorUserId(event.actor)) ?? event.actor,
        fromReviewerName: nameOf(payload.fromReviewerId),
        toReviewerName: nameOf(payload.toReviewerId),
        reason: payload.reason,
      };
    }),
    decisionHistory,
    ledgerEvent: current ? await proveEvent(db, current, options.signer) : null,
  };
}

/** The event, its canonical JSON and its inclusion proof against the latest covering checkpoint. */
async function proveEvent(
  db: Database,
  event: Awaited<ReturnType<typeof listSubjectEvents>>[number],
  signer: EvidenceSigner,
) {
  const canonicalJson = formatEventLine(event).trimEnd();
  const base = { seq: event.seq, hash: event.hash, canonicalJson, leafIndex: event.seq - 1 };
  const checkpoint = await findLatestCheckpoint(db);
  if (!checkpoint || checkpoint.treeSize < event.seq) {
    return {
      ...base,
      inclusionProof: [] as string[],
      checkpoint: null,
      verified: false,
      message: `No signed checkpoint covers event ${event.seq} yet (the latest covers ${checkpoint?.treeSize ?? 0} events); the ledger signs one on its schedule, after which the proof appears here.`,
    };
  }
  const hashes = await listEventHashes(db, { fromSeq: 1, toSeq: checkpoint.treeSize });
  const tree = new MerkleTree(hashes.map((hash) => leafHash(fromHex(hash))));
  const proof = tree.inclusionProof(event.seq - 1, checkpoint.treeSize);
  const signature = verifyCheckpoint(checkpoint.note, {
    keyName: signer.origin,
    publicKeyPem: signer.publicKeyPem,
  });
  const root = parseCheckpoint(checkpoint.note).rootHash;
  // The tree is built from stored hashes, so the proof alone says nothing about the JSON shown:
  // the event's content must hash to the hash the proof is about.
  const { hash, ...body } = event;
  const verified =
    signature.ok &&
    computeEventHash(body) === hash &&
    verifyInclusion(leafHash(fromHex(event.hash)), event.seq - 1, checkpoint.treeSize, proof, root);
  return {
    ...base,
    inclusionProof: proof.map(toHex),
    checkpoint: {
      treeSize: checkpoint.treeSize,
      rootHash: toHex(root),
      signedNote: checkpoint.note,
    },
    verified,
    message: verified
      ? `Event ${event.seq} is leaf ${event.seq - 1} of the tree of ${checkpoint.treeSize} events signed in the checkpoint; the proof and the signature verify.`
      : `Event ${event.seq} does NOT verify against checkpoint ${checkpoint.treeSize}.`,
  };
}
