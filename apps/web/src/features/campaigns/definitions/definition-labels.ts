import type { ReviewerStrategy, UndecidedRule } from "@attest/domain/campaigns/campaign";

export const strategyLabels: Record<ReviewerStrategy, string> = {
  manager: "Manager",
  entitlement_owner: "Entitlement owner",
  system_owner: "System owner",
  identity_owner: "Non-human identity owner",
  named: "Named reviewer",
};

/** One line each, as the routing does it (packages/domain/src/campaigns/reviewer-assignment.ts). */
export const strategyExplanations: Record<ReviewerStrategy, string> = {
  manager: "Each person's manager reviews the access that person holds.",
  entitlement_owner: "The owner of each entitlement reviews everyone who holds it.",
  system_owner: "The owner of each system reviews all access to it.",
  identity_owner:
    "The accountable owner of each service account, API key, workload or bot reviews its access; people's access goes to the fallback reviewer.",
  named: "One person you name reviews every item.",
};

export const undecidedRuleLabels: Record<UndecidedRule, string> = {
  keep: "Keep access",
  revoke: "Revoke access",
  not_reviewed: "Mark as not reviewed",
};

/** What each rule means for the audit: the evidence records the outcome on every item it touches. */
export const undecidedRuleExplanations: Record<UndecidedRule, string> = {
  keep: "The access stays and each undecided item is recorded as kept at close. The evidence shows nobody decided it, and that the control owner chose to keep such access.",
  revoke:
    "Each undecided item is revoked at close and goes to remediation like any other revoke. Nobody keeps access that no reviewer confirmed.",
  not_reviewed:
    "The access stays and each undecided item is recorded as not reviewed: the evidence says plainly that the control did not operate for it. An auditor will see these as exceptions.",
};
