import { z } from "zod";

/** Inputs of the control owner's cockpit procedures, shared by its UI and the server. */
const campaignId = z.uuid({ error: "campaignId must be a campaign id" });

export const campaignDashboardInput = z.strictObject({ campaignId });
export type CampaignDashboardInput = z.infer<typeof campaignDashboardInput>;

export const remindNowInput = z.strictObject({
  campaignId,
  /** One reviewer; absent: every reviewer of the campaign with pending items. */
  reviewerId: z.uuid({ error: "reviewerId must be a user id" }).optional(),
});
export type RemindNowInput = z.infer<typeof remindNowInput>;
