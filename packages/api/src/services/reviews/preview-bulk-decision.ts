import type { Database } from "@attest/db/database";
import { countDecidableItems } from "@attest/db/repositories/review-queue";
import type { BulkPreviewInput } from "@attest/domain/reviews/queue-input";
import type { SessionUser } from "../../context";

/** What a bulk decision on this selection would include: the count its confirmation states. */
export async function previewBulkDecision(
  db: Database,
  { user, input }: { user: SessionUser; input: BulkPreviewInput },
): Promise<{ decidable: number; notDecidable: number }> {
  return countDecidableItems(db, {
    campaignId: input.campaignId,
    reviewerId: user.id,
    reviewerIdentityKey: user.identityKey,
    status: input.status,
    filters: input.filters,
    search: input.search,
  });
}
