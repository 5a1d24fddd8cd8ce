import type { Database } from "@attest/db/database";
import {
  lockCampaignForTransition,
  markCampaignCancelled,
} from "@attest/db/repositories/campaign-lifecycle";
import type { CancelCampaignInput } from "@attest/domain/campaigns/campaign-lifecycle-input";
import { appendEvidence, formatActor } from "../evidence/append-evidence";
import {
  assertMayManageCampaign,
  assertTransition,
  type CampaignActor,
  type CampaignStatusChange,
  campaignNotFound,
  evidenceActorOf,
} from "./campaign-actor";

export interface CancelCampaignOptions {
  input: CancelCampaignInput;
  actor: CampaignActor;
  now: Date;
}

/**
 * draft, scheduled or active → cancelled, with the reason in the ledger. Decisions already
 * recorded stay (they are evidence); the campaign simply takes no more.
 */
export async function cancelCampaign(
  db: Database,
  { input, actor, now }: CancelCampaignOptions,
): Promise<CampaignStatusChange> {
  return db.transaction(async (tx) => {
    const campaign = await lockCampaignForTransition(tx, input.campaignId);
    if (!campaign) throw campaignNotFound();
    assertMayManageCampaign(campaign, actor);
    const { from, to } = assertTransition(campaign, "cancel");
    const at = now.toISOString();
    const evidenceActor = evidenceActorOf(actor);
    const cancelled = await markCampaignCancelled(tx, {
      campaignId: campaign.id,
      from,
      cancelledAt: at,
      cancelledBy: formatActor(evidenceActor),
    });
    if (!cancelled) throw new Error(`campaign ${campaign.id} changed under its own row lock`);
    await appendEvidence(tx, {
      action: "campaign.status_changed",
      actor: evidenceActor,
      subjectIds: [campaign.id],
      payload: { campaignId: campaign.id, from, to, statement: input.reason },
    });
    return { campaignId: campaign.id, from, to, at };
  });
}
