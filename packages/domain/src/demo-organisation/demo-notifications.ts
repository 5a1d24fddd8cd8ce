import type { EscalationPolicy, ReminderSchedule } from "../campaigns/campaign-definition";
import {
  escalationsDueAt,
  type NotificationTimeline,
  reviewerOccasionAt,
} from "../campaigns/notification-schedule";
import type { DemoNotification, DemoReviewItem } from "./demo-organisation";

export interface DemoNotificationHistoryInput {
  startsAt: string;
  dueAt: string;
  reminders: ReminderSchedule;
  escalation: EscalationPolicy;
  items: readonly DemoReviewItem[];
  controlOwnerEmail: string;
  /** The active user who manages a reviewer in the snapshot (the escalation's manager), if any. */
  managerOf: (reviewerEmail: string) => string | null;
  /** The demo's "now": digests due up to and at this moment were sent. */
  until: number;
}

/**
 * The digests a notifier running since the campaign started would have sent by `until`: at each
 * moment of the schedule (notification-schedule.ts), one digest to every reviewer with items
 * still undecided then, and one escalation row per reviewer to their manager and to the control
 * owner. Recorded as history, a real notifier starting at `until` finds nothing left to send.
 */
export function demoNotificationHistory(input: DemoNotificationHistoryInput): DemoNotification[] {
  const timeline: NotificationTimeline = {
    startsAt: new Date(input.startsAt),
    dueAt: new Date(input.dueAt),
    reminders: input.reminders,
    escalation: input.escalation,
  };
  const starts = timeline.startsAt.getTime();
  const due = timeline.dueAt.getTime();
  const dayMs = 86_400_000;
  const moments = [
    starts,
    ...input.reminders.daysBeforeDue.map((days) => due - days * dayMs),
    due,
    ...[input.escalation.toManagerAfterDays, input.escalation.toControlOwnerAfterDays].flatMap(
      (days) => (days === null ? [] : [due + days * dayMs]),
    ),
  ];
  const schedule = [...new Set(moments)]
    .filter((moment) => moment >= starts && moment <= input.until)
    .sort((a, b) => a - b);

  /** Reviewers with items undecided at `moment`, and how many, in a stable order. */
  const pendingAt = (moment: number): [string, number][] => {
    const pending = new Map<string, number>();
    for (const item of input.items) {
      if (item.decidedAt !== null && Date.parse(item.decidedAt) <= moment) continue;
      pending.set(item.reviewerEmail, (pending.get(item.reviewerEmail) ?? 0) + 1);
    }
    return [...pending].sort(([a], [b]) => a.localeCompare(b));
  };

  const history: DemoNotification[] = [];
  for (const moment of schedule) {
    const at = new Date(moment);
    const sentAt = at.toISOString();
    const pending = pendingAt(moment);
    const occasion = reviewerOccasionAt(timeline, at);
    // Only the moment an occasion begins sends it; a later moment of the schedule is another.
    if (occasion && occasion.since.getTime() === moment) {
      for (const [reviewer, itemCount] of pending)
        history.push({
          recipientEmail: reviewer,
          kind: occasion.kind,
          occasion: occasion.occasion,
          aboutReviewerEmail: null,
          itemCount,
          sentAt,
        });
    }
    for (const escalation of escalationsDueAt(timeline, at)) {
      if (escalation.since.getTime() !== moment) continue;
      for (const [reviewer, itemCount] of pending) {
        const to =
          escalation.to === "control_owner" ? input.controlOwnerEmail : input.managerOf(reviewer);
        // Nobody is escalated to about themself.
        if (to === null || to === reviewer) continue;
        history.push({
          recipientEmail: to,
          kind: "escalation",
          occasion: escalation.occasion,
          aboutReviewerEmail: reviewer,
          itemCount,
          sentAt,
        });
      }
    }
  }
  return history;
}
