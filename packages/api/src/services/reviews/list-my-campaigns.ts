import type { Database } from "@attest/db/database";
import {
  listReviewerCampaignSummaries,
  type ReviewerCampaignSummary,
} from "@attest/db/repositories/review-queue";
import { isOverdue } from "@attest/domain/campaigns/campaign-progress";
import type { SessionUser } from "../../context";

export interface MyCampaign extends ReviewerCampaignSummary {
  overdue: boolean;
}

export async function listMyCampaigns(
  db: Database,
  user: SessionUser,
  now: Date,
): Promise<MyCampaign[]> {
  const rows = await listReviewerCampaignSummaries(db, user.id);
  return rows.map((row) => ({
    ...row,
    overdue: row.status === "active" && row.pendingItems > 0 && isOverdue(row.dueAt, now),
  }));
}
