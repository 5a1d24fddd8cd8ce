import { randomUUID } from "node:crypto";
import type { Database, Queryable } from "@attest/db/database";
import {
  type CampaignDefinitionRecord,
  findCampaignDefinitionRow,
  findDefinitionUsers,
  insertCampaignDefinitionRecord,
  updateCampaignDefinitionRecord,
} from "@attest/db/repositories/campaign-definitions";
import type { Role } from "@attest/domain/access/roles";
import type { CampaignDefinitionInput } from "@attest/domain/campaigns/campaign-definition";
import { AppError } from "../../app-error";
import { appendEvidence, type EvidenceActor, formatActor } from "../evidence/append-evidence";
import { resolveActorNames } from "../users/resolve-actor-names";
import {
  type CampaignDefinitionView,
  definitionSettings,
  toDefinitionView,
} from "./campaign-definition-view";
import { nextOccurrence, recurrenceProblem } from "./campaign-recurrence";

export interface SaveCampaignDefinitionOptions {
  input: CampaignDefinitionInput;
  actor: EvidenceActor;
  now: Date;
}

/** A named reviewer only means something under the named strategy; elsewhere it is dropped. */
export function normalizeDefinition(input: CampaignDefinitionInput): CampaignDefinitionInput {
  return {
    ...input,
    namedReviewerId: input.reviewerStrategy === "named" ? input.namedReviewerId : null,
    secondStage: input.secondStage && {
      reviewerStrategy: input.secondStage.reviewerStrategy,
      namedReviewerId:
        input.secondStage.reviewerStrategy === "named" ? input.secondStage.namedReviewerId : null,
    },
  };
}

/** Every user the definition names must exist, be active, and hold the role the field needs. */
export async function checkReferencedUsers(
  db: Queryable,
  input: CampaignDefinitionInput,
): Promise<void> {
  const references: { field: string; id: string; role: Role; what: string }[] = [
    {
      field: "controlOwnerId",
      id: input.controlOwnerId,
      role: "control_owner",
      what: "control owner",
    },
    {
      field: "fallbackReviewerId",
      id: input.fallbackReviewerId,
      role: "reviewer",
      what: "reviewer",
    },
  ];
  if (input.namedReviewerId)
    references.push({
      field: "namedReviewerId",
      id: input.namedReviewerId,
      role: "reviewer",
      what: "reviewer",
    });
  if (input.secondStage?.namedReviewerId)
    references.push({
      field: "secondStage.namedReviewerId",
      id: input.secondStage.namedReviewerId,
      role: "reviewer",
      what: "reviewer",
    });
  const users = await findDefinitionUsers(
    db,
    references.map((reference) => reference.id),
  );
  for (const reference of references) {
    const user = users.get(reference.id);
    const problem = !user
      ? "names no user"
      : user.status !== "active"
        ? `names ${user.displayName}, whose account is disabled`
        : !user.roles.includes(reference.role)
          ? `names ${user.displayName}, who does not have the ${reference.what} role`
          : null;
    if (problem)
      throw new AppError("invalid_input", `${reference.field} ${problem}.`, {
        field: reference.field,
      });
  }
}

async function prepareRecord(
  db: Queryable,
  id: string,
  input: CampaignDefinitionInput,
  now: Date,
): Promise<CampaignDefinitionRecord> {
  await checkReferencedUsers(db, input);
  if (input.recurrence !== null) {
    const problem = recurrenceProblem(input.recurrence, now);
    if (problem) throw new AppError("invalid_input", `${problem}.`, { field: "recurrence" });
  }
  return {
    id,
    ...input,
    nextRunAt: nextOccurrence(input.recurrence, now)?.toISOString() ?? null,
  };
}

async function readBack(db: Queryable, id: string): Promise<CampaignDefinitionView> {
  const row = await findCampaignDefinitionRow(db, id);
  if (!row) throw new Error(`campaign definition ${id} vanished after it was saved`);
  return toDefinitionView(row, await resolveActorNames(db, [row.createdBy]));
}

/** Saves a new definition and its `campaign_definition.created` event together. */
export async function createCampaignDefinition(
  db: Database,
  options: SaveCampaignDefinitionOptions,
): Promise<CampaignDefinitionView> {
  const input = normalizeDefinition(options.input);
  return db.transaction(async (tx) => {
    const record = await prepareRecord(tx, randomUUID(), input, options.now);
    await insertCampaignDefinitionRecord(tx, {
      ...record,
      createdAt: options.now.toISOString(),
      createdBy: formatActor(options.actor),
    });
    await appendEvidence(tx, {
      action: "campaign_definition.created",
      actor: options.actor,
      subjectIds: [record.id],
      payload: {
        definitionId: record.id,
        name: input.name,
        controlId: input.controlId,
        controlOwnerId: input.controlOwnerId,
        definition: definitionSettings(input),
      },
    });
    return readBack(tx, record.id);
  });
}

/**
 * Replaces a definition's settings and records them as `campaign_definition.updated`. Campaigns
 * already launched keep the settings they were launched with (their launch event has them).
 * The next run is recomputed from the clock, so a changed schedule applies from now on.
 */
export async function updateCampaignDefinition(
  db: Database,
  options: SaveCampaignDefinitionOptions & { definitionId: string },
): Promise<CampaignDefinitionView> {
  const input = normalizeDefinition(options.input);
  return db.transaction(async (tx) => {
    const existing = await findCampaignDefinitionRow(tx, options.definitionId, { lock: "update" });
    if (!existing)
      throw new AppError("not_found", "No campaign definition with that id.", {
        field: "definitionId",
      });
    if (existing.archivedAt)
      throw new AppError("precondition_failed", "This campaign definition is archived.", {
        field: "definitionId",
      });
    const record = await prepareRecord(tx, existing.id, input, options.now);
    await updateCampaignDefinitionRecord(tx, { ...record, updatedAt: options.now.toISOString() });
    await appendEvidence(tx, {
      action: "campaign_definition.updated",
      actor: options.actor,
      subjectIds: [record.id],
      payload: {
        definitionId: record.id,
        name: input.name,
        controlId: input.controlId,
        controlOwnerId: input.controlOwnerId,
        definition: definitionSettings(input),
      },
    });
    return readBack(tx, record.id);
  });
}
