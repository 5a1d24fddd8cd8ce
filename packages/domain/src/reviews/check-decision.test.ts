import { describe, expect, it } from "vitest";
import {
  checkDecidable,
  checkDecision,
  type DecisionAttempt,
  type ReviewItemState,
} from "./check-decision";

const item: ReviewItemState = {
  reviewerId: "reviewer",
  subjectIdentityKey: "E1",
  campaignStatus: "active",
  justificationRequired: { approve: false, revoke: true },
};
const attempt: DecisionAttempt = {
  decision: "approve",
  justification: undefined,
  exceptionExpiresOn: undefined,
  reviewerId: "reviewer",
  reviewerIdentityKey: "R1",
  today: "2026-11-20",
};

describe("checkDecidable", () => {
  it("refuses, in this order, another's item, own access, an inactive campaign, a closed stage", () => {
    const decider = { reviewerId: "reviewer", reviewerIdentityKey: "R1" };
    expect(checkDecidable(item, decider)).toBeNull();
    expect(checkDecidable(item, { ...decider, reviewerId: "other" })?.kind).toBe("not_assigned");
    expect(checkDecidable(item, { ...decider, reviewerIdentityKey: "E1" })?.kind).toBe(
      "own_access",
    );
    expect(checkDecidable({ ...item, campaignStatus: "closed" }, decider)?.kind).toBe(
      "campaign_not_active",
    );
    expect(checkDecidable({ ...item, stageClosed: true }, decider)?.kind).toBe("stage_closed");
    // Someone who is no identity in the inventory has no own access to refuse.
    expect(checkDecidable(item, { ...decider, reviewerIdentityKey: null })).toBeNull();
  });
});

describe("checkDecision", () => {
  const exception = {
    ...attempt,
    decision: "exception" as const,
    justification: "Quarter-end",
  };

  it("bounds an exception by the campaign's longest exception, 180 days by default", () => {
    expect(checkDecision(item, { ...exception, exceptionExpiresOn: "2027-05-19" })).toBeNull();
    expect(checkDecision(item, { ...exception, exceptionExpiresOn: "2027-05-20" })).toEqual({
      kind: "invalid",
      field: "exceptionExpiresOn",
      message: "exceptionExpiresOn must be within 180 days (by 2027-05-19)",
    });
    const short = { ...item, maxExceptionDays: 10 };
    expect(checkDecision(short, { ...exception, exceptionExpiresOn: "2026-11-30" })).toBeNull();
    expect(checkDecision(short, { ...exception, exceptionExpiresOn: "2026-12-01" })).toMatchObject({
      field: "exceptionExpiresOn",
    });
    expect(checkDecision(short, { ...exception, exceptionExpiresOn: "2026-11-20" })?.message).toBe(
      "exceptionExpiresOn must be in the future",
    );
  });

  it("takes a compensating control only with an exception", () => {
    expect(
      checkDecision(item, {
        ...exception,
        exceptionExpiresOn: "2026-12-20",
        compensatingControl: "Monthly log review",
      }),
    ).toBeNull();
    expect(checkDecision(item, { ...attempt, compensatingControl: "Monthly log review" })).toEqual({
      kind: "invalid",
      field: "compensatingControl",
      message: "compensatingControl applies only to exceptions",
    });
  });
});
