import { z } from "zod";
import { listCampaignDecisions } from "../../services/audit/list-campaign-decisions";
import { procedureFor, router } from "../../trpc";

export const campaignDecisionsInput = z.strictObject({
  campaignId: z.uuid({ error: "campaignId must be a campaign id" }),
  search: z.string().trim().max(200).optional(),
  limit: z.int().min(1).max(500).default(100),
  offset: z.int().min(0).default(0),
});

export const auditRouter = router({
  /** Decided items of one campaign, read-only; control owners see the same record auditors do. */
  campaignDecisions: procedureFor("auditor", "control_owner")
    .input(campaignDecisionsInput)
    .query(({ ctx, input }) => listCampaignDecisions(ctx.db, input)),
});
