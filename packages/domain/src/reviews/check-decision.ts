import type { CampaignStatus, Decision } from "../campaigns/campaign";

/**
 * An exception may run this long at most before the access comes back into review, unless the
 * campaign's definition says otherwise (1 to 730 days, frozen on the campaign at launch).
 */
export const defaultMaxExceptionDays = 180;
export const maxExceptionDaysLimit = 730;

export interface DecisionAttempt {
  decision: Decision;
  justification: string | undefined;
  exceptionExpiresOn: string | undefined;
  compensatingControl?: string | undefined;
  reviewerIdentityKey: string | null;
  reviewerId: string;
  today: string; // YYYY-MM-DD, server time
}

export interface ReviewItemState {
  reviewerId: string;
  subjectIdentityKey: string;
  campaignStatus: CampaignStatus;
  justificationRequired: { approve: boolean; revoke: boolean };
  /** A stage-one item once its campaign's stage two has opened: the chain has moved on. */
  stageClosed?: boolean;
  /** The campaign's longest exception; defaultMaxExceptionDays when absent. */
  maxExceptionDays?: number;
}

/** Who is deciding: the session's user. */
export interface Decider {
  reviewerId: string;
  reviewerIdentityKey: string | null;
}

export type DecidabilityRefusal = Exclude<DecisionRefusal, { kind: "invalid" }>;

export type DecisionRefusal =
  | { kind: "not_assigned"; message: string }
  | { kind: "own_access"; message: string }
  | { kind: "campaign_not_active"; message: string }
  | { kind: "stage_closed"; message: string }
  | { kind: "invalid"; field: string; message: string };

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00.000Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/**
 * The rules every decision must pass, whoever sends it: only the assigned reviewer decides,
 * never about their own access, only while the campaign is active, with the justification
 * and expiry the campaign requires. Returns the first refusal, or null when it may be recorded.
 */
export function checkDecision(
  item: ReviewItemState,
  attempt: DecisionAttempt,
): DecisionRefusal | null {
  const undecidable = checkDecidable(item, attempt);
  if (undecidable) return undecidable;
  return checkDecisionContent(item, attempt);
}

/**
 * Whether this reviewer may decide this item at all, whatever the decision: it is theirs, not
 * about their own access, and its campaign and stage still take decisions. The queue shows the
 * answer and a bulk action leaves out every item that fails it.
 */
export function checkDecidable(
  item: ReviewItemState,
  attempt: Decider,
): DecidabilityRefusal | null {
  if (item.reviewerId !== attempt.reviewerId) {
    return { kind: "not_assigned", message: "This item is not assigned to you." };
  }
  if (
    attempt.reviewerIdentityKey !== null &&
    attempt.reviewerIdentityKey === item.subjectIdentityKey
  ) {
    return { kind: "own_access", message: "You cannot decide on your own access." };
  }
  if (item.campaignStatus !== "active") {
    return {
      kind: "campaign_not_active",
      message: "The campaign is not active, so its decisions can no longer change.",
    };
  }
  if (item.stageClosed) {
    return {
      kind: "stage_closed",
      message:
        "Stage two of this campaign has opened, so stage-one decisions can no longer change.",
    };
  }
  return null;
}

/** The justification, expiry and compensating control the decision and the campaign require. */
export function checkDecisionContent(
  item: Pick<ReviewItemState, "justificationRequired" | "maxExceptionDays">,
  attempt: Omit<DecisionAttempt, "reviewerId" | "reviewerIdentityKey">,
): Extract<DecisionRefusal, { kind: "invalid" }> | null {
  const justification = attempt.justification?.trim() ?? "";
  const needsJustification =
    attempt.decision === "exception" ||
    (attempt.decision === "approve" && item.justificationRequired.approve) ||
    (attempt.decision === "revoke" && item.justificationRequired.revoke);
  if (needsJustification && justification.length === 0) {
    return {
      kind: "invalid",
      field: "justification",
      message: `justification is required to ${attempt.decision === "exception" ? "approve as an exception" : attempt.decision} in this campaign`,
    };
  }
  if (attempt.decision === "exception") {
    if (!attempt.exceptionExpiresOn) {
      return {
        kind: "invalid",
        field: "exceptionExpiresOn",
        message: "exceptionExpiresOn is required for an exception",
      };
    }
    if (attempt.exceptionExpiresOn <= attempt.today) {
      return {
        kind: "invalid",
        field: "exceptionExpiresOn",
        message: "exceptionExpiresOn must be in the future",
      };
    }
    const maxDays = item.maxExceptionDays ?? defaultMaxExceptionDays;
    const latest = addDays(attempt.today, maxDays);
    if (attempt.exceptionExpiresOn > latest) {
      return {
        kind: "invalid",
        field: "exceptionExpiresOn",
        message: `exceptionExpiresOn must be within ${maxDays} days (by ${latest})`,
      };
    }
  } else if (attempt.exceptionExpiresOn) {
    return {
      kind: "invalid",
      field: "exceptionExpiresOn",
      message: "exceptionExpiresOn applies only to exceptions",
    };
  } else if (attempt.compensatingControl?.trim()) {
    return {
      kind: "invalid",
      field: "compensatingControl",
      message: "compensatingControl applies only to exceptions",
    };
  }
  return null;
}
