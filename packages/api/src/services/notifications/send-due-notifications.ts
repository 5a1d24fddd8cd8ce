import {
  claimNotificationRetries,
  listEscalationsToSend,
  listNotifiableCampaigns,
  listPendingReviewers,
  type NotifiableCampaign,
  type NotificationToRetry,
} from "@attest/db/repositories/notifications";
import { escalationPolicy, reminderSchedule } from "@attest/domain/campaigns/campaign-definition";
import {
  escalationsDueAt,
  type NotificationTimeline,
  reviewerOccasionAt,
} from "@attest/domain/campaigns/notification-schedule";
import type { EvidenceActor } from "../evidence/append-evidence";
import type { Digest } from "./compose-digest";
import {
  type DeliveredDigest,
  deliverDigest,
  type NotificationServices,
  sendRecorded,
} from "./deliver-digest";

/** The ledger actor of digests the schedule sends. */
export const notificationActor: EvidenceActor = { system: "notifications" };

/** A refused hand-over is tried this many times in all, 2, 4, 8… minutes apart. */
const maxDeliveryAttempts = 6;

export interface SendDueNotificationsResult {
  /** Digests recorded and handed to SMTP on this call (delivered or not). */
  sent: DeliveredDigest[];
  /** Earlier refused mails tried again, and how many of them were accepted this time. */
  retried: number;
  retriedDelivered: number;
  /** Campaigns skipped because something about them failed (logged). */
  failedCampaigns: string[];
}

export function notificationTimeline(campaign: NotifiableCampaign): NotificationTimeline {
  return {
    startsAt: new Date(campaign.startsAt),
    dueAt: new Date(campaign.dueAt),
    // Persisted JSON is parsed on read: a definition that does not parse is an error.
    reminders: reminderSchedule.parse(campaign.reminders),
    escalation: escalationPolicy.parse(campaign.escalation),
  };
}

/** Map.groupBy, which Node 20 lacks: rows by key, in order. */
function groupBy<Row>(rows: readonly Row[], key: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

async function notifyCampaign(
  services: NotificationServices,
  campaign: NotifiableCampaign,
  now: Date,
): Promise<DeliveredDigest[]> {
  const timeline = notificationTimeline(campaign);
  const digestCampaign = { id: campaign.id, name: campaign.name, dueAt: campaign.dueAt };
  const sent: DeliveredDigest[] = [];

  const occasion = reviewerOccasionAt(timeline, now);
  if (occasion) {
    const since = occasion.since.getTime();
    const reviewers = await listPendingReviewers(services.db, { campaignId: campaign.id });
    for (const reviewer of reviewers) {
      // Anyone sent a digest since this occasion began (its own, or an earlier run's, or a
      // reminder by hand) already knows what it would say.
      if (!reviewer.active) continue;
      if (reviewer.lastNotifiedAt && new Date(reviewer.lastNotifiedAt).getTime() >= since) continue;
      const digest = await deliverDigest(services, {
        campaign: digestCampaign,
        recipient: { id: reviewer.reviewerId, name: reviewer.displayName, address: reviewer.email },
        kind: occasion.kind,
        occasion: occasion.occasion,
        about: [{ reviewerId: null, reviewerName: null, itemCount: reviewer.pendingItems }],
        actor: notificationActor,
        now,
      });
      if (digest) sent.push(digest);
    }
  }

  for (const escalation of escalationsDueAt(timeline, now)) {
    const rows = await listEscalationsToSend(services.db, {
      campaignId: campaign.id,
      occasion: escalation.occasion,
      to: escalation.to,
    });
    // One digest per recipient, listing every reviewer it is about.
    const byRecipient = groupBy(rows, (row) => row.recipientId);
    for (const [recipientId, about] of byRecipient) {
      const first = about[0];
      if (!first) continue;
      const digest = await deliverDigest(services, {
        campaign: digestCampaign,
        recipient: { id: recipientId, name: first.recipientName, address: first.recipientEmail },
        kind: "escalation",
        occasion: escalation.occasion,
        about: about.map((row) => ({
          reviewerId: row.reviewerId,
          reviewerName: row.reviewerName,
          itemCount: row.pendingItems,
        })),
        actor: notificationActor,
        now,
      });
      if (digest) sent.push(digest);
    }
  }
  return sent;
}

function retryDigest(rows: NotificationToRetry[]): Digest {
  const first = rows[0] as NotificationToRetry;
  const campaign = { id: first.campaignId, name: first.campaignName, dueAt: first.dueAt };
  if (first.kind === "escalation") {
    return {
      kind: "escalation",
      occasion: first.occasion,
      campaign,
      recipientName: first.recipientName,
      reviewers: rows.map((row) => ({
        name: row.aboutReviewerName ?? "(unknown reviewer)",
        pendingItems: row.itemCount,
      })),
    };
  }
  return {
    kind: first.kind,
    occasion: first.occasion,
    campaign,
    recipientName: first.recipientName,
    pendingItems: rows.reduce((sum, row) => sum + row.itemCount, 0),
  };
}

/** Tries again the recorded mails whose hand-over to SMTP was refused, once their backoff passed. */
async function retryDeliveries(
  services: NotificationServices,
  now: Date,
): Promise<{ retried: number; delivered: number }> {
  const claimed = await claimNotificationRetries(services.db, {
    now: now.toISOString(),
    maxAttempts: maxDeliveryAttempts,
    limit: 100,
  });
  let delivered = 0;
  const byMessage = groupBy(claimed, (row) => row.messageId);
  for (const [messageId, rows] of byMessage) {
    const first = rows[0] as NotificationToRetry;
    const accepted = await sendRecorded(services, {
      messageId,
      to: { name: first.recipientName, address: first.recipientEmail },
      digest: retryDigest(rows),
      now,
    });
    if (accepted) delivered += 1;
  }
  return { retried: byMessage.size, delivered };
}

/**
 * The notifier's tick: for every active campaign, one digest per reviewer with pending items
 * whose launch, reminder or overdue moment has come and who was sent nothing since, and one
 * escalation digest per manager or control owner; then refused mails again. Safe to call as
 * often as wanted, from several instances at once: each digest is recorded once (see
 * deliverDigest), so a second call at the same moment sends nothing.
 */
export async function sendDueNotifications(
  options: NotificationServices & { now: Date },
): Promise<SendDueNotificationsResult> {
  const { now, ...services } = options;
  const retries = await retryDeliveries(services, now);
  const result: SendDueNotificationsResult = {
    sent: [],
    retried: retries.retried,
    retriedDelivered: retries.delivered,
    failedCampaigns: [],
  };
  for (const campaign of await listNotifiableCampaigns(services.db)) {
    try {
      result.sent.push(...(await notifyCampaign(services, campaign, now)));
    } catch (error) {
      // One campaign's problem (say, a definition that no longer parses) must not silence
      // the reminders of every other campaign.
      services.log.error(
        { err: error, campaignId: campaign.id },
        "campaign notifications failed; other campaigns go on",
      );
      result.failedCampaigns.push(campaign.id);
    }
  }
  return result;
}
