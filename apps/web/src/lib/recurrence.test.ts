import { describe, expect, it } from "vitest";
import { describeRecurrence, formatRunTime, upcomingRuns } from "@/lib/recurrence";

describe("describeRecurrence", () => {
  it("says a preset's label, an nth-weekday schedule in words, and anything else as the cron", () => {
    expect(describeRecurrence(null)).toBe("By hand");
    expect(describeRecurrence("0 9 * 1,4,7,10 MON#1")).toBe("Quarterly, first Monday at 09:00");
    expect(describeRecurrence(" 0  9 * * MON#1 ")).toBe("Monthly, first Monday at 09:00");
    expect(describeRecurrence("0 9 * 1,4,7,10 MON#3")).toBe("Quarterly, third Monday at 09:00");
    expect(describeRecurrence("30 7 * 1 FRI#2")).toBe("Yearly in January, second Friday at 07:30");
    expect(describeRecurrence("0 8 15 2,5,8,11 *")).toBe("0 8 15 2,5,8,11 *");
    expect(describeRecurrence("0 9 * 2,5 MON#1")).toBe("0 9 * 2,5 MON#1");
  });
});

describe("upcomingRuns", () => {
  const after = new Date("2026-11-28T12:00:00Z");

  it("reads five fields in UTC, day of month AND day of week, as the server does", () => {
    const { runs, problem } = upcomingRuns("0 9 * 1,4,7,10 MON#1", 3, after);
    expect(problem).toBeNull();
    expect(runs.map((run) => run.toISOString())).toEqual([
      "2027-01-04T09:00:00.000Z",
      "2027-04-05T09:00:00.000Z",
      "2027-07-05T09:00:00.000Z",
    ]);
    // 1–7 AND Monday: the first Monday, not every Monday and every day from the 1st to the 7th.
    expect(upcomingRuns("0 9 1-7 * MON", 2, after).runs.map((run) => run.toISOString())).toEqual([
      "2026-12-07T09:00:00.000Z",
      "2027-01-04T09:00:00.000Z",
    ]);
    expect(formatRunTime("2027-01-04T09:00:00.000Z")).toBe("Mon, 4 Jan 2027, 09:00 UTC");
  });

  it("says why an expression has no runs", () => {
    expect(upcomingRuns("0 9 * * FUNDAY", 3, after).problem).toMatch(
      /^Not a cron expression \(minute hour day-of-month month day-of-week\): .*FUNDAY/,
    );
    expect(upcomingRuns("0 0 30 2 *", 3, after)).toEqual({
      runs: [],
      problem: "This schedule never occurs.",
    });
  });
});
