import type { CampaignDefinitionRow } from "@attest/db/repositories/campaign-definitions";
import {
  type CampaignDefinitionInput,
  campaignDefinitionInput,
} from "@attest/domain/campaigns/campaign-definition";

export interface CampaignDefinitionView extends CampaignDefinitionInput {
  id: string;
  controlOwnerName: string;
  namedReviewerName: string | null;
  fallbackReviewerName: string;
  /** When the scheduler next launches it; null when it has no recurrence. */
  nextRunAt: string | null;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  updatedAt: string | null;
  archivedAt: string | null;
  campaignCount: number;
  lastLaunchedAt: string | null;
}

/**
 * A stored definition read back as the input schema it was saved with: a row that no longer
 * parses is an error, never silently launched.
 */
export function parseStoredDefinition(row: CampaignDefinitionRow): CampaignDefinitionInput {
  const parsed = campaignDefinitionInput.safeParse({
    name: row.name,
    description: row.description,
    controlId: row.controlId,
    controlOwnerId: row.controlOwnerId,
    scope: row.scope,
    reviewerStrategy: row.reviewerStrategy,
    namedReviewerId: row.namedReviewerId,
    fallbackReviewerId: row.fallbackReviewerId,
    secondStage: row.secondStage,
    durationDays: row.durationDays,
    reminders: row.reminders,
    escalation: row.escalation,
    undecidedRule: row.undecidedRule,
    justificationRequired: row.justificationRequired,
    maxExceptionDays: row.maxExceptionDays,
    recurrence: row.recurrence,
  });
  if (!parsed.success) {
    throw new Error(
      `Campaign definition ${row.id} does not match its schema: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

export function toDefinitionView(
  row: CampaignDefinitionRow,
  actorNames: ReadonlyMap<string, string>,
): CampaignDefinitionView {
  return {
    id: row.id,
    ...parseStoredDefinition(row),
    controlOwnerName: row.controlOwnerName,
    namedReviewerName: row.namedReviewerName,
    fallbackReviewerName: row.fallbackReviewerName,
    nextRunAt: row.nextRunAt,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    createdByName: actorNames.get(row.createdBy) ?? row.createdBy,
    updatedAt: row.updatedAt,
    archivedAt: row.archivedAt,
    campaignCount: row.campaignCount,
    lastLaunchedAt: row.lastLaunchedAt,
  };
}

/**
 * The settings recorded in evidence (definition created or updated, campaign launched): the
 * definition exactly as validated, as plain JSON.
 */
export function definitionSettings(definition: CampaignDefinitionInput): Record<string, unknown> {
  return JSON.parse(JSON.stringify(definition)) as Record<string, unknown>;
}
