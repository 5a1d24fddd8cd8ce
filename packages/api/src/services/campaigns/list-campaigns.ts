import type { Database } from "@attest/db/database";
import {
  type CampaignProgressRow,
  findCampaignProgress,
  listCampaignProgress,
} from "@attest/db/repositories/campaigns";
import { completionPercent, isOverdue } from "@attest/domain/campaigns/campaign-progress";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { assertCampaignInScope, isCampaignInScope, readAuditScope } from "../audit/audit-scope";

export interface CampaignSummary extends CampaignProgressRow {
  completionPercent: number;
  pendingItems: number;
  /** Pending items whose campaign is past due. */
  overdueItems: number;
  /** Reviewers who still have pending items in a campaign that is past due. */
  overdueReviewers: number;
}

function summarize(row: CampaignProgressRow, now: Date): CampaignSummary {
  const pendingItems = row.totalItems - row.decidedItems;
  const late = row.status === "active" && isOverdue(row.dueAt, now);
  return {
    ...row,
    completionPercent: completionPercent({ total: row.totalItems, decided: row.decidedItems }),
    pendingItems,
    overdueItems: late ? pendingItems : 0,
    overdueReviewers: late ? row.reviewersWithPending : 0,
  };
}

/** Every campaign; an auditor bound by engagements sees those launched inside them. */
export async function listCampaigns(
  db: Database,
  now: Date,
  viewer: SessionUser,
): Promise<CampaignSummary[]> {
  const scope = await readAuditScope(db, viewer);
  const rows = await listCampaignProgress(db);
  return rows
    .filter((row) => isCampaignInScope(scope, row.startsAt))
    .map((row) => summarize(row, now));
}

export async function getCampaign(
  db: Database,
  campaignId: string,
  now: Date,
  viewer: SessionUser,
): Promise<CampaignSummary> {
  const row = await findCampaignProgress(db, campaignId);
  if (!row) throw new AppError("not_found", "No campaign with that id.", { field: "campaignId" });
  assertCampaignInScope(await readAuditScope(db, viewer), {
    name: row.name,
    launchedAt: row.startsAt,
  });
  return summarize(row, now);
}
