import {
  findNotifiableCampaign,
  listPendingReviewers,
} from "@attest/db/repositories/notifications";
import {
  manualReminderCooldownMinutes,
  manualReminderOccasion,
} from "@attest/domain/campaigns/notification-schedule";
import { AppError } from "../../app-error";
import { deliverDigest, type NotificationServices } from "./deliver-digest";

export interface RemindReviewersResult {
  /** "manual:<time>": the occasion every reminder of this request was recorded under. */
  occasion: string;
  reminded: {
    reviewerId: string;
    reviewerName: string;
    pendingItems: number;
    /** False when the mail server refused the mail; it is retried by the notifier. */
    delivered: boolean;
  }[];
  /** Reviewers sent a digest in the last few minutes: a second click sends nothing more. */
  skipped: { reviewerId: string; reviewerName: string; lastNotifiedAt: string }[];
}

/**
 * "Remind now": a control owner sends a reminder digest at once to one reviewer, or to every
 * reviewer of the campaign with pending items. Each is recorded and evidenced like a scheduled
 * one, with the control owner as actor.
 */
export async function remindReviewers(
  options: NotificationServices & {
    now: Date;
    actorId: string;
    campaignId: string;
    reviewerId?: string | undefined;
  },
): Promise<RemindReviewersResult> {
  const { now, actorId, campaignId, reviewerId, ...services } = options;
  const campaign = await findNotifiableCampaign(services.db, campaignId);
  if (!campaign)
    throw new AppError("not_found", "No campaign with that id.", { field: "campaignId" });
  if (campaign.status !== "active")
    throw new AppError(
      "precondition_failed",
      "Reminders can only be sent while the campaign is active.",
      { field: "campaignId" },
    );
  const reviewers = await listPendingReviewers(services.db, { campaignId, reviewerId });
  if (reviewerId && reviewers.length === 0)
    throw new AppError(
      "precondition_failed",
      "That reviewer has no pending items in this campaign.",
      {
        field: "reviewerId",
      },
    );
  const reachable = reviewers.filter((reviewer) => reviewer.active);
  if (reviewerId && reachable.length === 0)
    throw new AppError("precondition_failed", "That reviewer's account is disabled.", {
      field: "reviewerId",
    });

  const occasion = manualReminderOccasion(now);
  const cooldownStart = now.getTime() - manualReminderCooldownMinutes * 60_000;
  const result: RemindReviewersResult = { occasion, reminded: [], skipped: [] };
  const campaignForDigest = { id: campaign.id, name: campaign.name, dueAt: campaign.dueAt };
  for (const reviewer of reachable) {
    if (reviewer.lastNotifiedAt && new Date(reviewer.lastNotifiedAt).getTime() > cooldownStart) {
      result.skipped.push({
        reviewerId: reviewer.reviewerId,
        reviewerName: reviewer.displayName,
        lastNotifiedAt: reviewer.lastNotifiedAt,
      });
      continue;
    }
    const digest = await deliverDigest(services, {
      campaign: campaignForDigest,
      recipient: { id: reviewer.reviewerId, name: reviewer.displayName, address: reviewer.email },
      kind: "reminder",
      occasion,
      about: [{ reviewerId: null, reviewerName: null, itemCount: reviewer.pendingItems }],
      actor: { user: actorId },
      now,
    });
    if (digest)
      result.reminded.push({
        reviewerId: reviewer.reviewerId,
        reviewerName: reviewer.displayName,
        pendingItems: reviewer.pendingItems,
        delivered: digest.delivered,
      });
  }
  return result;
}
