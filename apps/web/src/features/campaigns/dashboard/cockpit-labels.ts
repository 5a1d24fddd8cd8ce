import type { UndecidedRule } from "@attest/domain/campaigns/campaign";
import type { CloseOutcome, RoutingReason } from "@attest/domain/campaigns/campaign-definition";

// The domain names these states but has no words for them yet; once it does, import its labels.

/** What closing recorded on an undecided item, as the control owner reads it. */
export const closeOutcomeLabels: Record<CloseOutcome, string> = {
  kept: "Kept at close",
  revoked: "Revoked at close",
  not_reviewed: "Not reviewed",
};

/** The definition's rule for undecided items, as a sentence ending: "…undecided items will be …". */
export const undecidedRuleEffects: Record<UndecidedRule, string> = {
  keep: "kept: the access stays as it is, recorded as kept without a review",
  revoke: "revoked: each becomes a revoke awaiting remediation",
  not_reviewed: "marked as not reviewed: the access stays, recorded as never reviewed",
};

/** Why an item went to someone other than the strategy's reviewer. */
export const routingReasonLabels: Record<RoutingReason, string> = {
  self_review: "Would have reviewed their own access",
  owns_identity: "Owns the non-human identity under review",
  uses_identity: "Uses the non-human identity under review",
  no_strategy_reviewer: "No reviewer found by the strategy",
  reassigned: "Reassigned by a control owner",
};
