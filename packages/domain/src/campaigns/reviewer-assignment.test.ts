import { describe, expect, it } from "vitest";
import {
  type Reviewer,
  type ReviewerDirectory,
  type ReviewSubject,
  routeReviewItem,
} from "./reviewer-assignment";

const reviewers: Reviewer[] = [
  { id: "u-ceo", name: "Casey", identityKey: "CEO", managerKey: null, unavailable: null },
  { id: "u-mgr", name: "Maya", identityKey: "MGR", managerKey: "CEO", unavailable: null },
  { id: "u-own", name: "Owen", identityKey: "OWN", managerKey: "MGR", unavailable: null },
  { id: "u-emp", name: "Ed", identityKey: "EMP", managerKey: "MGR", unavailable: null },
  {
    id: "u-gone",
    name: "Gail",
    identityKey: "GONE",
    managerKey: "MGR",
    unavailable: "has left (terminated in the snapshot)",
  },
  { id: "u-fb", name: "Fiona", identityKey: null, managerKey: null, unavailable: null },
];
const directory: ReviewerDirectory = {
  byId: (id) => reviewers.find((reviewer) => reviewer.id === id),
  byIdentityKey: (key) => reviewers.find((reviewer) => reviewer.identityKey === key),
};

const subject = (overrides: Partial<ReviewSubject> = {}): ReviewSubject => ({
  identityKey: "EMP",
  identityName: "Ed",
  identityKind: "employee",
  managerKey: "MGR",
  ownerKey: null,
  systemName: "ERP",
  systemOwnerKey: "OWN",
  entitlementName: "GL admin",
  entitlementOwnerKey: null,
  ...overrides,
});

const rule = (
  strategy: "manager" | "system_owner" | "identity_owner" | "named",
  named?: string,
) => ({
  strategy,
  namedReviewerId: named ?? null,
  fallbackReviewerId: "u-fb",
});

describe("routeReviewItem", () => {
  it("gives the item to the strategy's reviewer when nothing is in the way", () => {
    expect(routeReviewItem(subject(), rule("manager"), directory)).toEqual({
      assigned: true,
      reviewerId: "u-mgr",
      routedFromId: null,
      routingReason: null,
      routingNote: null,
    });
  });

  it("moves a self-review to the reviewer's manager", () => {
    const route = routeReviewItem(
      subject({ identityKey: "OWN", identityName: "Owen" }),
      rule("system_owner"),
      directory,
    );
    expect(route).toMatchObject({
      reviewerId: "u-mgr",
      routedFromId: "u-own",
      routingReason: "self_review",
      routingNote:
        "Owen (system owner) may not review their own access; sent to their manager Maya.",
    });
  });

  it("moves an owned non-human identity away from its owner unless owners are the certifiers", () => {
    const bot = subject({
      identityKey: "BOT",
      identityName: "deploy-bot",
      identityKind: "bot",
      managerKey: null,
      ownerKey: "OWN",
    });
    expect(routeReviewItem(bot, rule("system_owner"), directory)).toMatchObject({
      reviewerId: "u-mgr",
      routingReason: "owns_identity",
    });
    expect(routeReviewItem(bot, rule("identity_owner"), directory)).toMatchObject({
      reviewerId: "u-own",
      routingReason: null,
    });
  });

  it("falls back when the strategy's reviewer cannot review, saying why", () => {
    const route = routeReviewItem(subject({ managerKey: "GONE" }), rule("manager"), directory);
    expect(route).toMatchObject({ reviewerId: "u-fb", routingReason: "no_strategy_reviewer" });
    expect(route.assigned && route.routingNote).toBe(
      "No manager can review: Ed's manager Gail has left (terminated in the snapshot); sent to the fallback reviewer Fiona.",
    );
  });

  it("falls back when a conflicted reviewer has no manager who may take it", () => {
    const route = routeReviewItem(
      subject({ identityKey: "CEO", identityName: "Casey" }),
      rule("named", "u-ceo"),
      directory,
    );
    expect(route).toMatchObject({
      reviewerId: "u-fb",
      routedFromId: "u-ceo",
      routingReason: "self_review",
    });
  });

  it("reports an item nobody on the path may review", () => {
    const route = routeReviewItem(
      subject({ identityKey: "CEO", identityName: "Casey", managerKey: null }),
      { strategy: "manager", namedReviewerId: null, fallbackReviewerId: "u-ceo" },
      directory,
    );
    expect(route.assigned).toBe(false);
    expect(!route.assigned && route.problem).toContain("Nobody may review Casey's GL admin on ERP");
  });
});
