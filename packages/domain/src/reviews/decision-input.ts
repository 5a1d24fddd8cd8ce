import { z } from "zod";
import { decisions } from "../campaigns/campaign";

export const maxJustificationLength = 2000;
export const maxCompensatingControlLength = 500;
/** A day: time on one item beyond it is not a measurement. */
export const maxTimeOnItemMs = 86_400_000;

const justification = z
  .string()
  .trim()
  .max(maxJustificationLength, `justification must be at most ${maxJustificationLength} characters`)
  .optional();

/**
 * How the decision was made, recorded with it for control owners (never shown to the reviewer
 * as blame): time spent on the item and whether its context panel was opened.
 */
export const decisionDiligence = z.strictObject({
  timeOnItemMs: z
    .int({ error: "diligence.timeOnItemMs must be whole milliseconds" })
    .min(0, "diligence.timeOnItemMs must not be negative")
    .max(maxTimeOnItemMs, `diligence.timeOnItemMs must be at most ${maxTimeOnItemMs}`),
  contextViewed: z.boolean({ error: "diligence.contextViewed must be true or false" }),
});

/** One reviewer decision as the workspace sends it and the server validates it. */
export const decisionInput = z.strictObject({
  itemId: z.uuid({ error: "itemId must be a review item id" }),
  decision: z.enum(decisions, { error: "decision must be approve, revoke or exception" }),
  justification,
  exceptionExpiresOn: z.iso
    .date({ error: "exceptionExpiresOn must be a date (YYYY-MM-DD)" })
    .optional(),
  /** What stands in for the access's risk while the exception runs; exceptions only. */
  compensatingControl: z
    .string()
    .trim()
    .max(
      maxCompensatingControlLength,
      `compensatingControl must be at most ${maxCompensatingControlLength} characters`,
    )
    .optional(),
  /** The item version the reviewer saw; a stale version is a conflict, never an overwrite. */
  version: z.int().positive(),
  diligence: decisionDiligence,
});

export type DecisionInput = z.infer<typeof decisionInput>;
export type DecisionDiligence = z.infer<typeof decisionDiligence>;
