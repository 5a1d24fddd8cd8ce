import type { Database } from "@attest/db/database";
import {
  closeUndecidedItems,
  lockCampaignForTransition,
  markCampaignClosed,
} from "@attest/db/repositories/campaign-lifecycle";
import type { UndecidedRule } from "@attest/domain/campaigns/campaign";
import { closeOutcomeFor } from "@attest/domain/campaigns/campaign-close";
import type { CloseOutcome } from "@attest/domain/campaigns/campaign-definition";
import { AppError } from "../../app-error";
import { appendEvidence, formatActor } from "../evidence/append-evidence";
import {
  assertMayManageCampaign,
  assertTransition,
  type CampaignActor,
  type CampaignStatusChange,
  campaignNotFound,
  evidenceActorOf,
} from "./campaign-actor";
import { hashItemIds } from "./hash-item-ids";

export interface CloseCampaignOptions {
  campaignId: string;
  actor: CampaignActor;
  now: Date;
}

export interface ClosedCampaign extends CampaignStatusChange {
  undecided: { rule: UndecidedRule; outcome: CloseOutcome; itemCount: number };
}

/**
 * active → closed. Every item still under review gets the definition's undecided rule as its
 * close outcome (keep → kept, revoke → revoked, not_reviewed → not_reviewed), explicitly and in
 * the same transaction as the ledger events that record the rule, the items and the close.
 */
export async function closeCampaign(
  db: Database,
  { campaignId, actor, now }: CloseCampaignOptions,
): Promise<ClosedCampaign> {
  return db.transaction(async (tx) => {
    const campaign = await lockCampaignForTransition(tx, campaignId);
    if (!campaign) throw campaignNotFound();
    assertMayManageCampaign(campaign, actor);
    const { from, to } = assertTransition(campaign, "close");
    if (campaign.secondStage && campaign.currentStage < 2) {
      // Closing now would end approved access's chain before its second review, for good.
      throw new AppError(
        "precondition_failed",
        "The campaign is still in stage one: open stage two first, so approved access gets its second review, then close it.",
      );
    }
    const outcome = closeOutcomeFor(campaign.undecidedRule);
    const itemIds = await closeUndecidedItems(tx, { campaignId, outcome });
    const at = now.toISOString();
    const evidenceActor = evidenceActorOf(actor);
    const closed = await markCampaignClosed(tx, {
      campaignId,
      closedAt: at,
      closedBy: formatActor(evidenceActor),
    });
    if (!closed) throw new Error(`campaign ${campaignId} changed under its own row lock`);
    await appendEvidence(tx, [
      {
        action: "campaign.undecided_closed",
        actor: evidenceActor,
        subjectIds: [campaignId],
        payload: {
          campaignId,
          rule: campaign.undecidedRule,
          itemCount: itemIds.length,
          itemsHash: hashItemIds(itemIds),
        },
      },
      {
        action: "campaign.status_changed",
        actor: evidenceActor,
        subjectIds: [campaignId],
        payload: { campaignId, from, to, statement: null },
      },
    ]);
    return {
      campaignId,
      from,
      to,
      at,
      undecided: { rule: campaign.undecidedRule, outcome, itemCount: itemIds.length },
    };
  });
}
