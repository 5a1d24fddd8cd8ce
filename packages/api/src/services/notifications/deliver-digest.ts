import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import {
  insertNotifications,
  markNotificationDelivered,
  markNotificationFailed,
  type NewNotification,
} from "@attest/db/repositories/notifications";
import type { NotificationKind } from "@attest/domain/campaigns/notification-schedule";
import type { Logger } from "../../context";
import { appendEvidence, type EvidenceActor } from "../evidence/append-evidence";
import { composeDigest, type Digest, type DigestCampaign } from "./compose-digest";
import type { MailAddress, Mailer } from "./mailer";

export interface NotificationServices {
  db: Database;
  mailer: Mailer;
  /** Where the web app is, for the links in mails, e.g. https://attest.example.com. */
  appUrl: string;
  log: Logger;
}

/** One digest to one recipient; an escalation is about several reviewers, the rest about none. */
export interface DigestRequest {
  campaign: DigestCampaign;
  recipient: MailAddress & { id: string };
  kind: NotificationKind;
  occasion: string;
  /** One entry per notification row: the reviewer an escalation is about (or null) and the count. */
  about: { reviewerId: string | null; reviewerName: string | null; itemCount: number }[];
  actor: EvidenceActor;
  now: Date;
}

export interface DeliveredDigest {
  messageId: string;
  campaignId: string;
  recipientId: string;
  kind: NotificationKind;
  occasion: string;
  aboutReviewerIds: string[];
  itemCount: number;
  delivered: boolean;
}

/**
 * Records a digest, then sends it. The notification rows and their notification.sent events
 * commit first, in one transaction, carrying the Message-ID the mail will have; only then is
 * the mail handed to SMTP. The unique key (campaign, recipient, occasion, about reviewer)
 * makes recording the claim: a second tick or a second instance records nothing and sends
 * nothing. The price of never sending twice is that a crash between commit and hand-over
 * loses that one mail; it stays visible as recorded but never delivered (delivered_at null).
 * A refused hand-over is marked failed and retried with the same Message-ID (retry-deliveries).
 */
export async function deliverDigest(
  services: NotificationServices,
  request: DigestRequest,
): Promise<DeliveredDigest | null> {
  const { db } = services;
  const messageId = `<${randomUUID()}@${services.mailer.domain}>`;
  const sentAt = request.now.toISOString();
  const recorded = await db.transaction(async (tx) => {
    const rows = await insertNotifications(
      tx,
      request.about.map(
        (about): NewNotification => ({
          id: randomUUID(),
          campaignId: request.campaign.id,
          recipientId: request.recipient.id,
          kind: request.kind,
          occasion: request.occasion,
          aboutReviewerId: about.reviewerId,
          itemCount: about.itemCount,
          sentAt,
          messageId,
        }),
      ),
    );
    await appendEvidence(
      tx,
      rows.map((row) => ({
        action: "notification.sent" as const,
        actor: request.actor,
        subjectIds: [
          row.campaignId,
          row.recipientId,
          ...(row.aboutReviewerId ? [row.aboutReviewerId] : []),
        ],
        payload: {
          campaignId: row.campaignId,
          recipientId: row.recipientId,
          kind: row.kind,
          occasion: row.occasion,
          aboutReviewerId: row.aboutReviewerId,
          itemCount: row.itemCount,
          messageId,
          sentAt,
        },
      })),
    );
    return rows;
  });
  if (recorded.length === 0) return null;

  const recordedAbout = request.about.filter((about) =>
    recorded.some((row) => row.aboutReviewerId === about.reviewerId),
  );
  const digest: Digest =
    request.kind === "escalation"
      ? {
          kind: "escalation",
          occasion: request.occasion,
          campaign: request.campaign,
          recipientName: request.recipient.name,
          reviewers: recordedAbout.map((about) => ({
            name: about.reviewerName ?? "(unknown reviewer)",
            pendingItems: about.itemCount,
          })),
        }
      : {
          kind: request.kind,
          occasion: request.occasion,
          campaign: request.campaign,
          recipientName: request.recipient.name,
          pendingItems: recordedAbout.reduce((sum, about) => sum + about.itemCount, 0),
        };
  const delivered = await sendRecorded(services, {
    messageId,
    to: { name: request.recipient.name, address: request.recipient.address },
    digest,
    now: request.now,
  });
  return {
    messageId,
    campaignId: request.campaign.id,
    recipientId: request.recipient.id,
    kind: request.kind,
    occasion: request.occasion,
    aboutReviewerIds: recorded.flatMap((row) => (row.aboutReviewerId ? [row.aboutReviewerId] : [])),
    itemCount: recorded.reduce((sum, row) => sum + row.itemCount, 0),
    delivered,
  };
}

/** Hands an already recorded digest to SMTP and marks the outcome; true when it was accepted. */
export async function sendRecorded(
  services: NotificationServices,
  mail: { messageId: string; to: MailAddress; digest: Digest; now: Date },
): Promise<boolean> {
  const composed = composeDigest(mail.digest, services.appUrl);
  try {
    await services.mailer.send({ ...composed, to: mail.to, messageId: mail.messageId });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    services.log.warn(
      { messageId: mail.messageId, occasion: mail.digest.occasion, err: error },
      "notification mail was not accepted; it will be retried",
    );
    await markNotificationFailed(services.db, mail.messageId, reason);
    return false;
  }
  await markNotificationDelivered(services.db, mail.messageId, mail.now.toISOString());
  return true;
}
