import { Cron } from "croner";

/**
 * A definition's recurrence is a five-field cron expression read in UTC. Day of month and day
 * of week combine with AND ("0 9 1-7 * MON" is the first Monday), which is what a control owner
 * writing both means; croner's MON#1 says the same more directly. The scheduler computes its
 * occurrences with the same function, so a definition saved here runs when it says it will.
 */
const cronOptions = { paused: true, timezone: "UTC", domAndDow: true, mode: "5-part" } as const;

/** Why a recurrence cannot be used, as a sentence; null when it is a usable schedule. */
export function recurrenceProblem(recurrence: string, now: Date): string | null {
  let cron: Cron;
  try {
    cron = new Cron(recurrence, cronOptions);
  } catch (error) {
    const detail = (error as Error).message.replace(/^CronPattern: /, "");
    return `recurrence "${recurrence}" is not a cron expression (minute hour day-of-month month day-of-week): ${detail}`;
  }
  if (cron.nextRun(now) === null) return `recurrence "${recurrence}" never occurs`;
  return null;
}

/** The first occurrence strictly after `after`; null when there is none (or no recurrence). */
export function nextOccurrence(recurrence: string | null, after: Date): Date | null {
  if (recurrence === null) return null;
  return new Cron(recurrence, cronOptions).nextRun(after);
}
