import {
  campaignDashboardInput,
  remindNowInput,
} from "@attest/domain/campaigns/campaign-cockpit-input";
import { getCampaignDashboard } from "../../services/campaigns/get-campaign-dashboard";
import { remindReviewers } from "../../services/notifications/remind-reviewers";
import { controlOwnerProcedure, oversightProcedure } from "../../trpc";

/** The control owner's cockpit on one campaign, spread into the campaigns router. */
export const campaignCockpitProcedures = {
  /**
   * Completion over time, by reviewer (with when each was last reminded) and by system,
   * decision mix, independence flags, re-routing, and revokes awaiting remediation — which,
   * until remediation is tracked, counts every revoke. Read-only: control owners, auditors and
   * administrators.
   */
  dashboard: oversightProcedure
    .input(campaignDashboardInput)
    .query(({ ctx, input }) => getCampaignDashboard(ctx.db, input.campaignId, ctx.now(), ctx.user)),

  /**
   * "Remind now": a reminder digest at once to one reviewer or to every reviewer with pending
   * items, recorded and evidenced with the control owner as actor. Reviewers sent a digest in
   * the last 15 minutes are skipped (listed in `skipped`), so a double click sends one mail.
   */
  remindNow: controlOwnerProcedure.input(remindNowInput).mutation(({ ctx, input }) =>
    remindReviewers({
      db: ctx.db,
      mailer: ctx.mailer,
      appUrl: ctx.config.appUrl,
      log: ctx.log,
      now: ctx.now(),
      actorId: ctx.user.id,
      campaignId: input.campaignId,
      reviewerId: input.reviewerId,
    }),
  ),
};
