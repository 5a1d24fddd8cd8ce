import {
  campaignTransitionInput,
  cancelCampaignInput,
  reassignItemsInput,
  reassignReviewerInput,
  signOffCampaignInput,
} from "@attest/domain/campaigns/campaign-lifecycle-input";
import { activateCampaign } from "../../services/campaigns/activate-campaign";
import { advanceCampaignStage } from "../../services/campaigns/advance-campaign-stage";
import { cancelCampaign } from "../../services/campaigns/cancel-campaign";
import { closeCampaign } from "../../services/campaigns/close-campaign";
import { reassignReviewItems } from "../../services/campaigns/reassign-review-items";
import { reassignReviewer } from "../../services/campaigns/reassign-reviewer";
import { signOffCampaign } from "../../services/campaigns/sign-off-campaign";
import { controlOwnerProcedure, procedureFor } from "../../trpc";

/** Runs a campaign: its control owner, or an administrator stepping in (checked per campaign). */
const campaignManagerProcedure = procedureFor("control_owner", "admin");

/**
 * The campaign lifecycle (docs/decisions/009-campaign-lifecycle-and-scheduler.md), spread into
 * the campaigns router. Every procedure is one transaction with its evidence; the actor is the
 * session's user and the time the server's.
 */
export const campaignLifecycleProcedures = {
  /** scheduled → active, before the start date. */
  activate: campaignManagerProcedure.input(campaignTransitionInput).mutation(({ ctx, input }) =>
    activateCampaign(ctx.db, {
      campaignId: input.campaignId,
      actor: { user: ctx.user },
      now: ctx.now(),
    }),
  ),

  /** Ends stage one of a two-stage campaign before its time and opens stage two. */
  advanceStage: campaignManagerProcedure.input(campaignTransitionInput).mutation(({ ctx, input }) =>
    advanceCampaignStage(ctx.db, {
      campaignId: input.campaignId,
      actor: { user: ctx.user },
      now: ctx.now(),
    }),
  ),

  /** active → closed, applying the definition's rule to undecided items. */
  close: campaignManagerProcedure.input(campaignTransitionInput).mutation(({ ctx, input }) =>
    closeCampaign(ctx.db, {
      campaignId: input.campaignId,
      actor: { user: ctx.user },
      now: ctx.now(),
    }),
  ),

  /** draft, scheduled or active → cancelled, with a reason. */
  cancel: campaignManagerProcedure
    .input(cancelCampaignInput)
    .mutation(({ ctx, input }) =>
      cancelCampaign(ctx.db, { input, actor: { user: ctx.user }, now: ctx.now() }),
    ),

  /** closed → signed off, by the campaign's control owner only, with their statement. */
  signOff: controlOwnerProcedure
    .input(signOffCampaignInput)
    .mutation(({ ctx, input }) =>
      signOffCampaign(ctx.db, { input, user: ctx.user, now: ctx.now() }),
    ),

  /** Moves pending items to another reviewer, with a reason. */
  reassign: campaignManagerProcedure
    .input(reassignItemsInput)
    .mutation(({ ctx, input }) => reassignReviewItems(ctx.db, { input, user: ctx.user })),

  /**
   * Moves all of one reviewer's pending items in the campaign to another, with a reason; items
   * separation of duties keeps from the new reviewer stay, and are reported with why.
   */
  reassignReviewer: campaignManagerProcedure
    .input(reassignReviewerInput)
    .mutation(({ ctx, input }) => reassignReviewer(ctx.db, { input, user: ctx.user })),
};
