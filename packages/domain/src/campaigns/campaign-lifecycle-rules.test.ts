import { describe, expect, it } from "vitest";
import { checkSignOff, closeOutcomeFor } from "./campaign-close";
import { continuesToNextStage, stageOneEndsAt } from "./campaign-stages";
import { checkReassignment, type ReassignedItem, type Reassignee } from "./check-reassignment";

describe("close rules", () => {
  it("records the definition's undecided rule as the item's close outcome", () => {
    expect(closeOutcomeFor("keep")).toBe("kept");
    expect(closeOutcomeFor("revoke")).toBe("revoked");
    expect(closeOutcomeFor("not_reviewed")).toBe("not_reviewed");
  });
});

describe("sign-off", () => {
  const ready = { controlOwnerId: "owner", undecidedItems: 0, itemsAwaitingNextStage: 0 };

  it("is the control owner's alone", () => {
    expect(checkSignOff(ready, "owner")).toBeNull();
    expect(checkSignOff(ready, "someone-else")?.kind).toBe("not_control_owner");
  });

  it("is refused while an item is undecided or awaits its second stage", () => {
    expect(checkSignOff({ ...ready, undecidedItems: 1 }, "owner")).toEqual({
      kind: "unresolved",
      message:
        "1 item still has no decision and no close outcome; the campaign cannot be signed off until every item is resolved.",
    });
    expect(checkSignOff({ ...ready, itemsAwaitingNextStage: 3 }, "owner")?.message).toMatch(
      /^3 items never reached their second-stage review/,
    );
  });
});

describe("stages", () => {
  it("ends stage one halfway through the campaign", () => {
    expect(
      stageOneEndsAt(new Date("2026-12-01T09:00:00Z"), new Date("2026-12-21T09:00:00Z")),
    ).toEqual(new Date("2026-12-11T09:00:00Z"));
  });

  it("passes approvals, exceptions and undecided items on; a revoke ends the chain", () => {
    expect(continuesToNextStage("approve")).toBe(true);
    expect(continuesToNextStage("exception")).toBe(true);
    expect(continuesToNextStage(null)).toBe(true);
    expect(continuesToNextStage("revoke")).toBe(false);
  });
});

describe("reassignment", () => {
  const item: ReassignedItem = {
    id: "item-1",
    reviewerId: "alice",
    decided: false,
    reviewClosed: false,
    subjectIdentityKey: "E-100",
    subjectIdentityKind: "employee",
    subjectOwnerKey: null,
  };
  const bob: Reassignee = { id: "bob", identityKey: "E-200", active: true, isReviewer: true };

  it("moves a pending item to another active reviewer", () => {
    expect(checkReassignment(item, bob)).toBeNull();
  });

  it("never gives anyone their own access or a non-human identity they own", () => {
    expect(checkReassignment(item, { ...bob, identityKey: "E-100" })).toMatchObject({
      kind: "separation_of_duties",
      reason: "self_review",
    });
    const serviceAccount: ReassignedItem = {
      ...item,
      subjectIdentityKey: "N-400",
      subjectIdentityKind: "service_account",
      subjectOwnerKey: "E-200",
    };
    expect(checkReassignment(serviceAccount, bob)).toMatchObject({
      kind: "separation_of_duties",
      reason: "owns_identity",
    });
  });

  it("refuses decided or closed items, the same reviewer, and non-reviewers", () => {
    expect(checkReassignment({ ...item, decided: true }, bob)).toMatchObject({ field: "itemIds" });
    expect(checkReassignment({ ...item, reviewClosed: true }, bob)).toMatchObject({
      field: "itemIds",
    });
    expect(checkReassignment({ ...item, reviewerId: "bob" }, bob)).toMatchObject({
      field: "toReviewerId",
    });
    expect(checkReassignment(item, { ...bob, isReviewer: false })).toMatchObject({
      field: "toReviewerId",
    });
    expect(checkReassignment(item, { ...bob, active: false })).toMatchObject({
      field: "toReviewerId",
    });
  });
});
