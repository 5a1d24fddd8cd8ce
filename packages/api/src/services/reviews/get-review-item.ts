import type { Database } from "@attest/db/database";
import {
  findQueueItem,
  listDecisionEvents,
  listEarlierStages,
} from "@attest/db/repositories/review-queue";
import type { Decision } from "@attest/domain/campaigns/campaign";
import type { EvidencePayload } from "@attest/domain/evidence/evidence-actions";
import { parseEvidencePayload } from "@attest/domain/evidence/evidence-actions";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { type QueueItem, toQueueItem } from "./queue-item-view";

export interface ReviewItemDetail extends QueueItem {
  /** What earlier stages decided about this access, and why. */
  stageHistory: {
    stage: number;
    reviewerName: string;
    decision: Decision | null;
    decidedAt: string | null;
    justification: string | null;
  }[];
  /** Every decision recorded on this item, oldest first, as the ledger holds them. */
  decisionHistory: {
    seq: number;
    decision: Decision;
    decidedAt: string;
    actorName: string;
    justification: string | null;
    exceptionExpiresOn: string | null;
    compensatingControl: string | null;
    viaBulk: boolean;
  }[];
}

/** One item of the signed-in reviewer's with its history; anyone else's is not found. */
export async function getReviewItem(
  db: Database,
  { user, itemId }: { user: SessionUser; itemId: string },
): Promise<ReviewItemDetail> {
  const row = await findQueueItem(db, itemId);
  if (!row || row.reviewerId !== user.id) {
    throw new AppError("not_found", "No review item of yours with that id.", { field: "itemId" });
  }
  const [stages, events] = await Promise.all([
    listEarlierStages(db, itemId),
    listDecisionEvents(db, itemId),
  ]);
  return {
    ...toQueueItem(row, user),
    stageHistory: stages,
    decisionHistory: events.map((event) => {
      // Parsed on read: a payload that does not match its version's schema is an error.
      const payload = parseEvidencePayload(
        "decision.recorded",
        event.payloadVersion,
        event.payload,
      ) as EvidencePayload<"decision.recorded", 1> | EvidencePayload<"decision.recorded", 2>;
      return {
        seq: event.seq,
        decision: payload.decision,
        decidedAt: payload.decidedAt,
        actorName: event.actorName ?? event.actor,
        justification: payload.justification,
        exceptionExpiresOn: payload.exceptionExpiresOn,
        compensatingControl: "compensatingControl" in payload ? payload.compensatingControl : null,
        viaBulk: "diligence" in payload ? payload.diligence.viaBulk : false,
      };
    }),
  };
}
