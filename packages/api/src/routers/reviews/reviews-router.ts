import { decisionInput } from "@attest/domain/reviews/decision-input";
import {
  bulkDecisionInput,
  bulkPreviewInput,
  itemInput,
  queueInput,
  reassignCandidatesInput,
  reassignItemInput,
} from "@attest/domain/reviews/queue-input";
import { bulkDecide } from "../../services/reviews/bulk-decide";
import { getReviewItem } from "../../services/reviews/get-review-item";
import { getReviewQueue } from "../../services/reviews/get-review-queue";
import { listMyCampaigns } from "../../services/reviews/list-my-campaigns";
import { listReassignCandidates } from "../../services/reviews/list-reassign-candidates";
import { previewBulkDecision } from "../../services/reviews/preview-bulk-decision";
import { reassignMyItem } from "../../services/reviews/reassign-my-item";
import { recordDecision } from "../../services/reviews/record-decision";
import { reviewerProcedure, router } from "../../trpc";

export const reviewsRouter = router({
  myCampaigns: reviewerProcedure.query(({ ctx }) => listMyCampaigns(ctx.db, ctx.user, ctx.now())),

  queue: reviewerProcedure
    .input(queueInput)
    .query(({ ctx, input }) => getReviewQueue(ctx.db, { user: ctx.user, input })),

  item: reviewerProcedure
    .input(itemInput)
    .query(({ ctx, input }) => getReviewItem(ctx.db, { user: ctx.user, itemId: input.itemId })),

  recordDecision: reviewerProcedure
    .input(decisionInput)
    .mutation(({ ctx, input }) =>
      recordDecision(ctx.db, { user: ctx.user, input, now: ctx.now() }),
    ),

  bulkPreview: reviewerProcedure
    .input(bulkPreviewInput)
    .query(({ ctx, input }) => previewBulkDecision(ctx.db, { user: ctx.user, input })),

  bulkDecide: reviewerProcedure
    .input(bulkDecisionInput)
    .mutation(({ ctx, input }) => bulkDecide(ctx.db, { user: ctx.user, input, now: ctx.now() })),

  reassign: reviewerProcedure
    .input(reassignItemInput)
    .mutation(({ ctx, input }) => reassignMyItem(ctx.db, { user: ctx.user, input })),

  reassignCandidates: reviewerProcedure
    .input(reassignCandidatesInput)
    .query(({ ctx, input }) => listReassignCandidates(ctx.db, { user: ctx.user, input })),
});
