import type { Database } from "@attest/db/database";
import {
  countSignOffBlockers,
  lockCampaignForTransition,
  markCampaignSignedOff,
} from "@attest/db/repositories/campaign-lifecycle";
import { checkSignOff } from "@attest/domain/campaigns/campaign-close";
import type { SignOffCampaignInput } from "@attest/domain/campaigns/campaign-lifecycle-input";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence } from "../evidence/append-evidence";
import { assertTransition, type CampaignStatusChange, campaignNotFound } from "./campaign-actor";

export interface SignOffCampaignOptions {
  input: SignOffCampaignInput;
  user: SessionUser;
  now: Date;
}

/**
 * closed → signed off: the definition's control owner attests the review, in their own words.
 * Only they may (not an administrator: the attestation is the control owner's, and nobody signs
 * in their name), and never while an item is undecided or a second-stage review never opened.
 */
export async function signOffCampaign(
  db: Database,
  { input, user, now }: SignOffCampaignOptions,
): Promise<CampaignStatusChange> {
  return db.transaction(async (tx) => {
    const campaign = await lockCampaignForTransition(tx, input.campaignId);
    if (!campaign) throw campaignNotFound();
    const { from, to } = assertTransition(campaign, "signOff");
    const blockers = await countSignOffBlockers(tx, {
      campaignId: campaign.id,
      hasSecondStage: campaign.secondStage !== null,
    });
    const refusal = checkSignOff({ controlOwnerId: campaign.controlOwnerId, ...blockers }, user.id);
    if (refusal) {
      throw new AppError(
        refusal.kind === "not_control_owner" ? "forbidden" : "precondition_failed",
        refusal.message,
      );
    }
    const at = now.toISOString();
    const signed = await markCampaignSignedOff(tx, {
      campaignId: campaign.id,
      signedOffAt: at,
      signedOffBy: user.id,
      statement: input.statement,
    });
    if (!signed) throw new Error(`campaign ${campaign.id} changed under its own row lock`);
    await appendEvidence(tx, {
      action: "campaign.status_changed",
      actor: { user: user.id },
      subjectIds: [campaign.id],
      payload: { campaignId: campaign.id, from, to, statement: input.statement },
    });
    return { campaignId: campaign.id, from, to, at };
  });
}
