import type { Database } from "@attest/db/database";
import { countQueueItems, listQueueItems } from "@attest/db/repositories/review-queue";
import type { QueueInput } from "@attest/domain/reviews/queue-input";
import type { SessionUser } from "../../context";
import { type QueueItem, toQueueItem } from "./queue-item-view";

export interface ReviewQueue {
  items: QueueItem[];
  /** Items of the requested status that match. */
  total: number;
  /** The same filters and search, per status. */
  counts: { pending: number; decided: number; all: number };
}

/** One page of the signed-in reviewer's queue in a campaign, with its counts. */
export async function getReviewQueue(
  db: Database,
  { user, input }: { user: SessionUser; input: QueueInput },
): Promise<ReviewQueue> {
  const selection = {
    campaignId: input.campaignId,
    reviewerId: user.id,
    filters: input.filters,
    search: input.search,
  };
  const [rows, counts] = await Promise.all([
    listQueueItems(db, {
      ...selection,
      status: input.status,
      groupBy: input.groupBy,
      limit: input.limit,
      offset: input.offset,
    }),
    countQueueItems(db, selection),
  ]);
  return {
    items: rows.map((row) => toQueueItem(row, user, input.groupBy)),
    total: counts[input.status],
    counts,
  };
}
