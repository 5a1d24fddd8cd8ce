import type { Database } from "@attest/db/database";
import {
  lockCampaignForTransition,
  markCampaignActive,
} from "@attest/db/repositories/campaign-lifecycle";
import { appendEvidence } from "../evidence/append-evidence";
import {
  assertMayManageCampaign,
  assertTransition,
  type CampaignActor,
  type CampaignStatusChange,
  campaignNotFound,
  evidenceActorOf,
} from "./campaign-actor";

export interface ActivateCampaignOptions {
  campaignId: string;
  actor: CampaignActor;
  now: Date;
}

/**
 * scheduled → active: by the scheduler when the start has come, or early by the control owner
 * (the campaign then starts now, and its start date says so).
 */
export async function activateCampaign(
  db: Database,
  { campaignId, actor, now }: ActivateCampaignOptions,
): Promise<CampaignStatusChange> {
  return db.transaction(async (tx) => {
    const campaign = await lockCampaignForTransition(tx, campaignId);
    if (!campaign) throw campaignNotFound();
    assertMayManageCampaign(campaign, actor);
    const { from, to } = assertTransition(campaign, "activate");
    const at = now.toISOString();
    if (!(await markCampaignActive(tx, { campaignId, startsAt: at }))) {
      throw new Error(`campaign ${campaignId} changed under its own row lock`);
    }
    await appendEvidence(tx, {
      action: "campaign.status_changed",
      actor: evidenceActorOf(actor),
      subjectIds: [campaignId],
      payload: { campaignId, from, to, statement: null },
    });
    return { campaignId, from, to, at };
  });
}
