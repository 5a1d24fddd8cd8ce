import type { Database } from "@attest/db/database";
import {
  listCampaignIdsOfItems,
  lockCampaignForTransition,
  lockItemsForReassignment,
  reassignReviewItem,
} from "@attest/db/repositories/campaign-lifecycle";
import { findUserWithRoles } from "@attest/db/repositories/users";
import { campaignStatusLabels } from "@attest/domain/campaigns/campaign";
import type { ReassignItemsInput } from "@attest/domain/campaigns/campaign-lifecycle-input";
import { checkReassignment } from "@attest/domain/campaigns/check-reassignment";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence, type NewEvidenceEvent } from "../evidence/append-evidence";
import { assertMayManageCampaign, campaignNotFound } from "./campaign-actor";

export interface ReassignReviewItemsOptions {
  input: ReassignItemsInput;
  user: SessionUser;
}

export interface ReassignedItem {
  itemId: string;
  campaignId: string;
  fromReviewerId: string;
}

/**
 * Moves pending items to another reviewer, with a reason. All or nothing: one item that may not
 * move (decided, closed, or about the new reviewer's own access) refuses the whole request.
 * Each move is recorded on the item (routed from, "reassigned", the reason) and in the ledger;
 * the item's version changes, so a decision made in a tab opened before the move is refused.
 */
export async function reassignReviewItems(
  db: Database,
  { input, user }: ReassignReviewItemsOptions,
): Promise<{ reassigned: ReassignedItem[] }> {
  return db.transaction(async (tx) => {
    // Campaign rows first, then items, the order closing uses, so the two cannot deadlock.
    for (const campaignId of await listCampaignIdsOfItems(tx, input.itemIds)) {
      const campaign = await lockCampaignForTransition(tx, campaignId);
      if (!campaign) throw campaignNotFound();
      assertMayManageCampaign(campaign, { user });
      if (campaign.status !== "scheduled" && campaign.status !== "active") {
        throw new AppError(
          "precondition_failed",
          `The campaign is ${campaignStatusLabels[campaign.status].toLowerCase()}; only the items of a scheduled or active campaign can be reassigned.`,
        );
      }
    }
    const items = await lockItemsForReassignment(tx, input.itemIds);
    const found = new Set(items.map((item) => item.id));
    const missing = input.itemIds.find((id) => !found.has(id));
    if (missing) {
      throw new AppError("not_found", `No review item with id ${missing}.`, { field: "itemIds" });
    }
    const to = await findUserWithRoles(tx, input.toReviewerId);
    if (!to) {
      throw new AppError("invalid_input", "toReviewerId must be an existing user", {
        field: "toReviewerId",
      });
    }
    const reassignee = {
      id: to.id,
      identityKey: to.identityKey,
      active: to.status === "active",
      isReviewer: to.roles.includes("reviewer"),
    };
    const events: NewEvidenceEvent[] = [];
    const reassigned: ReassignedItem[] = [];
    for (const item of items) {
      const refusal = checkReassignment(
        {
          id: item.id,
          reviewerId: item.reviewerId,
          decided: item.decision !== null,
          reviewClosed: item.reviewClosed,
          subjectIdentityKey: item.subjectIdentityKey,
          subjectOwnerKey: item.subjectOwnerKey,
        },
        reassignee,
      );
      if (refusal?.kind === "separation_of_duties")
        throw new AppError("forbidden", refusal.message);
      if (refusal) throw new AppError("invalid_input", refusal.message, { field: refusal.field });
      await reassignReviewItem(tx, {
        itemId: item.id,
        fromReviewerId: item.reviewerId,
        toReviewerId: to.id,
        note: input.reason,
      });
      events.push({
        action: "review_item.reassigned",
        actor: { user: user.id },
        subjectIds: [item.campaignId, item.id],
        payload: {
          campaignId: item.campaignId,
          itemId: item.id,
          fromReviewerId: item.reviewerId,
          toReviewerId: to.id,
          reason: input.reason,
        },
      });
      reassigned.push({
        itemId: item.id,
        campaignId: item.campaignId,
        fromReviewerId: item.reviewerId,
      });
    }
    await appendEvidence(tx, events);
    return { reassigned };
  });
}
