import type { Database } from "@attest/db/database";
import { lockPendingItemsOfReviewer } from "@attest/db/repositories/review-item-reassignment";
import type { ReassignReviewerInput } from "@attest/domain/campaigns/campaign-lifecycle-input";
import { checkReassignment } from "@attest/domain/campaigns/check-reassignment";
import type { ConflictReason } from "@attest/domain/campaigns/reviewer-assignment";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import {
  findReassignee,
  lockCampaignForReassignment,
  reassignmentFacts,
  recordReassignments,
  refusalError,
} from "./reassign-review-items";

export interface ReassignReviewerOptions {
  input: ReassignReviewerInput;
  user: SessionUser;
}

export interface ReassignReviewerResult {
  campaignId: string;
  fromReviewerId: string;
  toReviewerId: string;
  /** Pending items that now belong to the new reviewer. */
  moved: number;
  /** Items separation of duties kept with the reviewer they had, grouped by why. */
  refused: { reason: ConflictReason; itemIds: string[] }[];
}

/**
 * Moves every pending item of one reviewer in a campaign (undecided, in its current stage) to
 * another, with a reason, in one transaction. Unlike a reassignment of named items, it moves
 * what may move: an item about the new reviewer's own access, or a non-human identity they
 * own, stays where it was and is reported as refused. Each move is recorded on the item and as
 * its own review_item.reassigned event, as campaigns.reassign does.
 */
export async function reassignReviewer(
  db: Database,
  { input, user }: ReassignReviewerOptions,
): Promise<ReassignReviewerResult> {
  return db.transaction(async (tx) => {
    await lockCampaignForReassignment(tx, input.campaignId, user);
    const to = await findReassignee(tx, input.toReviewerId);
    const pending = await lockPendingItemsOfReviewer(tx, {
      campaignId: input.campaignId,
      reviewerId: input.fromReviewerId,
    });
    if (pending.length === 0) {
      throw new AppError(
        "precondition_failed",
        "That reviewer has no pending items in this campaign.",
        { field: "fromReviewerId" },
      );
    }
    const movable: typeof pending = [];
    const refused = new Map<ConflictReason, string[]>();
    for (const item of pending) {
      const refusal = checkReassignment(reassignmentFacts(item), to);
      if (refusal === null) {
        movable.push(item);
      } else if (refusal.kind === "separation_of_duties") {
        const ids = refused.get(refusal.reason);
        if (ids) ids.push(item.id);
        else refused.set(refusal.reason, [item.id]);
      } else {
        // Only pending items of another reviewer were locked: no other refusal can apply.
        throw refusalError(refusal);
      }
    }
    await recordReassignments(tx, { items: movable, to, reason: input.reason, user });
    return {
      campaignId: input.campaignId,
      fromReviewerId: input.fromReviewerId,
      toReviewerId: to.id,
      moved: movable.length,
      refused: [...refused].map(([reason, itemIds]) => ({ reason, itemIds })),
    };
  });
}
