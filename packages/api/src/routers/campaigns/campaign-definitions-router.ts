import { campaignDefinitionInput } from "@attest/domain/campaigns/campaign-definition";
import { z } from "zod";
import { launchCampaign } from "../../services/campaigns/launch-campaign";
import {
  getCampaignDefinition,
  listCampaignDefinitions,
} from "../../services/campaigns/list-campaign-definitions";
import { listDefinitionPeople } from "../../services/campaigns/list-definition-people";
import { previewCampaign } from "../../services/campaigns/preview-campaign";
import {
  createCampaignDefinition,
  updateCampaignDefinition,
} from "../../services/campaigns/save-campaign-definition";
import { oversightProcedure, procedureFor, router } from "../../trpc";

/** Control owners define and launch campaigns; administrators may too. Auditors only read. */
const definitionEditors = procedureFor("control_owner", "admin");

const definitionId = z.uuid({ error: "definitionId must be a campaign definition id" });
const snapshotId = z.uuid({ error: "snapshotId must be a snapshot id" });

export const definitionIdInput = z.strictObject({ definitionId });

export const updateDefinitionInput = z.strictObject({
  definitionId,
  definition: campaignDefinitionInput,
});

export const previewCampaignInput = z
  .strictObject({
    /** A definition being edited, not saved yet… */
    definition: campaignDefinitionInput.optional(),
    /** …or a saved one. */
    definitionId: definitionId.optional(),
    /** Default: the latest snapshot. */
    snapshotId: snapshotId.optional(),
  })
  .superRefine((value, context) => {
    if (!value.definition === !value.definitionId)
      context.addIssue({
        code: "custom",
        path: ["definitionId"],
        message: "give either a definition or a definitionId",
      });
  });

export const launchCampaignInput = z.strictObject({
  definitionId,
  /** Default: the latest snapshot. */
  snapshotId: snapshotId.optional(),
});

export const campaignDefinitionsRouter = router({
  list: oversightProcedure.query(({ ctx }) => listCampaignDefinitions(ctx.db)),
  get: oversightProcedure
    .input(definitionIdInput)
    .query(({ ctx, input }) => getCampaignDefinition(ctx.db, input.definitionId)),
  create: definitionEditors
    .input(campaignDefinitionInput)
    .mutation(({ ctx, input }) =>
      createCampaignDefinition(ctx.db, { input, actor: { user: ctx.user.id }, now: ctx.now() }),
    ),
  update: definitionEditors.input(updateDefinitionInput).mutation(({ ctx, input }) =>
    updateCampaignDefinition(ctx.db, {
      definitionId: input.definitionId,
      input: input.definition,
      actor: { user: ctx.user.id },
      now: ctx.now(),
    }),
  ),
  /** Active control owners and reviewers, for the definition editor's owner and reviewer pickers. */
  people: definitionEditors.query(({ ctx }) => listDefinitionPeople(ctx.db)),
  // A mutation only because a definition with thousands of entitlement keys does not fit in a
  // URL: it writes nothing.
  preview: definitionEditors.input(previewCampaignInput).mutation(({ ctx, input }) =>
    previewCampaign(ctx.db, {
      ...(input.definition ? { definition: input.definition } : {}),
      ...(input.definitionId ? { definitionId: input.definitionId } : {}),
      ...(input.snapshotId ? { snapshotId: input.snapshotId } : {}),
      now: ctx.now(),
    }),
  ),
});

/** `campaigns.launch`: a control owner (or administrator) launches a definition by hand. */
export const launchCampaignProcedure = definitionEditors
  .input(launchCampaignInput)
  .mutation(({ ctx, input }) =>
    launchCampaign(ctx.db, {
      definitionId: input.definitionId,
      ...(input.snapshotId ? { snapshotId: input.snapshotId } : {}),
      launchedBy: { user: ctx.user.id },
      now: ctx.now(),
    }),
  );
