import { z } from "zod";
import type { decisions } from "../campaigns/campaign";
import { riskLevels } from "../inventory/identity-kinds";
import { maxJustificationLength } from "./decision-input";

/** What the queue narrows to; every filter absent means everything. */
export const queueFilters = z.strictObject({
  privileged: z.boolean().optional(),
  nonHuman: z.boolean().optional(),
  unused90: z.boolean().optional(),
  /** The entitlement's risk level, exactly. */
  risk: z
    .enum(riskLevels, { error: "filters.risk must be low, medium, high or critical" })
    .optional(),
  /** At least one attention flag (reviewItemFlags). */
  flagged: z.boolean().optional(),
});

export const queueStatuses = ["pending", "decided", "all"] as const;
export type QueueStatus = (typeof queueStatuses)[number];

const campaignId = z.uuid({ error: "campaignId must be a campaign id" });
const status = z
  .enum(queueStatuses, { error: "status must be pending, decided or all" })
  .default("pending");
const search = z.string().trim().max(200, "search must be at most 200 characters").optional();

export const queueInput = z.strictObject({
  campaignId,
  status,
  filters: queueFilters.default({}),
  search,
  groupBy: z
    .enum(["person", "entitlement"], { error: "groupBy must be person or entitlement" })
    .default("person"),
  limit: z.int().min(1).max(500).default(200),
  offset: z.int().min(0).default(0),
});

/** The same selection as the queue shows, for the count a bulk confirmation states. */
export const bulkPreviewInput = z.strictObject({
  campaignId,
  status,
  filters: queueFilters.default({}),
  search,
});

export const maxBulkItems = 10_000;

export const bulkDecisionInput = z.strictObject({
  campaignId,
  decision: z.enum(["approve", "revoke"] as const satisfies readonly (typeof decisions)[number][], {
    error: "decision must be approve or revoke",
  }),
  justification: z
    .string()
    .trim()
    .max(
      maxJustificationLength,
      `justification must be at most ${maxJustificationLength} characters`,
    )
    .optional(),
  selection: z.discriminatedUnion(
    "kind",
    [
      z.strictObject({
        kind: z.literal("items"),
        items: z
          .array(
            z.strictObject({
              itemId: z.uuid({ error: "itemId must be a review item id" }),
              version: z.int().positive(),
            }),
          )
          .min(1, "selection.items must name at least one item")
          .max(maxBulkItems, `selection.items must name at most ${maxBulkItems} items`),
      }),
      z.strictObject({
        kind: z.literal("filter"),
        status: z.enum(queueStatuses, { error: "status must be pending, decided or all" }),
        filters: queueFilters.default({}),
        search,
        /** The decidable count the reviewer confirmed; any other count now is a conflict. */
        expectedCount: z.int().min(0),
        /**
         * bulkPreview's fingerprint of the items the reviewer confirmed (each one's id and
         * version): the same count of other items, or an item decided elsewhere, is a conflict.
         */
        fingerprint: z
          .string({ error: "selection.fingerprint must be the preview's fingerprint" })
          .regex(/^[0-9a-f]{64}$/, "selection.fingerprint must be the preview's fingerprint"),
      }),
    ],
    { error: "selection.kind must be items or filter" },
  ),
});

export const itemInput = z.strictObject({
  itemId: z.uuid({ error: "itemId must be a review item id" }),
});

export const reassignItemInput = z.strictObject({
  itemId: z.uuid({ error: "itemId must be a review item id" }),
  version: z.int().positive(),
  toUserId: z.uuid({ error: "toUserId must be a user id" }),
  reason: z
    .string()
    .trim()
    .min(1, "reason is required")
    .max(500, "reason must be at most 500 characters"),
});

export const reassignCandidatesInput = z.strictObject({
  campaignId,
  search: z.string().trim().max(200, "search must be at most 200 characters").optional(),
});

export type QueueFilters = z.infer<typeof queueFilters>;
export type QueueInput = z.infer<typeof queueInput>;
export type BulkPreviewInput = z.infer<typeof bulkPreviewInput>;
export type BulkDecisionInput = z.infer<typeof bulkDecisionInput>;
export type ReassignItemInput = z.infer<typeof reassignItemInput>;
export type ReassignCandidatesInput = z.infer<typeof reassignCandidatesInput>;
