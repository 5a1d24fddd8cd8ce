import type { ReviewItemRow } from "@attest/db/repositories/review-items";
import type { Decision } from "@attest/domain/campaigns/campaign";
import {
  type ReviewItemContext,
  reviewItemContext,
} from "@attest/domain/reviews/review-item-context";

export interface ReviewItemView {
  id: string;
  campaignId: string;
  reviewerName: string;
  decision: Decision | null;
  decidedAt: string | null;
  decidedByName: string | null;
  justification: string | null;
  exceptionExpiresOn: string | null;
  version: number;
  context: ReviewItemContext;
}

/** Item rows as the API returns them; the frozen context is parsed, never trusted blindly. */
export function toReviewItemView(row: ReviewItemRow): ReviewItemView {
  const parsed = reviewItemContext.safeParse(row.context);
  if (!parsed.success) {
    throw new Error(
      `Review item ${row.id} has a context that does not match its schema: ${parsed.error.message}`,
    );
  }
  return {
    id: row.id,
    campaignId: row.campaignId,
    reviewerName: row.reviewerName,
    decision: row.decision,
    decidedAt: row.decidedAt,
    decidedByName: row.decidedByName,
    justification: row.justification,
    exceptionExpiresOn: row.exceptionExpiresOn,
    version: row.version,
    context: parsed.data,
  };
}
