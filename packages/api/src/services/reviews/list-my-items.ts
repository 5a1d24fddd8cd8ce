import type { Database } from "@attest/db/database";
import { listReviewItems } from "@attest/db/repositories/review-items";
import type { SessionUser } from "../../context";
import { type ReviewItemView, toReviewItemView } from "./review-item-view";

export interface MyItemsOptions {
  campaignId: string;
  status: "pending" | "decided" | "all";
  search?: string | undefined;
  limit: number;
  offset: number;
}

export async function listMyItems(
  db: Database,
  user: SessionUser,
  options: MyItemsOptions,
): Promise<{ items: ReviewItemView[]; total: number }> {
  const page = await listReviewItems(db, { ...options, reviewerId: user.id });
  return { items: page.items.map(toReviewItemView), total: page.total };
}
