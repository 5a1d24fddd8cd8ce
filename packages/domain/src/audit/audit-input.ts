import { z } from "zod";
import { stratifyOptions } from "./draw-sample";

const isoDate = (field: string) => z.iso.date({ error: `${field} must be a date (YYYY-MM-DD)` });
const uuid = (field: string) => z.uuid({ error: `${field} must be an id` });

/** A control (campaign definition) and a period, both dates inclusive, in UTC. */
const periodShape = {
  definitionId: uuid("definitionId"),
  periodStart: isoDate("periodStart"),
  periodEnd: isoDate("periodEnd"),
};

function endNotBeforeStart(
  value: { periodStart: string; periodEnd: string },
  context: z.RefinementCtx,
) {
  if (value.periodEnd < value.periodStart)
    context.addIssue({
      code: "custom",
      path: ["periodEnd"],
      message: "periodEnd must not be before periodStart",
    });
}

export const populationInput = z.strictObject(periodShape).superRefine(endNotBeforeStart);
export type PopulationInput = z.infer<typeof populationInput>;

export const drawSampleInput = z
  .strictObject({
    ...periodShape,
    seed: z
      .string()
      .min(1, { error: "seed must be 1 to 100 characters" })
      .max(100, { error: "seed must be 1 to 100 characters" }),
    size: z.int({ error: "size must be a whole number" }).min(1).max(500),
    stratifyBy: z.enum(stratifyOptions).optional(),
  })
  .superRefine(endNotBeforeStart);
export type DrawSampleInput = z.infer<typeof drawSampleInput>;

export const sampleIdInput = z.strictObject({ sampleId: uuid("sampleId") });
export const reperformanceInput = z.strictObject({ itemId: uuid("itemId") });

export const grantEngagementInput = z
  .strictObject({
    auditorId: uuid("auditorId"),
    name: z
      .string()
      .trim()
      .min(1, { error: "name is required" })
      .max(200, { error: "name must be at most 200 characters" }),
    periodStart: isoDate("periodStart"),
    periodEnd: isoDate("periodEnd"),
  })
  .superRefine(endNotBeforeStart);
export type GrantEngagementInput = z.infer<typeof grantEngagementInput>;

export const revokeEngagementInput = z.strictObject({ engagementId: uuid("engagementId") });
