const dayMs = 86_400_000;

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const calendarDateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** Whole calendar days from `from` to `to` in the viewer's time zone (negative when `to` is earlier). */
function calendarDaysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const end = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((end - start) / dayMs);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export interface DueDescription {
  /** "due in 9 days", "due tomorrow", "3 days overdue" */
  text: string;
  overdue: boolean;
}

export function describeDue(dueAt: string, now: Date = new Date()): DueDescription {
  const due = new Date(dueAt);
  const days = calendarDaysBetween(now, due);
  if (due.getTime() >= now.getTime()) {
    if (days <= 0) return { text: "due today", overdue: false };
    if (days === 1) return { text: "due tomorrow", overdue: false };
    return { text: `due in ${days} days`, overdue: false };
  }
  if (days >= 0) return { text: "overdue since today", overdue: true };
  return { text: `${plural(-days, "day")} overdue`, overdue: true };
}

/** "3 days ago", "yesterday", "in 2 months". */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const diffMs = new Date(iso).getTime() - now.getTime();
  const absMs = Math.abs(diffMs);
  if (absMs < 60_000) return "just now";
  if (absMs < 3_600_000) return relativeFormat.format(Math.round(diffMs / 60_000), "minute");
  if (absMs < dayMs) return relativeFormat.format(Math.round(diffMs / 3_600_000), "hour");
  const days = calendarDaysBetween(now, new Date(iso));
  if (Math.abs(days) < 45) return relativeFormat.format(days, "day");
  if (Math.abs(days) < 365) return relativeFormat.format(Math.round(days / 30.44), "month");
  return relativeFormat.format(Math.round(days / 365.25), "year");
}

/** "12 Dec 2026" in the viewer's time zone. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "12 Dec 2026, 14:03" in the viewer's time zone. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, no time zone) as "31 Mar 2027". */
export function formatCalendarDate(date: string): string {
  return calendarDateFormat.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

/** "2026-11-20 14:03:12 UTC": what an auditor compares against evidence. */
export function formatUtcTimestamp(iso: string): string {
  const value = new Date(iso).toISOString();
  return `${value.slice(0, 10)} ${value.slice(11, 19)} UTC`;
}

/** Today's date (YYYY-MM-DD) in the viewer's time zone, for date inputs. */
export function todayIsoDate(now: Date = new Date()): string {
  return addDaysIsoDate(now, 0);
}

export function addDaysIsoDate(now: Date, days: number): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}
