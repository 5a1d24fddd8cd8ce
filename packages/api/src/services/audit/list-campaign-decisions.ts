import type { Database } from "@attest/db/database";
import { findPopulationCampaign } from "@attest/db/repositories/audit-population";
import { listReviewItems } from "@attest/db/repositories/review-items";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { type ReviewItemView, toReviewItemView } from "../reviews/review-item-view";
import { assertCampaignInScope, readAuditScope } from "./audit-scope";

export interface CampaignDecisionsOptions {
  campaignId: string;
  search?: string | undefined;
  limit: number;
  offset: number;
  user: SessionUser;
}

/** A campaign's decided items with who decided, when and why: what an auditor samples from. */
export async function listCampaignDecisions(
  db: Database,
  { user, ...options }: CampaignDecisionsOptions,
): Promise<{ items: ReviewItemView[]; total: number }> {
  const scope = await readAuditScope(db, user);
  if (scope.bounded) {
    const campaign = await findPopulationCampaign(db, options.campaignId);
    if (!campaign) throw new AppError("not_found", "No such campaign.", { field: "campaignId" });
    assertCampaignInScope(scope, campaign);
  }
  const page = await listReviewItems(db, { ...options, status: "decided" });
  return { items: page.items.map(toReviewItemView), total: page.total };
}
