import type { NotificationServices } from "./deliver-digest";
import { sendDueNotifications } from "./send-due-notifications";

/**
 * The notifier as a scheduler job, `(now) => Promise<void>`: run it on every tick. It is safe
 * to run again for the same or a later time, from any instance (each digest is recorded once).
 */
export function createNotificationJob(
  services: NotificationServices,
): (now: Date) => Promise<void> {
  return async function sendCampaignNotifications(now: Date): Promise<void> {
    const result = await sendDueNotifications({ ...services, now });
    const undelivered = result.sent.filter((digest) => !digest.delivered).length;
    if (result.sent.length > 0 || result.retried > 0)
      services.log.info(
        {
          sent: result.sent.length,
          undelivered,
          retried: result.retried,
          retriedDelivered: result.retriedDelivered,
        },
        "campaign notifications sent",
      );
    if (result.failedCampaigns.length > 0)
      throw new Error(
        `notifications failed for ${result.failedCampaigns.length} campaign(s): ${result.failedCampaigns.join(", ")}`,
      );
  };
}
