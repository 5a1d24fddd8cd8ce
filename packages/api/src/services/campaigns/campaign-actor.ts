import type { CampaignForTransition } from "@attest/db/repositories/campaign-lifecycle";
import type { CampaignTransition } from "@attest/domain/campaigns/campaign-transitions";
import { checkCampaignTransition } from "@attest/domain/campaigns/campaign-transitions";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import type { EvidenceActor } from "../evidence/append-evidence";

/** Who changes a campaign: a signed-in user (from the session) or a server job such as the scheduler. */
export type CampaignActor = { user: SessionUser } | { system: string };

export function evidenceActorOf(actor: CampaignActor): EvidenceActor {
  return "user" in actor ? { user: actor.user.id } : { system: actor.system };
}

/**
 * A campaign is run by its definition's control owner; an administrator may step in (e.g. to
 * cancel a campaign whose owner has left). Jobs act on the schedule the owner set.
 */
export function assertMayManageCampaign(
  campaign: Pick<CampaignForTransition, "controlOwnerId">,
  actor: CampaignActor,
): void {
  if (!("user" in actor)) return;
  const { user } = actor;
  if (user.id === campaign.controlOwnerId || user.roles.includes("admin")) return;
  throw new AppError(
    "forbidden",
    "Only the campaign's control owner or an administrator can change this campaign.",
  );
}

/** The status a transition leads to, or an AppError naming the campaign's current status. */
export function assertTransition(
  campaign: Pick<CampaignForTransition, "status">,
  transition: CampaignTransition,
) {
  const check = checkCampaignTransition(campaign.status, transition);
  if (!check.allowed) throw new AppError("precondition_failed", check.message);
  return check;
}

export function campaignNotFound(): AppError {
  return new AppError("not_found", "No campaign with that id.", { field: "campaignId" });
}

export interface CampaignStatusChange {
  campaignId: string;
  from: CampaignForTransition["status"];
  to: CampaignForTransition["status"];
  at: string;
}
