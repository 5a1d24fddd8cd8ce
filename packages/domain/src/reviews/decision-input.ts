import { z } from "zod";
import { decisions } from "../campaigns/campaign";

export const maxJustificationLength = 2000;

/** One reviewer decision as the workspace sends it and the server validates it. */
export const decisionInput = z.strictObject({
  itemId: z.uuid({ error: "itemId must be a review item id" }),
  decision: z.enum(decisions, { error: "decision must be approve, revoke or exception" }),
  justification: z
    .string()
    .trim()
    .max(
      maxJustificationLength,
      `justification must be at most ${maxJustificationLength} characters`,
    )
    .optional(),
  exceptionExpiresOn: z.iso
    .date({ error: "exceptionExpiresOn must be a date (YYYY-MM-DD)" })
    .optional(),
  /** The item version the reviewer saw; a stale version is a conflict, never an overwrite. */
  version: z.int().positive(),
});

export type DecisionInput = z.infer<typeof decisionInput>;
