import type { Database } from "@attest/db/database";
import {
  findReviewerCampaign,
  type ItemForBulkDecision,
  lockCampaignForDecision,
  lockDecidableItems,
  lockItemsForBulkDecision,
  updateItemsDecision,
} from "@attest/db/repositories/review-queue";
import { checkDecidable, checkDecisionContent } from "@attest/domain/reviews/check-decision";
import type { BulkDecisionInput } from "@attest/domain/reviews/queue-input";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence } from "../evidence/append-evidence";
import { fingerprintSelection } from "./selection-fingerprint";

export interface BulkDecisionResult {
  recorded: number;
  /** Named items that were left out, and why. */
  skipped: { itemId: string; reason: string }[];
}

/**
 * One decision on many items of a campaign, in one transaction: a set-based update and one
 * decision.recorded event per item (diligence viaBulk). Items the reviewer may not decide are
 * never included: a filter selection leaves them out (and its count and fingerprint must still
 * be the ones the reviewer confirmed), an items selection reports them as skipped, with those whose version
 * changed since the reviewer saw them.
 */
export async function bulkDecide(
  db: Database,
  { user, input, now }: { user: SessionUser; input: BulkDecisionInput; now: Date },
): Promise<BulkDecisionResult> {
  return db.transaction(async (tx) => {
    // Campaign before items, the order closing locks them: a close in progress is waited for,
    // and its status read after it, so no decision lands on a campaign closing under it.
    await lockCampaignForDecision(tx, input.campaignId);
    const campaign = await findReviewerCampaign(tx, {
      campaignId: input.campaignId,
      reviewerId: user.id,
    });
    if (!campaign) {
      throw new AppError("not_found", "You have no review items in that campaign.", {
        field: "campaignId",
      });
    }
    if (campaign.status !== "active") {
      throw new AppError(
        "precondition_failed",
        "The campaign is not active, so its decisions can no longer change.",
      );
    }
    const today = now.toISOString().slice(0, 10);
    const invalid = checkDecisionContent(
      { justificationRequired: campaign.justificationRequired },
      {
        decision: input.decision,
        justification: input.justification,
        exceptionExpiresOn: undefined,
        today,
      },
    );
    if (invalid) throw new AppError("invalid_input", invalid.message, { field: invalid.field });

    const decider = { reviewerId: user.id, reviewerIdentityKey: user.identityKey };
    const skipped: BulkDecisionResult["skipped"] = [];
    let items: { item: ItemForBulkDecision; version: number }[];
    const { selection } = input;
    if (selection.kind === "filter") {
      const locked = await lockDecidableItems(tx, {
        campaignId: input.campaignId,
        reviewerId: user.id,
        reviewerIdentityKey: user.identityKey,
        status: selection.status,
        filters: selection.filters,
        search: selection.search,
      });
      if (locked.length !== selection.expectedCount) {
        throw new AppError(
          "conflict",
          `The selection changed: ${locked.length} items now match, not ${selection.expectedCount}. Review the queue and confirm again.`,
        );
      }
      if (fingerprintSelection(locked) !== selection.fingerprint) {
        // Same count, other items or versions: decided elsewhere, reassigned, or swapped.
        throw new AppError(
          "conflict",
          "The selection changed since you confirmed it: an item in it was decided elsewhere or reassigned, or another item now matches. Review the queue and confirm again.",
        );
      }
      items = locked.map((item) => ({ item, version: item.version }));
    } else {
      const requested = new Map<string, number>();
      for (const { itemId, version } of selection.items) {
        if (requested.has(itemId)) {
          throw new AppError("invalid_input", `selection.items names item ${itemId} twice`, {
            field: "selection.items",
          });
        }
        requested.set(itemId, version);
      }
      const locked = new Map(
        (await lockItemsForBulkDecision(tx, [...requested.keys()])).map((item) => [item.id, item]),
      );
      items = [];
      for (const [itemId, version] of requested) {
        const item = locked.get(itemId);
        if (!item || item.campaignId !== input.campaignId) {
          skipped.push({ itemId, reason: "No review item with that id in this campaign." });
          continue;
        }
        const refusal = checkDecidable(
          {
            reviewerId: item.reviewerId,
            subjectIdentityKey: item.subjectIdentityKey,
            campaignStatus: item.campaignStatus,
            justificationRequired: campaign.justificationRequired,
            stageClosed: item.stageClosed,
          },
          decider,
        );
        if (refusal) {
          skipped.push({ itemId, reason: refusal.message });
        } else if (item.version !== version) {
          skipped.push({
            itemId,
            reason: "This item changed since you saw it (decided elsewhere or reassigned).",
          });
        } else {
          items.push({ item, version });
        }
      }
    }
    if (items.length === 0) return { recorded: 0, skipped };

    const decidedAt = now.toISOString();
    const justification = input.justification?.trim() || null;
    const updated = await updateItemsDecision(tx, {
      items: items.map(({ item, version }) => ({ id: item.id, version })),
      decision: input.decision,
      decidedBy: user.id,
      decidedAt,
      justification,
    });
    if (updated.length !== items.length) {
      // The rows were locked at these versions: nothing else can have changed them.
      throw new Error(`bulk decision updated ${updated.length} of ${items.length} locked items`);
    }
    const newVersions = new Map(updated.map((row) => [row.id, row.version]));
    await appendEvidence(
      tx,
      items.map(({ item }) => ({
        action: "decision.recorded" as const,
        actor: { user: user.id },
        subjectIds: [item.campaignId, item.id, item.grantId],
        payload: {
          campaignId: item.campaignId,
          itemId: item.id,
          grantId: item.grantId,
          stage: item.stage,
          reviewerId: user.id,
          decision: input.decision,
          justification,
          exceptionExpiresOn: null,
          compensatingControl: null,
          decidedAt,
          itemVersion: newVersions.get(item.id) ?? item.version + 1,
          supersedes:
            item.decision && item.decidedAt
              ? { decision: item.decision, decidedAt: item.decidedAt }
              : null,
          diligence: { timeOnItemMs: null, contextViewed: null, viaBulk: true },
        },
      })),
    );
    return { recorded: items.length, skipped };
  });
}
