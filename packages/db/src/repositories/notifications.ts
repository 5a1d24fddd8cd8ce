import type { NotificationKind } from "@attest/domain/campaigns/notification-schedule";
import type { Queryable, Transaction } from "../database";

export interface NotifiableCampaign {
  id: string;
  name: string;
  status: string;
  snapshotId: string;
  startsAt: string;
  dueAt: string;
  /** campaigns.reminders (frozen from the definition at launch) as stored; the service parses it. */
  reminders: unknown;
  /** campaigns.escalation (frozen at launch) as stored; the service parses it. */
  escalation: unknown;
  controlOwnerId: string;
}

const campaignSelect = `
  select c.id, c.name, c.status, c.snapshot_id as "snapshotId", c.starts_at as "startsAt",
         c.due_at as "dueAt", c.reminders, c.escalation, d.control_owner_id as "controlOwnerId"
  from campaigns c
  join campaign_definitions d on d.id = c.definition_id`;

/** Campaigns whose reviewers may be due a digest: the active ones. */
export async function listNotifiableCampaigns(db: Queryable): Promise<NotifiableCampaign[]> {
  return db.query<NotifiableCampaign>(`${campaignSelect} where c.status = 'active' order by c.id`);
}

export async function findNotifiableCampaign(
  db: Queryable,
  campaignId: string,
): Promise<NotifiableCampaign | null> {
  const rows = await db.query<NotifiableCampaign>(`${campaignSelect} where c.id = $1`, [
    campaignId,
  ]);
  return rows[0] ?? null;
}

export interface PendingReviewer {
  reviewerId: string;
  email: string;
  displayName: string;
  active: boolean;
  pendingItems: number;
  /** The last digest of their own (launch, reminder, overdue) they were sent in this campaign. */
  lastNotifiedAt: string | null;
}

/**
 * Reviewers with pending items in a campaign, with the last digest each was sent. Counts come
 * from review_items_campaign_idx (campaign_id, decision); the digests from
 * notifications_campaign_idx (campaign_id, recipient_id, sent_at desc).
 */
export async function listPendingReviewers(
  db: Queryable,
  options: { campaignId: string; reviewerId?: string | undefined },
): Promise<PendingReviewer[]> {
  return db.query<PendingReviewer>(
    `with pending as (
       select reviewer_id, count(*)::int as pending_items
       from review_items
       where campaign_id = $1 and decision is null and ($2::uuid is null or reviewer_id = $2)
       group by reviewer_id
     )
     select u.id as "reviewerId", u.email, u.display_name as "displayName",
            u.status = 'active' as active, p.pending_items as "pendingItems",
            (select max(n.sent_at) from notifications n
             where n.campaign_id = $1 and n.recipient_id = p.reviewer_id
               and n.kind in ('launch', 'reminder', 'overdue')) as "lastNotifiedAt"
     from pending p
     join users u on u.id = p.reviewer_id
     order by u.display_name, u.id`,
    [options.campaignId, options.reviewerId ?? null],
  );
}

export interface EscalationToSend {
  recipientId: string;
  recipientEmail: string;
  recipientName: string;
  reviewerId: string;
  reviewerName: string;
  pendingItems: number;
}

/**
 * Reviewers with pending items not yet escalated on this occasion, each with whom to escalate
 * to: the control owner, or the reviewer's manager — the user whose identity manages the
 * reviewer's identity in the campaign's snapshot. A reviewer with no such manager is left out,
 * and nobody is escalated to about themself.
 */
export async function listEscalationsToSend(
  db: Queryable,
  options: {
    campaignId: string;
    occasion: string;
    to: "manager" | "control_owner";
  },
): Promise<EscalationToSend[]> {
  const recipient =
    options.to === "control_owner"
      ? `join campaign_definitions d on d.id = c.definition_id
         join lateral (
           select owner.id, owner.email, owner.display_name from users owner
           where owner.id = d.control_owner_id and owner.status = 'active'
         ) m on true`
      : `join identities ri on ri.snapshot_id = c.snapshot_id and ri.external_id = r.identity_key
         join identities mi on mi.id = ri.manager_id
         join lateral (
           select manager.id, manager.email, manager.display_name from users manager
           where manager.identity_key = mi.external_id and manager.status = 'active'
           order by manager.created_at, manager.id
           limit 1
         ) m on true`;
  return db.query<EscalationToSend>(
    `with pending as (
       select reviewer_id, count(*)::int as pending_items
       from review_items
       where campaign_id = $1 and decision is null
       group by reviewer_id
     )
     select m.id as "recipientId", m.email as "recipientEmail", m.display_name as "recipientName",
            r.id as "reviewerId", r.display_name as "reviewerName", p.pending_items as "pendingItems"
     from pending p
     join users r on r.id = p.reviewer_id
     join campaigns c on c.id = $1
     ${recipient}
     where m.id <> p.reviewer_id
       and not exists (
         select 1 from notifications n
         where n.campaign_id = $1 and n.recipient_id = m.id and n.occasion = $2
           and n.about_reviewer_id = p.reviewer_id
       )
     order by m.id, r.display_name, r.id`,
    [options.campaignId, options.occasion],
  );
}

export interface NewNotification {
  id: string;
  campaignId: string;
  recipientId: string;
  kind: NotificationKind;
  occasion: string;
  aboutReviewerId: string | null;
  itemCount: number;
  sentAt: string;
  messageId: string;
}

/**
 * Records notifications unless the same (campaign, recipient, occasion, about reviewer) is
 * already recorded; returns the ones recorded now. The unique key makes the check and the
 * claim one step, so two instances or two ticks never both send the same digest.
 */
export async function insertNotifications(
  tx: Transaction,
  notifications: readonly NewNotification[],
): Promise<NewNotification[]> {
  const recorded: NewNotification[] = [];
  for (const notification of notifications) {
    const rows = await tx.query<{ id: string }>(
      `insert into notifications (id, campaign_id, recipient_id, kind, occasion, about_reviewer_id,
         item_count, sent_at, message_id, last_attempt_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8)
       on conflict do nothing
       returning id`,
      [
        notification.id,
        notification.campaignId,
        notification.recipientId,
        notification.kind,
        notification.occasion,
        notification.aboutReviewerId,
        notification.itemCount,
        notification.sentAt,
        notification.messageId,
      ],
    );
    if (rows.length > 0) recorded.push(notification);
  }
  return recorded;
}

export async function markNotificationDelivered(
  db: Queryable,
  messageId: string,
  deliveredAt: string,
): Promise<void> {
  await db.query(
    "update notifications set delivered_at = $2, delivery_error = null where message_id = $1",
    [messageId, deliveredAt],
  );
}

export async function markNotificationFailed(
  db: Queryable,
  messageId: string,
  error: string,
): Promise<void> {
  await db.query(
    "update notifications set delivery_error = $2 where message_id = $1 and delivered_at is null",
    [messageId, error.slice(0, 1000)],
  );
}

export interface NotificationToRetry {
  messageId: string;
  campaignId: string;
  campaignName: string;
  dueAt: string;
  recipientId: string;
  recipientEmail: string;
  recipientName: string;
  kind: NotificationKind;
  occasion: string;
  aboutReviewerId: string | null;
  aboutReviewerName: string | null;
  itemCount: number;
  deliveryAttempts: number;
}

/**
 * Claims mails whose hand-over to SMTP failed and whose backoff (2, 4, 8… minutes) has passed,
 * counting the attempt. A claimed mail shows no error until its attempt ends, so a process
 * that dies mid-send leaves it unconfirmed and it is never sent again.
 */
export async function claimNotificationRetries(
  db: Queryable,
  options: { now: string; maxAttempts: number; limit: number },
): Promise<NotificationToRetry[]> {
  return db.query<NotificationToRetry>(
    `with claimed as (
       update notifications n
       set delivery_attempts = n.delivery_attempts + 1, last_attempt_at = $1, delivery_error = null
       where n.message_id in (
           select message_id from notifications
           where delivered_at is null and delivery_error is not null and delivery_attempts < $2
             and last_attempt_at <= $1::timestamptz - interval '1 minute' * power(2, delivery_attempts)
           order by last_attempt_at
           limit $3
         )
         and n.delivered_at is null and n.delivery_error is not null
       returning n.*
     )
     select n.message_id as "messageId", n.campaign_id as "campaignId", c.name as "campaignName",
            c.due_at as "dueAt", n.recipient_id as "recipientId", r.email as "recipientEmail",
            r.display_name as "recipientName", n.kind, n.occasion,
            n.about_reviewer_id as "aboutReviewerId", about.display_name as "aboutReviewerName",
            n.item_count as "itemCount", n.delivery_attempts as "deliveryAttempts"
     from claimed n
     join campaigns c on c.id = n.campaign_id
     join users r on r.id = n.recipient_id
     left join users about on about.id = n.about_reviewer_id
     order by n.message_id, about.display_name`,
    [options.now, options.maxAttempts, options.limit],
  );
}

export interface NotificationRecord {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  occasion: string;
  aboutReviewerId: string | null;
  itemCount: number;
  sentAt: string;
  messageId: string | null;
  deliveredAt: string | null;
  deliveryError: string | null;
  deliveryAttempts: number;
}

/** A campaign's notifications, oldest first. */
export async function listCampaignNotifications(
  db: Queryable,
  campaignId: string,
): Promise<NotificationRecord[]> {
  return db.query<NotificationRecord>(
    `select id, recipient_id as "recipientId", kind, occasion, about_reviewer_id as "aboutReviewerId",
            item_count as "itemCount", sent_at as "sentAt", message_id as "messageId",
            delivered_at as "deliveredAt", delivery_error as "deliveryError",
            delivery_attempts as "deliveryAttempts"
     from notifications
     where campaign_id = $1
     order by sent_at, occasion, recipient_id, about_reviewer_id nulls first`,
    [campaignId],
  );
}
