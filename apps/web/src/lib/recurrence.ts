import { recurrencePresets } from "@attest/domain/campaigns/campaign-definition";
import { Cron } from "croner";

/*
 * A campaign definition's schedule, read as the server reads it
 * (packages/api/src/services/campaigns/campaign-recurrence.ts): five cron fields in UTC, day of
 * month AND day of week. The server decides what is valid when it saves; this shows the next
 * runs while the schedule is typed, so the two must agree on the options below.
 */
const cronOptions = { paused: true, timezone: "UTC", domAndDow: true, mode: "5-part" } as const;

export type RecurrencePreset = (typeof recurrencePresets)[number];

export function presetFor(cron: string | null): RecurrencePreset | undefined {
  if (cron === null) return undefined;
  const normalised = cron.trim().replace(/\s+/g, " ");
  return recurrencePresets.find((preset) => preset.cron === normalised);
}

const weekdays: Record<string, string> = {
  MON: "Monday",
  TUE: "Tuesday",
  WED: "Wednesday",
  THU: "Thursday",
  FRI: "Friday",
  SAT: "Saturday",
  SUN: "Sunday",
};
const ordinals = ["first", "second", "third", "fourth", "fifth"];
const cadences: Record<string, string> = {
  "*": "Monthly",
  "1,4,7,10": "Quarterly",
  "1,7": "Every half year (January and July)",
  "1": "Yearly in January",
};

/** "0 9 * 1,4,7,10 MON#2" → "Quarterly, second Monday at 09:00"; null for anything else. */
function describeNthWeekday(cron: string): string | null {
  const match = /^(\d{1,2}) (\d{1,2}) \* (\S+) ([A-Z]{3})#([1-5])$/.exec(cron);
  if (!match) return null;
  const [, minute = "", hour = "", months = "", day = "", nth = ""] = match;
  const cadence = cadences[months];
  const weekday = weekdays[day];
  const ordinal = ordinals[Number(nth) - 1];
  if (!cadence || !weekday || !ordinal || Number(hour) > 23 || Number(minute) > 59) return null;
  return `${cadence}, ${ordinal} ${weekday} at ${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
}

/**
 * "Quarterly, first Monday at 09:00" for a preset or a schedule read the same way, the cron
 * itself for anything else, or "By hand".
 */
export function describeRecurrence(cron: string | null): string {
  if (cron === null) return "By hand";
  const normalised = cron.trim().replace(/\s+/g, " ");
  return presetFor(normalised)?.label ?? describeNthWeekday(normalised) ?? normalised;
}

export type UpcomingRuns = { runs: Date[]; problem: null } | { runs: []; problem: string };

/** The next `count` occurrences after `after`, or why the expression has none. */
export function upcomingRuns(cron: string, count: number, after: Date = new Date()): UpcomingRuns {
  let schedule: Cron;
  try {
    schedule = new Cron(cron.trim(), cronOptions);
  } catch (error) {
    const detail = (error as Error).message.replace(/^CronPattern: /, "");
    return {
      runs: [],
      problem: `Not a cron expression (minute hour day-of-month month day-of-week): ${detail}.`,
    };
  }
  const runs = schedule.nextRuns(count, after);
  if (runs.length === 0) return { runs: [], problem: "This schedule never occurs." };
  return { runs, problem: null };
}

const runFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "Mon, 4 Jan 2027, 09:00 UTC": schedules run in UTC, so their times are shown in UTC. */
export function formatRunTime(date: Date | string): string {
  return `${runFormat.format(new Date(date))} UTC`;
}
