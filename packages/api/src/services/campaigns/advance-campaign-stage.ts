import type { Database } from "@attest/db/database";
import {
  type GeneratedReviewItem,
  insertGeneratedReviewItems,
} from "@attest/db/repositories/campaign-launches";
import {
  listStageOneItemsToContinue,
  lockCampaignForTransition,
  markCampaignStageAdvanced,
} from "@attest/db/repositories/campaign-lifecycle";
import { campaignStatusLabels } from "@attest/domain/campaigns/campaign";
import { AppError } from "../../app-error";
import { appendEvidence, type NewEvidenceEvent } from "../evidence/append-evidence";
import { newId } from "../inventory/import/new-id";
import {
  assertMayManageCampaign,
  type CampaignActor,
  campaignNotFound,
  evidenceActorOf,
} from "./campaign-actor";
import { hashItemIds } from "./hash-item-ids";
import { routeStageTwoItems } from "./route-stage-two-item";

export interface AdvanceCampaignStageOptions {
  campaignId: string;
  actor: CampaignActor;
  now: Date;
}

export interface AdvancedCampaignStage {
  campaignId: string;
  stage: 2;
  /** Stage-two items opened: one per stage-one item approved, excepted or undecided. */
  openedItems: number;
  at: string;
}

/**
 * Ends stage one of a two-stage campaign and opens stage two: when stage one's time is up (the
 * scheduler) or earlier, by the control owner. Every stage-one item that was approved, excepted
 * or left undecided gets a stage-two item for the second stage's reviewer; a revoke ends its
 * chain. From then on stage-one items take no decisions. Happens once per campaign: the
 * campaign row is locked and its stage checked, so a second caller is refused.
 */
export async function advanceCampaignStage(
  db: Database,
  { campaignId, actor, now }: AdvanceCampaignStageOptions,
): Promise<AdvancedCampaignStage> {
  return db.transaction(async (tx) => {
    const campaign = await lockCampaignForTransition(tx, campaignId);
    if (!campaign) throw campaignNotFound();
    assertMayManageCampaign(campaign, actor);
    if (campaign.status !== "active") {
      throw new AppError(
        "precondition_failed",
        `The campaign is ${campaignStatusLabels[campaign.status].toLowerCase()}; only an active campaign moves to its second stage.`,
      );
    }
    if (!campaign.secondStage) {
      throw new AppError("precondition_failed", "This campaign has no second stage.");
    }
    if (campaign.currentStage >= 2) {
      throw new AppError("precondition_failed", "Stage two of this campaign is already open.");
    }
    const at = now.toISOString();
    const stageOneItems = await listStageOneItemsToContinue(tx, campaignId);
    // The second stage's reviewer, separation of duties and independence, as at launch.
    const routes = await routeStageTwoItems(
      tx,
      stageOneItems.map((item) => item.id),
    );
    const opened = routes.map((route) => ({
      route,
      item: {
        id: newId(),
        campaignId,
        grantId: route.grantId,
        stage: 2,
        reviewerId: route.reviewerId,
        routedFromId: route.routedFromId,
        routingReason: route.routingReason,
        routingNote: route.routingNote,
        reviewerHoldsPrivileged: route.reviewerHoldsPrivileged,
        previousStageItemId: route.stageOneItemId,
        // Both stages review what the campaign froze at launch.
        context: route.context as object,
        createdAt: at,
      } satisfies GeneratedReviewItem,
    }));
    await insertGeneratedReviewItems(
      tx,
      opened.map(({ item }) => item),
    );
    if (!(await markCampaignStageAdvanced(tx, { campaignId, advancedAt: at }))) {
      throw new Error(`campaign ${campaignId} changed under its own row lock`);
    }
    const evidenceActor = evidenceActorOf(actor);
    const events: NewEvidenceEvent[] = opened.map(({ route, item }) => ({
      action: "review_item.stage_opened",
      actor: evidenceActor,
      subjectIds: [campaignId, item.id, route.stageOneItemId],
      payload: {
        campaignId,
        itemId: item.id,
        previousItemId: route.stageOneItemId,
        stage: 2,
        reviewerId: item.reviewerId,
        routingReason: item.routingReason,
      },
    }));
    events.push({
      action: "campaign.stage_advanced",
      actor: evidenceActor,
      subjectIds: [campaignId],
      payload: {
        campaignId,
        stage: 2,
        openedItemCount: opened.length,
        itemsHash: hashItemIds(opened.map(({ item }) => item.id)),
      },
    });
    await appendEvidence(tx, events);
    return { campaignId, stage: 2, openedItems: opened.length, at };
  });
}
