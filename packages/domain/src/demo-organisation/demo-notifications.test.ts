import { describe, expect, it } from "vitest";
import { demoNotificationHistory } from "./demo-notifications";
import type { DemoReviewItem } from "./demo-organisation";

function item(reviewerEmail: string, decidedAt: string | null): DemoReviewItem {
  return {
    systemKey: "erp",
    username: `${reviewerEmail}-${decidedAt}`,
    entitlementKey: "gl",
    reviewerEmail,
    decision: decidedAt ? "approve" : null,
    decidedAt,
    justification: null,
    exceptionExpiresOn: null,
  };
}

describe("demoNotificationHistory", () => {
  // A 20-day campaign, due 21 Nov at 09:00; the demo's "now" is 24 Nov at 09:00.
  const base = {
    startsAt: "2026-11-01T09:00:00.000Z",
    dueAt: "2026-11-21T09:00:00.000Z",
    reminders: { daysBeforeDue: [7, 3, 1, 30] },
    escalation: { toManagerAfterDays: 1, toControlOwnerAfterDays: 3 },
    controlOwnerEmail: "owner@example.test",
    managerOf: (email: string) => (email === "ada@example.test" ? "boss@example.test" : null),
    until: Date.parse("2026-11-24T09:00:00.000Z"),
  };

  it("sends each occasion at its moment to whoever still has items, with their count then", () => {
    const history = demoNotificationHistory({
      ...base,
      items: [
        item("ada@example.test", null),
        item("ada@example.test", "2026-11-16T10:00:00.000Z"),
        item("bob@example.test", "2026-11-10T12:00:00.000Z"),
      ],
    });
    expect(
      history.map((digest) => [
        digest.sentAt.slice(0, 10),
        digest.occasion,
        digest.recipientEmail.split("@")[0],
        digest.aboutReviewerEmail?.split("@")[0] ?? null,
        digest.itemCount,
      ]),
    ).toEqual([
      // Bob decided his only item on 10 Nov; the 30-day reminder falls before the start.
      ["2026-11-01", "launch", "ada", null, 2],
      ["2026-11-01", "launch", "bob", null, 1],
      ["2026-11-14", "reminder:7", "ada", null, 2],
      ["2026-11-18", "reminder:3", "ada", null, 1],
      ["2026-11-20", "reminder:1", "ada", null, 1],
      ["2026-11-21", "overdue", "ada", null, 1],
      ["2026-11-22", "escalation:manager", "boss", "ada", 1],
      ["2026-11-24", "escalation:control_owner", "owner", "ada", 1],
    ]);
    expect(history.map((digest) => digest.kind)).toEqual([
      "launch",
      "launch",
      "reminder",
      "reminder",
      "reminder",
      "overdue",
      "escalation",
      "escalation",
    ]);
  });

  it("sends nothing after the demo's now, and never escalates to a reviewer about themself", () => {
    const history = demoNotificationHistory({
      ...base,
      controlOwnerEmail: "ada@example.test",
      until: Date.parse("2026-11-21T08:59:00.000Z"),
      items: [item("ada@example.test", null)],
    });
    expect(history.map((digest) => digest.occasion)).toEqual([
      "launch",
      "reminder:7",
      "reminder:3",
      "reminder:1",
    ]);
    const late = demoNotificationHistory({
      ...base,
      controlOwnerEmail: "ada@example.test",
      items: [item("ada@example.test", null)],
    });
    expect(late.filter((digest) => digest.kind === "escalation")).toEqual([
      expect.objectContaining({ recipientEmail: "boss@example.test", itemCount: 1 }),
    ]);
  });
});
