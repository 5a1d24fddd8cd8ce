import type { Database } from "@attest/db/database";
import {
  countDecidableItems,
  listDecidableItemVersions,
} from "@attest/db/repositories/review-queue";
import type { BulkPreviewInput } from "@attest/domain/reviews/queue-input";
import type { SessionUser } from "../../context";
import { fingerprintSelection } from "./selection-fingerprint";

/**
 * What a bulk decision on this selection would include: the count its confirmation states and
 * the fingerprint of those items, which bulkDecide requires back unchanged.
 */
export async function previewBulkDecision(
  db: Database,
  { user, input }: { user: SessionUser; input: BulkPreviewInput },
): Promise<{ decidable: number; notDecidable: number; fingerprint: string }> {
  const selection = {
    campaignId: input.campaignId,
    reviewerId: user.id,
    reviewerIdentityKey: user.identityKey,
    status: input.status,
    filters: input.filters,
    search: input.search,
  };
  // The count stated is the fingerprinted items' count, so the two always agree.
  const decidable = await listDecidableItemVersions(db, selection);
  const { notDecidable } = await countDecidableItems(db, selection);
  return {
    decidable: decidable.length,
    notDecidable,
    fingerprint: fingerprintSelection(decidable),
  };
}
