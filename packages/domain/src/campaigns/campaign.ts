export const campaignStatuses = [
  "draft",
  "scheduled",
  "active",
  "closed",
  "signed_off",
  "cancelled",
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const reviewerStrategies = [
  "manager",
  "entitlement_owner",
  "system_owner",
  "identity_owner",
  "named",
] as const;
export type ReviewerStrategy = (typeof reviewerStrategies)[number];

export const undecidedRules = ["keep", "revoke", "not_reviewed"] as const;
export type UndecidedRule = (typeof undecidedRules)[number];

/** The rule for undecided items, as a sentence ending: "…undecided items will be …". */
export const undecidedRuleEffects: Record<UndecidedRule, string> = {
  keep: "kept: the access stays as it is, recorded as kept without a review",
  revoke: "revoked: each becomes a revoke awaiting remediation",
  not_reviewed: "marked as not reviewed: the access stays, recorded as never reviewed",
};

export const decisions = ["approve", "revoke", "exception"] as const;
export type Decision = (typeof decisions)[number];

export const decisionLabels: Record<Decision, string> = {
  approve: "Approved",
  revoke: "Revoked",
  exception: "Exception",
};

export const campaignStatusLabels: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  active: "Active",
  closed: "Closed",
  signed_off: "Signed off",
  cancelled: "Cancelled",
};
