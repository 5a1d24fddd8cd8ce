import type { Database } from "@attest/db/database";
import {
  findCampaignDefinitionRow,
  listCampaignDefinitionRows,
} from "@attest/db/repositories/campaign-definitions";
import { AppError } from "../../app-error";
import { resolveActorNames } from "../users/resolve-actor-names";
import { type CampaignDefinitionView, toDefinitionView } from "./campaign-definition-view";

export async function listCampaignDefinitions(db: Database): Promise<CampaignDefinitionView[]> {
  const rows = await listCampaignDefinitionRows(db);
  const names = await resolveActorNames(
    db,
    rows.map((row) => row.createdBy),
  );
  return rows.map((row) => toDefinitionView(row, names));
}

export async function getCampaignDefinition(
  db: Database,
  definitionId: string,
): Promise<CampaignDefinitionView> {
  const row = await findCampaignDefinitionRow(db, definitionId);
  if (!row)
    throw new AppError("not_found", "No campaign definition with that id.", {
      field: "definitionId",
    });
  return toDefinitionView(row, await resolveActorNames(db, [row.createdBy]));
}
