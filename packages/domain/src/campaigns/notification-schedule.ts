import type { EscalationPolicy, ReminderSchedule } from "./campaign-definition";

/**
 * When a campaign's e-mail digests are due (issue 5). Reviewers get one digest per occasion
 * with all their pending items, never one mail per item; escalations go to the reviewer's
 * manager, then to the control owner, one digest per recipient.
 */
export const notificationKinds = ["launch", "reminder", "escalation", "overdue"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Kinds of digest sent to the reviewer themself (an escalation goes to someone else). */
export const reviewerNotificationKinds = ["launch", "reminder", "overdue"] as const;

export const escalationTargets = ["manager", "control_owner"] as const;
export type EscalationTarget = (typeof escalationTargets)[number];

const dayMs = 86_400_000;

export interface NotificationTimeline {
  startsAt: Date;
  dueAt: Date;
  reminders: ReminderSchedule;
  escalation: EscalationPolicy;
}

export interface ReviewerOccasion {
  kind: "launch" | "reminder" | "overdue";
  /** The key each digest is sent once for: "launch", "reminder:3", "overdue". */
  occasion: string;
  /** When the occasion began. A reviewer sent any digest since then needs no other. */
  since: Date;
  /** For a scheduled reminder: the days before the due date it was set for. */
  daysBeforeDue: number | null;
}

export interface EscalationOccasion {
  kind: "escalation";
  occasion: `escalation:${EscalationTarget}`;
  to: EscalationTarget;
  since: Date;
  daysAfterDue: number;
}

/**
 * The one digest a reviewer with pending items is due at `now`: the latest of launch, the
 * reminders and overdue whose moment has come. Only the latest, so a notifier that was down
 * for a week sends one reminder, not every one it missed. A reminder whose moment falls at or
 * before the start (a 5-day campaign's 7-day reminder) never applies: the launch digest says it.
 * Days are 24-hour periods counted from the due time, so the schedule is the same in every zone.
 */
export function reviewerOccasionAt(
  timeline: NotificationTimeline,
  now: Date,
): ReviewerOccasion | null {
  const { startsAt, dueAt } = timeline;
  if (now < startsAt) return null;
  if (now >= dueAt)
    return { kind: "overdue", occasion: "overdue", since: dueAt, daysBeforeDue: null };
  let latest: ReviewerOccasion = {
    kind: "launch",
    occasion: "launch",
    since: startsAt,
    daysBeforeDue: null,
  };
  for (const days of new Set(timeline.reminders.daysBeforeDue)) {
    const moment = new Date(dueAt.getTime() - days * dayMs);
    if (moment <= startsAt || moment > now || moment <= latest.since) continue;
    latest = { kind: "reminder", occasion: `reminder:${days}`, since: moment, daysBeforeDue: days };
  }
  return latest;
}

/** The escalations whose moment has come: to the manager, then to the control owner. */
export function escalationsDueAt(timeline: NotificationTimeline, now: Date): EscalationOccasion[] {
  const due: EscalationOccasion[] = [];
  const targets: [EscalationTarget, number | null][] = [
    ["manager", timeline.escalation.toManagerAfterDays],
    ["control_owner", timeline.escalation.toControlOwnerAfterDays],
  ];
  for (const [to, days] of targets) {
    if (days === null) continue;
    const moment = new Date(timeline.dueAt.getTime() + days * dayMs);
    if (moment > now) continue;
    due.push({
      kind: "escalation",
      occasion: `escalation:${to}`,
      to,
      since: moment,
      daysAfterDue: days,
    });
  }
  return due;
}

/** The occasion key of a reminder a control owner sends by hand. */
export function manualReminderOccasion(now: Date): string {
  return `manual:${now.toISOString()}`;
}

/**
 * A reviewer reminded (by schedule or by hand) this recently is not reminded by hand again:
 * a second click on "remind now" must not send a second mail.
 */
export const manualReminderCooldownMinutes = 15;
