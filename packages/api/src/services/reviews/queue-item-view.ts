import type { QueueGrouping, QueueItemRow } from "@attest/db/repositories/review-queue";
import { checkDecidable } from "@attest/domain/reviews/check-decision";
import { type ReviewItemFlag, reviewItemFlags } from "@attest/domain/reviews/review-item-flags";
import type { SessionUser } from "../../context";
import { type ReviewItemView, toReviewItemView } from "./review-item-view";

export interface QueueItem extends ReviewItemView {
  compensatingControl: string | null;
  flags: ReviewItemFlag[];
  /** The person or entitlement the queue groups the item under. */
  group: { key: string; label: string };
  canDecide: boolean;
  /** Why the reviewer cannot decide it (own access, stage or campaign closed); null if they can. */
  cannotDecideReason: string | null;
}

/** An item as the reviewer's queue shows it: flags as of launch, its group, and whether it is decidable. */
export function toQueueItem(
  row: QueueItemRow,
  user: SessionUser,
  groupBy: QueueGrouping = "person",
): QueueItem {
  const view = toReviewItemView(row);
  const { context } = view;
  const refusal = checkDecidable(
    {
      reviewerId: row.reviewerId,
      subjectIdentityKey: context.identity.externalId,
      campaignStatus: row.campaignStatus,
      justificationRequired: { approve: false, revoke: false },
      stageClosed: row.stageClosed,
    },
    { reviewerId: user.id, reviewerIdentityKey: user.identityKey },
  );
  return {
    ...view,
    compensatingControl: row.compensatingControl,
    flags: reviewItemFlags(context, new Date(row.launchedAt)),
    group:
      groupBy === "person"
        ? { key: `person:${context.identity.externalId}`, label: context.identity.displayName }
        : {
            key: `entitlement:${context.system.key}:${context.entitlement.key}`,
            label: `${context.entitlement.name} · ${context.system.name}`,
          },
    canDecide: refusal === null,
    cannotDecideReason: refusal?.message ?? null,
  };
}
