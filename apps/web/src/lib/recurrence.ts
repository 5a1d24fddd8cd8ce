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

/** "Quarterly, first Monday at 09:00", the cron itself when it is no preset, or "By hand". */
export function describeRecurrence(cron: string | null): string {
  if (cron === null) return "By hand";
  return presetFor(cron)?.label ?? cron;
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

/** "Mon 4 Jan 2027, 09:00 UTC": schedules run in UTC, so their times are shown in UTC. */
export function formatRunTime(date: Date | string): string {
  return `${runFormat.format(new Date(date))} UTC`;
}
