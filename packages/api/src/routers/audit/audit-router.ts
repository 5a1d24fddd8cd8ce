import {
  drawSampleInput,
  grantEngagementInput,
  populationInput,
  reperformanceInput,
  revokeEngagementInput,
  sampleIdInput,
} from "@attest/domain/audit/audit-input";
import { z } from "zod";
import { listControls } from "../../services/audit/audit-controls";
import { getSample, listSamples } from "../../services/audit/audit-samples";
import { drawAuditSample } from "../../services/audit/draw-audit-sample";
import {
  describeAuditAccess,
  grantEngagement,
  listAuditors,
  listEngagements,
  revokeEngagement,
} from "../../services/audit/engagements";
import { getPopulation } from "../../services/audit/get-population";
import { listCampaignDecisions } from "../../services/audit/list-campaign-decisions";
import { reperformItem } from "../../services/audit/reperform-item";
import { adminProcedure, auditorProcedure, procedureFor, router } from "../../trpc";

export const campaignDecisionsInput = z.strictObject({
  campaignId: z.uuid({ error: "campaignId must be a campaign id" }),
  search: z.string().trim().max(200).optional(),
  limit: z.int().min(1).max(500).default(100),
  offset: z.int().min(0).default(0),
});

/** Reads of the audit workspace: auditors, and the people whose work they test. */
const auditReadProcedure = procedureFor("auditor", "control_owner", "admin");

export const auditRouter = router({
  /** Decided items of one campaign, read-only; control owners see the same record auditors do. */
  campaignDecisions: procedureFor("auditor", "control_owner")
    .input(campaignDecisionsInput)
    .query(({ ctx, input }) => listCampaignDecisions(ctx.db, { ...input, user: ctx.user })),

  /** The signed-in auditor's engagements and whether their reads are bounded by them. */
  me: auditorProcedure.query(({ ctx }) => describeAuditAccess(ctx.db, ctx.user)),

  engagements: router({
    list: procedureFor("admin", "auditor").query(({ ctx }) => listEngagements(ctx.db, ctx.user)),
    /** Whom an engagement may be granted to. */
    auditors: adminProcedure.query(({ ctx }) => listAuditors(ctx.db)),
    grant: adminProcedure
      .input(grantEngagementInput)
      .mutation(({ ctx, input }) => grantEngagement(ctx.db, { ...input, user: ctx.user })),
    revoke: adminProcedure
      .input(revokeEngagementInput)
      .mutation(({ ctx, input }) => revokeEngagement(ctx.db, { ...input, user: ctx.user })),
  }),

  /** The controls (campaign definitions) with their frequency and suggested sample size. */
  controls: auditReadProcedure.query(({ ctx }) => listControls(ctx.db)),

  /** A control's population for a period, reconciled with the ledger, with its IPE details. */
  population: auditReadProcedure
    .input(populationInput)
    .query(({ ctx, input }) => getPopulation(ctx.db, { ...input, user: ctx.user, now: ctx.now() })),

  /** The one mutation open to auditors: the draw is recorded as evidence. */
  drawSample: procedureFor("auditor", "control_owner", "admin")
    .input(drawSampleInput)
    .mutation(({ ctx, input }) => drawAuditSample(ctx.db, { ...input, user: ctx.user })),

  samples: router({
    list: auditReadProcedure.query(({ ctx }) => listSamples(ctx.db, ctx.user)),
    get: auditReadProcedure
      .input(sampleIdInput)
      .query(({ ctx, input }) => getSample(ctx.db, { ...input, user: ctx.user })),
  }),

  /** What the reviewer saw and decided, with the decision's ledger event and its proof. */
  reperformance: auditReadProcedure
    .input(reperformanceInput)
    .query(({ ctx, input }) =>
      reperformItem(ctx.db, { ...input, user: ctx.user, signer: ctx.ledger.signer }),
    ),
});
