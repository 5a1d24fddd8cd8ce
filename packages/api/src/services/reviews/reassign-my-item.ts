import type { Database } from "@attest/db/database";
import {
  listCampaignIdsOfItems,
  lockCampaignForTransition,
} from "@attest/db/repositories/campaign-lifecycle";
import { lockItemsForReassignment } from "@attest/db/repositories/review-item-reassignment";
import { lockReviewItemForDecision } from "@attest/db/repositories/review-items";
import { findUserWithRoles } from "@attest/db/repositories/users";
import {
  checkReassignment,
  type ReassignmentRefusal,
} from "@attest/domain/campaigns/check-reassignment";
import type { ReassignItemInput } from "@attest/domain/reviews/queue-input";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { reassignmentFacts, recordReassignments } from "../campaigns/reassign-review-items";

function refusalError(refusal: ReassignmentRefusal): AppError {
  if (refusal.kind === "separation_of_duties") return new AppError("forbidden", refusal.message);
  // The domain names the control owner's fields; the reviewer's input calls them otherwise.
  const field = { toReviewerId: "toUserId", itemIds: "itemId" }[refusal.field] ?? refusal.field;
  return new AppError("invalid_input", refusal.message.replace("toReviewerId", "toUserId"), {
    field,
  });
}

/**
 * The reviewer hands one of their own pending items to another reviewer, with a reason, under
 * the rules a control owner's reassignment follows (separation of duties: nobody reviews their
 * own access or an identity they own). Recorded on the item and as review_item.reassigned by
 * the reviewer; the item's version changes, so a tab still showing it gets a conflict.
 */
export async function reassignMyItem(
  db: Database,
  { user, input }: { user: SessionUser; input: ReassignItemInput },
): Promise<{ itemId: string; toReviewerName: string }> {
  return db.transaction(async (tx) => {
    const [campaignId] = await listCampaignIdsOfItems(tx, [input.itemId]);
    const notYours = () =>
      new AppError("not_found", "No review item of yours with that id.", { field: "itemId" });
    if (!campaignId) throw notYours();
    // Campaign first, then the item: the order closing and the control owner's reassignment use.
    const campaign = await lockCampaignForTransition(tx, campaignId);
    const item = await lockReviewItemForDecision(tx, input.itemId);
    if (!campaign || !item || item.reviewerId !== user.id) throw notYours();
    if (campaign.status !== "active") {
      throw new AppError(
        "precondition_failed",
        "The campaign is not active, so its items can no longer be reassigned.",
      );
    }
    if (item.version !== input.version) {
      throw new AppError(
        "conflict",
        "This item changed since you opened it (decided elsewhere or reassigned). Reload to see its current state.",
      );
    }
    const to = await findUserWithRoles(tx, input.toUserId);
    if (!to) {
      throw new AppError("invalid_input", "toUserId must be an existing user", {
        field: "toUserId",
      });
    }
    const reassignee = {
      id: to.id,
      identityKey: to.identityKey,
      active: to.status === "active",
      isReviewer: to.roles.includes("reviewer"),
    };
    const [locked] = await lockItemsForReassignment(tx, [item.id]);
    if (!locked) throw notYours();
    const refusal = checkReassignment(reassignmentFacts(locked), reassignee);
    if (refusal) throw refusalError(refusal);
    await recordReassignments(tx, {
      items: [locked],
      to: reassignee,
      reason: input.reason,
      user,
      by: "reviewer",
    });
    return { itemId: item.id, toReviewerName: to.displayName };
  });
}
