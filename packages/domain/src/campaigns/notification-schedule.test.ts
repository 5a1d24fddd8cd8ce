import { describe, expect, it } from "vitest";
import {
  escalationsDueAt,
  type NotificationTimeline,
  reviewerOccasionAt,
} from "./notification-schedule";

const timeline: NotificationTimeline = {
  startsAt: new Date("2026-11-01T09:00:00Z"),
  dueAt: new Date("2026-11-22T09:00:00Z"),
  reminders: { daysBeforeDue: [7, 3, 1] },
  escalation: { toManagerAfterDays: 1, toControlOwnerAfterDays: 3 },
};

const at = (iso: string) => new Date(iso);

describe("reviewerOccasionAt", () => {
  it("is nothing before the start, launch from the start until the first reminder", () => {
    expect(reviewerOccasionAt(timeline, at("2026-11-01T08:59:59Z"))).toBeNull();
    expect(reviewerOccasionAt(timeline, at("2026-11-01T09:00:00Z"))?.occasion).toBe("launch");
    expect(reviewerOccasionAt(timeline, at("2026-11-15T08:59:59Z"))?.occasion).toBe("launch");
  });

  it("is the latest reminder whose moment has come, then overdue at the due time", () => {
    expect(reviewerOccasionAt(timeline, at("2026-11-15T09:00:00Z"))).toEqual({
      kind: "reminder",
      occasion: "reminder:7",
      since: at("2026-11-15T09:00:00Z"),
      daysBeforeDue: 7,
    });
    expect(reviewerOccasionAt(timeline, at("2026-11-20T12:00:00Z"))?.occasion).toBe("reminder:3");
    expect(reviewerOccasionAt(timeline, at("2026-11-22T08:59:59Z"))?.occasion).toBe("reminder:1");
    expect(reviewerOccasionAt(timeline, at("2026-11-22T09:00:00Z"))).toEqual({
      kind: "overdue",
      occasion: "overdue",
      since: timeline.dueAt,
      daysBeforeDue: null,
    });
  });

  it("ignores the order and repeats of the reminder days", () => {
    const shuffled = { ...timeline, reminders: { daysBeforeDue: [1, 7, 3, 3] } };
    expect(reviewerOccasionAt(shuffled, at("2026-11-19T10:00:00Z"))?.occasion).toBe("reminder:3");
  });

  it("never reminds at or before the start: a short campaign's launch digest says it all", () => {
    const short = { ...timeline, dueAt: new Date("2026-11-04T09:00:00Z") };
    expect(reviewerOccasionAt(short, at("2026-11-02T09:00:00Z"))?.occasion).toBe("launch");
    expect(reviewerOccasionAt(short, at("2026-11-03T09:00:00Z"))?.occasion).toBe("reminder:1");
  });

  it("has only launch and overdue without reminders", () => {
    const quiet = { ...timeline, reminders: { daysBeforeDue: [] } };
    expect(reviewerOccasionAt(quiet, at("2026-11-21T09:00:00Z"))?.occasion).toBe("launch");
  });
});

describe("escalationsDueAt", () => {
  it("escalates to the manager, then also to the control owner, after their days", () => {
    expect(escalationsDueAt(timeline, at("2026-11-23T08:59:59Z"))).toEqual([]);
    expect(escalationsDueAt(timeline, at("2026-11-23T09:00:00Z")).map((e) => e.occasion)).toEqual([
      "escalation:manager",
    ]);
    expect(escalationsDueAt(timeline, at("2026-11-25T09:00:00Z"))).toEqual([
      {
        kind: "escalation",
        occasion: "escalation:manager",
        to: "manager",
        since: at("2026-11-23T09:00:00Z"),
        daysAfterDue: 1,
      },
      {
        kind: "escalation",
        occasion: "escalation:control_owner",
        to: "control_owner",
        since: at("2026-11-25T09:00:00Z"),
        daysAfterDue: 3,
      },
    ]);
  });

  it("skips a level that is switched off", () => {
    const ownerOnly = {
      ...timeline,
      escalation: { toManagerAfterDays: null, toControlOwnerAfterDays: 0 },
    };
    expect(escalationsDueAt(ownerOnly, at("2026-11-22T09:00:00Z")).map((e) => e.to)).toEqual([
      "control_owner",
    ]);
  });
});
