import type { Database, Transaction } from "@attest/db/database";
import {
  type CampaignForTransition,
  listCampaignIdsOfItems,
  lockCampaignForTransition,
} from "@attest/db/repositories/campaign-lifecycle";
import {
  type ItemForReassignment,
  lockItemsForReassignment,
  moveReviewItems,
} from "@attest/db/repositories/review-item-reassignment";
import { findUserWithRoles } from "@attest/db/repositories/users";
import { campaignStatusLabels } from "@attest/domain/campaigns/campaign";
import type { ReassignItemsInput } from "@attest/domain/campaigns/campaign-lifecycle-input";
import {
  checkReassignee,
  checkReassignment,
  type Reassignee,
  type ReassignmentRefusal,
} from "@attest/domain/campaigns/check-reassignment";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence } from "../evidence/append-evidence";
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
 * Locks a campaign whose items are about to move: it must exist, be the user's to run, and be
 * scheduled or active. Campaign rows are locked before items, the order closing uses.
 */
export async function lockCampaignForReassignment(
  tx: Transaction,
  campaignId: string,
  user: SessionUser,
): Promise<CampaignForTransition> {
  const campaign = await lockCampaignForTransition(tx, campaignId);
  if (!campaign) throw campaignNotFound();
  assertMayManageCampaign(campaign, { user });
  if (campaign.status !== "scheduled" && campaign.status !== "active") {
    throw new AppError(
      "precondition_failed",
      `The campaign is ${campaignStatusLabels[campaign.status].toLowerCase()}; only the items of a scheduled or active campaign can be reassigned.`,
    );
  }
  return campaign;
}

/** The user items move to, refused as a whole when they cannot take review work. */
export async function findReassignee(tx: Transaction, toReviewerId: string): Promise<Reassignee> {
  const to = await findUserWithRoles(tx, toReviewerId);
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
  const unfit = checkReassignee(reassignee);
  if (unfit) throw refusalError(unfit);
  return reassignee;
}

export function refusalError(refusal: ReassignmentRefusal): AppError {
  return refusal.kind === "separation_of_duties"
    ? new AppError("forbidden", refusal.message)
    : new AppError("invalid_input", refusal.message, { field: refusal.field });
}

/** The ids and reviewer reassignment of an item needs, in the domain's terms. */
export function reassignmentFacts(item: ItemForReassignment) {
  return {
    id: item.id,
    reviewerId: item.reviewerId,
    decided: item.decision !== null,
    reviewClosed: item.reviewClosed,
    subjectIdentityKey: item.subjectIdentityKey,
    subjectIdentityKind: item.subjectIdentityKind,
    subjectOwnerKey: item.subjectOwnerKey,
  };
}

/**
 * Moves checked items to the reassignee and records each move: on the item (routed from,
 * "reassigned", the reason) and as one review_item.reassigned event per item, in the caller's
 * transaction.
 */
export async function recordReassignments(
  tx: Transaction,
  move: {
    items: ItemForReassignment[];
    to: Reassignee;
    reason: string;
    user: SessionUser;
    /** Who moves it: the campaign's control owner (the default) or the item's reviewer. */
    by?: "control_owner" | "reviewer";
  },
): Promise<ReassignedItem[]> {
  if (move.items.length === 0) return [];
  await moveReviewItems(tx, {
    itemIds: move.items.map((item) => item.id),
    toReviewerId: move.to.id,
    note: move.reason,
  });
  await appendEvidence(
    tx,
    move.items.map((item) => ({
      action: "review_item.reassigned" as const,
      actor: { user: move.user.id },
      subjectIds: [item.campaignId, item.id],
      payload: {
        campaignId: item.campaignId,
        itemId: item.id,
        fromReviewerId: item.reviewerId,
        toReviewerId: move.to.id,
        reason: move.reason,
        by: move.by ?? "control_owner",
      },
    })),
  );
  return move.items.map((item) => ({
    itemId: item.id,
    campaignId: item.campaignId,
    fromReviewerId: item.reviewerId,
  }));
}

/**
 * Moves the named pending items to another reviewer, with a reason. All or nothing: one item
 * that may not move (decided, closed, or about the new reviewer's own access) refuses the whole
 * request. The item's version changes, so a decision made in a tab opened before the move is
 * refused.
 */
export async function reassignReviewItems(
  db: Database,
  { input, user }: ReassignReviewItemsOptions,
): Promise<{ reassigned: ReassignedItem[] }> {
  return db.transaction(async (tx) => {
    for (const campaignId of await listCampaignIdsOfItems(tx, input.itemIds)) {
      await lockCampaignForReassignment(tx, campaignId, user);
    }
    const items = await lockItemsForReassignment(tx, input.itemIds);
    const found = new Set(items.map((item) => item.id));
    const missing = input.itemIds.find((id) => !found.has(id));
    if (missing) {
      throw new AppError("not_found", `No review item with id ${missing}.`, { field: "itemIds" });
    }
    const to = await findReassignee(tx, input.toReviewerId);
    for (const item of items) {
      const refusal = checkReassignment(reassignmentFacts(item), to);
      if (refusal) throw refusalError(refusal);
    }
    const reassigned = await recordReassignments(tx, { items, to, reason: input.reason, user });
    return { reassigned };
  });
}
