import type { Database } from "@attest/db/database";
import {
  lockReviewItemForDecision,
  updateReviewItemDecision,
} from "@attest/db/repositories/review-items";
import { findQueueItem } from "@attest/db/repositories/review-queue";
import { decisionLabels } from "@attest/domain/campaigns/campaign";
import { checkDecision } from "@attest/domain/reviews/check-decision";
import type { DecisionInput } from "@attest/domain/reviews/decision-input";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence } from "../evidence/append-evidence";
import { type QueueItem, toQueueItem } from "./queue-item-view";

export interface RecordDecisionOptions {
  user: SessionUser;
  input: DecisionInput;
  now: Date;
}

/**
 * Records one reviewer decision. The reviewer is the session's user and the time the server's;
 * the item is locked and its version checked, so a stale tab gets a conflict, never an overwrite.
 * The decision and its evidence event commit together; a changed decision is a new event that
 * names the one it supersedes, and the earlier event stays.
 */
export async function recordDecision(
  db: Database,
  { user, input, now }: RecordDecisionOptions,
): Promise<QueueItem> {
  return db.transaction(async (tx) => {
    const item = await lockReviewItemForDecision(tx, input.itemId);
    if (!item) throw new AppError("not_found", "No review item with that id.", { field: "itemId" });
    if (
      item.reviewerId !== user.id &&
      item.routedFromId === user.id &&
      item.version !== input.version
    ) {
      // A tab opened before the item moved: the reviewer needs to know it went, not that it is
      // someone else's.
      throw new AppError(
        "conflict",
        "This item was reassigned to another reviewer since you opened it, so it is no longer yours to decide.",
      );
    }
    const refusal = checkDecision(item, {
      decision: input.decision,
      justification: input.justification,
      exceptionExpiresOn: input.exceptionExpiresOn,
      compensatingControl: input.compensatingControl,
      reviewerId: user.id,
      reviewerIdentityKey: user.identityKey,
      today: now.toISOString().slice(0, 10),
    });
    if (refusal) {
      switch (refusal.kind) {
        case "not_assigned":
        case "own_access":
          throw new AppError("forbidden", refusal.message);
        case "campaign_not_active":
        case "stage_closed":
          throw new AppError("precondition_failed", refusal.message);
        case "invalid":
          throw new AppError("invalid_input", refusal.message, { field: refusal.field });
      }
    }
    if (item.version !== input.version) {
      throw new AppError(
        "conflict",
        item.decision
          ? `This item was decided elsewhere since you opened it (now: ${decisionLabels[item.decision]}). Reload to see its current state.`
          : "This item changed since you opened it (decided elsewhere or reassigned). Reload to see its current state.",
      );
    }
    const compensatingControl =
      input.decision === "exception" ? input.compensatingControl?.trim() || null : null;
    const diligence = {
      timeOnItemMs: input.diligence.timeOnItemMs,
      contextViewed: input.diligence.contextViewed,
      viaBulk: false,
    };
    const version = await updateReviewItemDecision(tx, {
      itemId: item.id,
      expectedVersion: input.version,
      decision: input.decision,
      decidedBy: user.id,
      decidedAt: now.toISOString(),
      justification: input.justification?.trim() || null,
      exceptionExpiresOn:
        input.decision === "exception" ? (input.exceptionExpiresOn ?? null) : null,
      compensatingControl,
      diligence,
    });
    if (version === null) throw new AppError("conflict", "This item changed since you opened it.");
    const decidedAt = now.toISOString();
    await appendEvidence(tx, {
      action: "decision.recorded",
      actor: { user: user.id },
      subjectIds: [item.campaignId, item.id, item.grantId],
      payload: {
        campaignId: item.campaignId,
        itemId: item.id,
        grantId: item.grantId,
        stage: item.stage,
        reviewerId: user.id,
        decision: input.decision,
        justification: input.justification?.trim() || null,
        exceptionExpiresOn:
          input.decision === "exception" ? (input.exceptionExpiresOn ?? null) : null,
        compensatingControl,
        decidedAt,
        itemVersion: version,
        supersedes:
          item.decision && item.decidedAt
            ? { decision: item.decision, decidedAt: item.decidedAt }
            : null,
        diligence,
      },
    });
    const updated = await findQueueItem(tx, item.id);
    if (!updated) throw new Error(`review item ${item.id} vanished inside its own transaction`);
    return toQueueItem(updated, user);
  });
}
