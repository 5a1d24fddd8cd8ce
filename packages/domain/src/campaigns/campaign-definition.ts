import { z } from "zod";
import { identityKinds, riskLevels } from "../inventory/identity-kinds";
import { reviewerStrategies, undecidedRules } from "./campaign";

/**
 * A campaign definition as a control owner edits it and the server validates it (issue 5).
 * Launching one freezes its population from a snapshot into review items.
 */
export const campaignScope = z.strictObject({
  /** Only grants on these systems; empty or absent: every system of the snapshot. */
  systemKeys: z.array(z.string().min(1)).max(500).optional(),
  /** Only these entitlements, as "systemKey/entitlementKey". */
  entitlementKeys: z.array(z.string().min(1)).max(5000).optional(),
  privilegedOnly: z.boolean().optional(),
  /** Only entitlements of these risk levels. */
  risks: z.array(z.enum(riskLevels)).optional(),
  /** Only identities of these kinds (human: employee, contractor, third_party; the rest non-human). */
  identityKinds: z.array(z.enum(identityKinds)).optional(),
});
export type CampaignScope = z.infer<typeof campaignScope>;

export const reminderSchedule = z.strictObject({
  /** Digest reminders this many days before the due date, e.g. [7, 3, 1]. */
  daysBeforeDue: z.array(z.int().min(0).max(365)).max(10),
});
export type ReminderSchedule = z.infer<typeof reminderSchedule>;

export const escalationPolicy = z.strictObject({
  /** Days after the due date when pending items are escalated to the reviewer's manager. */
  toManagerAfterDays: z.int().min(0).max(365).nullable(),
  /** Days after the due date when they are escalated to the control owner. */
  toControlOwnerAfterDays: z.int().min(0).max(365).nullable(),
});
export type EscalationPolicy = z.infer<typeof escalationPolicy>;

/** What a definition gets when it says nothing (as migration 0008's column defaults). */
export const defaultReminders: ReminderSchedule = { daysBeforeDue: [7, 3, 1] };
export const defaultEscalation: EscalationPolicy = {
  toManagerAfterDays: 1,
  toControlOwnerAfterDays: 3,
};

const uuid = (field: string) => z.uuid({ error: `${field} must be a user id` });

export const campaignDefinitionInput = z
  .strictObject({
    name: z.string().trim().min(1, "name is required").max(200),
    description: z.string().trim().max(2000).nullable().default(null),
    /** The control this campaign evidences, e.g. ITGC-AC-03. */
    controlId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, "controlId must look like ITGC-AC-03"),
    controlOwnerId: uuid("controlOwnerId"),
    scope: campaignScope,
    reviewerStrategy: z.enum(reviewerStrategies),
    /** The reviewer of every item when the strategy is "named". */
    namedReviewerId: uuid("namedReviewerId").nullable().default(null),
    /** Takes items no strategy reviewer can take, or that separation of duties re-routes. */
    fallbackReviewerId: uuid("fallbackReviewerId"),
    /** An optional second stage; a revoke in stage one ends the chain. */
    secondStage: z
      .strictObject({
        reviewerStrategy: z.enum(reviewerStrategies),
        namedReviewerId: uuid("secondStage.namedReviewerId").nullable().default(null),
      })
      .nullable()
      .default(null),
    durationDays: z.int().min(1).max(365),
    reminders: reminderSchedule.default(defaultReminders),
    escalation: escalationPolicy.default(defaultEscalation),
    undecidedRule: z.enum(undecidedRules),
    justificationRequired: z
      .strictObject({ approve: z.boolean(), revoke: z.boolean() })
      .default({ approve: false, revoke: true }),
    /** The longest exception a reviewer may grant, in days from the day of the decision. */
    maxExceptionDays: z
      .int({ error: "maxExceptionDays must be a whole number of days" })
      .min(1, "maxExceptionDays must be at least 1 day")
      .max(730, "maxExceptionDays must be at most 730 days")
      .default(180),
    /** A cron expression (minute hour day-of-month month day-of-week), or null to launch by hand. */
    recurrence: z.string().trim().min(1).max(100).nullable().default(null),
  })
  .superRefine((value, context) => {
    if (value.reviewerStrategy === "named" && !value.namedReviewerId)
      context.addIssue({
        code: "custom",
        path: ["namedReviewerId"],
        message: "namedReviewerId is required when the reviewer strategy is named",
      });
    if (value.secondStage?.reviewerStrategy === "named" && !value.secondStage.namedReviewerId)
      context.addIssue({
        code: "custom",
        path: ["secondStage", "namedReviewerId"],
        message: "secondStage.namedReviewerId is required when the second stage is named",
      });
  });
export type CampaignDefinitionInput = z.infer<typeof campaignDefinitionInput>;

/** Schedules a control owner picks from; any cron expression is accepted too. */
export const recurrencePresets = [
  { label: "Quarterly, first Monday at 09:00", cron: "0 9 * 1,4,7,10 MON#1" },
  { label: "Monthly, first Monday at 09:00", cron: "0 9 * * MON#1" },
  { label: "Monthly, on the 1st at 09:00", cron: "0 9 1 * *" },
  { label: "Every half year, first Monday of January and July", cron: "0 9 * 1,7 MON#1" },
  { label: "Yearly, first Monday of January", cron: "0 9 * 1 MON#1" },
] as const;

/** Why an item went to someone other than the strategy's reviewer. */
export const routingReasons = [
  "self_review",
  "owns_identity",
  "uses_identity",
  "no_strategy_reviewer",
  "reassigned",
] as const;
export type RoutingReason = (typeof routingReasons)[number];

/** Why an item went to someone other than the strategy's reviewer, as a control owner reads it. */
export const routingReasonLabels: Record<RoutingReason, string> = {
  self_review: "Would have reviewed their own access",
  owns_identity: "Owns the non-human identity under review",
  uses_identity: "Uses the non-human identity under review",
  no_strategy_reviewer: "No reviewer found by the strategy",
  reassigned: "Reassigned by a control owner",
};

/** What closing does to an item nobody decided: the definition's undecided rule, applied. */
export const closeOutcomes = ["kept", "revoked", "not_reviewed"] as const;
export type CloseOutcome = (typeof closeOutcomes)[number];

/** What closing recorded on an undecided item, as the control owner reads it. */
export const closeOutcomeLabels: Record<CloseOutcome, string> = {
  kept: "Kept at close",
  revoked: "Revoked at close",
  not_reviewed: "Not reviewed",
};
