import type { Database } from "@attest/db/database";
import {
  findReviewerCampaign,
  listReassignCandidates as listCandidates,
} from "@attest/db/repositories/review-queue";
import type { ReassignCandidatesInput } from "@attest/domain/reviews/queue-input";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";

/** Who a reviewer can hand an item of this campaign to: other active reviewers, by name. */
export async function listReassignCandidates(
  db: Database,
  { user, input }: { user: SessionUser; input: ReassignCandidatesInput },
): Promise<{ id: string; name: string; email: string }[]> {
  const campaign = await findReviewerCampaign(db, {
    campaignId: input.campaignId,
    reviewerId: user.id,
  });
  if (!campaign) {
    throw new AppError("not_found", "You have no review items in that campaign.", {
      field: "campaignId",
    });
  }
  return listCandidates(db, { excludeUserId: user.id, search: input.search });
}
