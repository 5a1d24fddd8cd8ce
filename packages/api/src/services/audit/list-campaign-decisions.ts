import type { Database } from "@attest/db/database";
import { listReviewItems } from "@attest/db/repositories/review-items";
import { type ReviewItemView, toReviewItemView } from "../reviews/review-item-view";

export interface CampaignDecisionsOptions {
  campaignId: string;
  search?: string | undefined;
  limit: number;
  offset: number;
}

/** A campaign's decided items with who decided, when and why: what an auditor samples from. */
export async function listCampaignDecisions(
  db: Database,
  options: CampaignDecisionsOptions,
): Promise<{ items: ReviewItemView[]; total: number }> {
  const page = await listReviewItems(db, { ...options, status: "decided" });
  return { items: page.items.map(toReviewItemView), total: page.total };
}
