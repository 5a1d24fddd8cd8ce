import { z } from "zod";

/** Inputs of the campaign lifecycle procedures, shared by the cockpit's forms and the server. */
const campaignId = z.uuid({ error: "campaignId must be a campaign id" });

/** Why a campaign is cancelled or items move: recorded word for word in the ledger. */
const reason = z
  .string({ error: "reason is required" })
  .trim()
  .min(1, "reason is required")
  .max(2000, "reason must be at most 2000 characters");

export const campaignTransitionInput = z.strictObject({ campaignId });
export type CampaignTransitionInput = z.infer<typeof campaignTransitionInput>;

export const cancelCampaignInput = z.strictObject({
  campaignId,
  reason,
});
export type CancelCampaignInput = z.infer<typeof cancelCampaignInput>;

export const signOffCampaignInput = z.strictObject({
  campaignId,
  /** The control owner's attestation, recorded word for word in the ledger. */
  statement: z
    .string({ error: "statement is required" })
    .trim()
    .min(1, "statement is required")
    .max(4000, "statement must be at most 4000 characters"),
});
export type SignOffCampaignInput = z.infer<typeof signOffCampaignInput>;

export const maxReassignedItems = 1000;

export const reassignItemsInput = z.strictObject({
  itemIds: z
    .array(z.uuid({ error: "itemIds must be review item ids" }))
    .min(1, "itemIds must name at least one item")
    .max(maxReassignedItems, `itemIds may name at most ${maxReassignedItems} items`)
    .refine((ids) => new Set(ids).size === ids.length, "itemIds must not repeat an item"),
  toReviewerId: z.uuid({ error: "toReviewerId must be a user id" }),
  reason,
});
export type ReassignItemsInput = z.infer<typeof reassignItemsInput>;

export const reassignReviewerInput = z
  .strictObject({
    campaignId,
    /** The reviewer whose pending items move: all of them, in the campaign's current stage. */
    fromReviewerId: z.uuid({ error: "fromReviewerId must be a user id" }),
    toReviewerId: z.uuid({ error: "toReviewerId must be a user id" }),
    reason,
  })
  .refine((input) => input.fromReviewerId !== input.toReviewerId, {
    path: ["toReviewerId"],
    message: "toReviewerId must be someone other than the reviewer whose items move",
  });
export type ReassignReviewerInput = z.infer<typeof reassignReviewerInput>;
