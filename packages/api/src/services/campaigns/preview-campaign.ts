import type { Database } from "@attest/db/database";
import { findCampaignDefinitionRow } from "@attest/db/repositories/campaign-definitions";
import type { CampaignDefinitionInput } from "@attest/domain/campaigns/campaign-definition";
import { AppError } from "../../app-error";
import { requireSnapshot } from "../inventory/inventory-views";
import { parseStoredDefinition } from "./campaign-definition-view";
import { type CampaignPlanSummary, planCampaignItems, summarizePlan } from "./plan-campaign-items";
import { checkReferencedUsers, normalizeDefinition } from "./save-campaign-definition";

export interface PreviewCampaignOptions {
  /** A definition being edited (not saved yet), or the id of a saved one. */
  definition?: CampaignDefinitionInput;
  definitionId?: string;
  /** Default: the latest snapshot. */
  snapshotId?: string;
  now: Date;
}

export interface CampaignPreview extends CampaignPlanSummary {
  snapshot: { id: string; source: string; importedAt: string };
}

/** A saved definition's settings, or refuses with the field to fix. */
export async function requireDefinition(
  db: Database,
  definitionId: string,
): Promise<{ definition: CampaignDefinitionInput; archivedAt: string | null }> {
  const row = await findCampaignDefinitionRow(db, definitionId);
  if (!row)
    throw new AppError("not_found", "No campaign definition with that id.", {
      field: "definitionId",
    });
  return { definition: parseStoredDefinition(row), archivedAt: row.archivedAt };
}

/**
 * What launching would produce now, computed by the code that launches and written nowhere:
 * population size, reviewers and their load, re-routing by reason, independence flags.
 */
export async function previewCampaign(
  db: Database,
  options: PreviewCampaignOptions,
): Promise<CampaignPreview> {
  let definition: CampaignDefinitionInput;
  if (options.definition) {
    definition = normalizeDefinition(options.definition);
    await checkReferencedUsers(db, definition);
  } else if (options.definitionId) {
    definition = (await requireDefinition(db, options.definitionId)).definition;
  } else {
    throw new AppError("invalid_input", "Give a definition or a definitionId.", {
      field: "definitionId",
    });
  }
  const snapshot = await requireSnapshot(db, options.snapshotId);
  const plan = await planCampaignItems(db, {
    definition,
    snapshotId: snapshot.id,
    now: options.now,
  });
  return {
    snapshot: { id: snapshot.id, source: snapshot.source, importedAt: snapshot.importedAt },
    ...summarizePlan(plan, definition),
  };
}
