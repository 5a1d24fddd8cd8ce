import type { Decision } from "@attest/domain/campaigns/campaign";
import type { IdentityKind } from "@attest/domain/inventory/identity-kinds";
import type { Queryable } from "../database";

/*
 * Moving review items to another reviewer (campaigns.reassign, campaigns.reassignReviewer).
 * Items are locked in id order, after their campaign's row, the order closing uses, so a
 * reassignment, a decision and a close cannot deadlock.
 */

export interface ItemForReassignment {
  id: string;
  campaignId: string;
  reviewerId: string;
  decision: Decision | null;
  /** A close outcome, or a later stage has taken the item over. */
  reviewClosed: boolean;
  stage: number;
  subjectIdentityKey: string;
  subjectIdentityKind: IdentityKind;
  subjectOwnerKey: string | null;
}

const itemColumns = `i.id, i.campaign_id as "campaignId", i.reviewer_id as "reviewerId", i.decision,
  (i.close_outcome is not null or i.stage < c.current_stage
    or exists (select 1 from review_items next where next.previous_stage_item_id = i.id))
    as "reviewClosed",
  i.stage,
  i.context #>> '{identity,externalId}' as "subjectIdentityKey",
  i.context #>> '{identity,kind}' as "subjectIdentityKind",
  i.context #>> '{nonHuman,ownerExternalId}' as "subjectOwnerKey"`;

/** Locks the named items with what reassigning them needs. */
export async function lockItemsForReassignment(
  db: Queryable,
  itemIds: readonly string[],
): Promise<ItemForReassignment[]> {
  return db.query<ItemForReassignment>(
    `select ${itemColumns}
     from review_items i
     join campaigns c on c.id = i.campaign_id
     where i.id = any($1::uuid[])
     order by i.id
     for update of i`,
    [itemIds],
  );
}

/**
 * Locks a reviewer's pending items in a campaign: undecided, in the campaign's current stage,
 * not closed and not passed on to a later stage. Reads the campaign's range of
 * review_items_campaign_reviewer_idx.
 */
export async function lockPendingItemsOfReviewer(
  db: Queryable,
  options: { campaignId: string; reviewerId: string },
): Promise<ItemForReassignment[]> {
  return db.query<ItemForReassignment>(
    `select ${itemColumns}
     from review_items i
     join campaigns c on c.id = i.campaign_id
     where i.campaign_id = $1 and i.reviewer_id = $2 and i.decision is null
       and i.close_outcome is null and i.stage = c.current_stage
       and not exists (select 1 from review_items next where next.previous_stage_item_id = i.id)
     order by i.id
     for update of i`,
    [options.campaignId, options.reviewerId],
  );
}

/**
 * Gives items to another reviewer with the reason, remembering whose they were; their version
 * changes, so a decision made in a tab opened before the move is refused.
 */
export async function moveReviewItems(
  db: Queryable,
  move: { itemIds: readonly string[]; toReviewerId: string; note: string },
): Promise<void> {
  await db.query(
    `update review_items
     set routed_from_id = reviewer_id, reviewer_id = $2, routing_reason = 'reassigned',
         routing_note = $3, version = version + 1
     where id = any($1::uuid[])`,
    [move.itemIds, move.toReviewerId, move.note],
  );
}
