import { z } from "zod";
import { getCampaign, listCampaigns } from "../../services/campaigns/list-campaigns";
import { oversightProcedure, router } from "../../trpc";
import { campaignCockpitProcedures } from "./campaign-cockpit-router";
import { campaignDefinitionsRouter, launchCampaignProcedure } from "./campaign-definitions-router";
import { campaignLifecycleProcedures } from "./campaign-lifecycle-router";

export const campaignIdInput = z.strictObject({
  campaignId: z.uuid({ error: "campaignId must be a campaign id" }),
});

export const campaignsRouter = router({
  list: oversightProcedure.query(({ ctx }) => listCampaigns(ctx.db, ctx.now(), ctx.user)),
  get: oversightProcedure
    .input(campaignIdInput)
    .query(({ ctx, input }) => getCampaign(ctx.db, input.campaignId, ctx.now(), ctx.user)),
  definitions: campaignDefinitionsRouter,
  launch: launchCampaignProcedure,
  ...campaignCockpitProcedures,
  ...campaignLifecycleProcedures,
});
