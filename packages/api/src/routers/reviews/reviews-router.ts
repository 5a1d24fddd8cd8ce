import { decisionInput } from "@attest/domain/reviews/decision-input";
import { z } from "zod";
import { listMyCampaigns } from "../../services/reviews/list-my-campaigns";
import { listMyItems } from "../../services/reviews/list-my-items";
import { recordDecision } from "../../services/reviews/record-decision";
import { reviewerProcedure, router } from "../../trpc";

export const myItemsInput = z.strictObject({
  campaignId: z.uuid({ error: "campaignId must be a campaign id" }),
  status: z.enum(["pending", "decided", "all"]).default("pending"),
  search: z.string().trim().max(200).optional(),
  limit: z.int().min(1).max(500).default(100),
  offset: z.int().min(0).default(0),
});

export const reviewsRouter = router({
  myCampaigns: reviewerProcedure.query(({ ctx }) => listMyCampaigns(ctx.db, ctx.user, ctx.now())),

  myItems: reviewerProcedure
    .input(myItemsInput)
    .query(({ ctx, input }) => listMyItems(ctx.db, ctx.user, input)),

  recordDecision: reviewerProcedure
    .input(decisionInput)
    .mutation(({ ctx, input }) =>
      recordDecision(ctx.db, { user: ctx.user, input, now: ctx.now() }),
    ),
});
