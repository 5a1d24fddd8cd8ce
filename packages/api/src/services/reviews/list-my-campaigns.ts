import type { Database } from "@attest/db/database";
import { listReviewerCampaigns } from "@attest/db/repositories/campaigns";
import type { CampaignStatus } from "@attest/domain/campaigns/campaign";
import { isOverdue } from "@attest/domain/campaigns/campaign-progress";
import type { SessionUser } from "../../context";

export interface MyCampaign {
  id: string;
  name: string;
  status: CampaignStatus;
  controlId: string;
  dueAt: string;
  totalItems: number;
  pendingItems: number;
  overdue: boolean;
}

export async function listMyCampaigns(
  db: Database,
  user: SessionUser,
  now: Date,
): Promise<MyCampaign[]> {
  const rows = await listReviewerCampaigns(db, user.id);
  return rows.map((row) => ({
    ...row,
    overdue: row.status === "active" && row.pendingItems > 0 && isOverdue(row.dueAt, now),
  }));
}
