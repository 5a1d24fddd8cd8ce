import type { CampaignStatus } from "@attest/domain/campaigns/campaign";
import type { RoutingReason } from "@attest/domain/campaigns/campaign-definition";
import { bulkInsertStream } from "../bulk-insert";
import type { Queryable } from "../database";

export interface NewLaunchedCampaign {
  id: string;
  definitionId: string;
  name: string;
  status: Extract<CampaignStatus, "scheduled" | "active">;
  snapshotId: string;
  startsAt: string;
  dueAt: string;
  /** "user:<id>" or "system:<job>". */
  launchedBy: string;
  occurrenceAt: string | null;
  createdAt: string;
}

/**
 * The rules a campaign keeps from its definition as it was at launch (migration 0011): what
 * closing, stage two, reminders and decisions apply, whatever the definition says later.
 */
export const frozenRuleColumns =
  "undecided_rule, second_stage, reminders, escalation, justification_required, max_exception_days";
export const frozenRuleValues =
  "d.undecided_rule, d.second_stage, d.reminders, d.escalation, d.justification_required, d.max_exception_days";

/**
 * Inserts the campaign unless its definition's occurrence already has one. The unique key
 * (definition_id, occurrence_at) decides: a concurrent launch of the same occurrence waits for
 * the first to commit and then inserts nothing. Returns false when nothing was inserted.
 */
export async function insertLaunchedCampaign(
  db: Queryable,
  campaign: NewLaunchedCampaign,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `insert into campaigns (id, definition_id, name, status, snapshot_id, starts_at, due_at,
       launched_by, occurrence_at, created_at, ${frozenRuleColumns})
     select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${frozenRuleValues}
     from campaign_definitions d where d.id = $2
     on conflict (definition_id, occurrence_at) do nothing
     returning id`,
    [
      campaign.id,
      campaign.definitionId,
      campaign.name,
      campaign.status,
      campaign.snapshotId,
      campaign.startsAt,
      campaign.dueAt,
      campaign.launchedBy,
      campaign.occurrenceAt,
      campaign.createdAt,
    ],
  );
  return rows.length > 0;
}

export interface LaunchedCampaignRow {
  id: string;
  definitionId: string;
  name: string;
  status: CampaignStatus;
  snapshotId: string;
  startsAt: string;
  dueAt: string;
  launchedBy: string | null;
  occurrenceAt: string | null;
  itemCount: number;
}

const launchedSelect = `
  select c.id, c.definition_id as "definitionId", c.name, c.status, c.snapshot_id as "snapshotId",
         c.starts_at as "startsAt", c.due_at as "dueAt", c.launched_by as "launchedBy",
         c.occurrence_at as "occurrenceAt",
         (select count(*)::int from review_items i where i.campaign_id = c.id) as "itemCount"
  from campaigns c`;

export async function findCampaignByOccurrence(
  db: Queryable,
  definitionId: string,
  occurrenceAt: string,
): Promise<LaunchedCampaignRow | null> {
  const rows = await db.query<LaunchedCampaignRow>(
    `${launchedSelect} where c.definition_id = $1 and c.occurrence_at = $2`,
    [definitionId, occurrenceAt],
  );
  return rows[0] ?? null;
}

export async function findLaunchedCampaign(
  db: Queryable,
  campaignId: string,
): Promise<LaunchedCampaignRow | null> {
  const rows = await db.query<LaunchedCampaignRow>(`${launchedSelect} where c.id = $1`, [
    campaignId,
  ]);
  return rows[0] ?? null;
}

/** A generated review item: its reviewer, why it went to them, and its frozen context. */
export interface GeneratedReviewItem {
  id: string;
  campaignId: string;
  grantId: string;
  stage: number;
  reviewerId: string;
  routedFromId: string | null;
  routingReason: RoutingReason | null;
  routingNote: string | null;
  reviewerHoldsPrivileged: boolean;
  previousStageItemId: string | null;
  /** The frozen context, or its JSON text when the caller has serialised it already. */
  context: object | string;
  createdAt: string;
}

/**
 * COPY of items as they are taken from `items` (an array, or a generator that does something
 * with each one on the way): a 100,000-item campaign is written in seconds. Returns the count.
 */
export async function insertGeneratedReviewItems(
  db: Queryable,
  items: Iterable<GeneratedReviewItem>,
): Promise<number> {
  return bulkInsertStream(
    db,
    "review_items",
    [
      { name: "id", type: "uuid", value: (r) => r.id },
      { name: "campaign_id", type: "uuid", value: (r) => r.campaignId },
      { name: "grant_id", type: "uuid", value: (r) => r.grantId },
      { name: "stage", type: "smallint", value: (r) => r.stage },
      { name: "reviewer_id", type: "uuid", value: (r) => r.reviewerId },
      { name: "routed_from_id", type: "uuid", value: (r) => r.routedFromId },
      { name: "routing_reason", type: "text", value: (r) => r.routingReason },
      { name: "routing_note", type: "text", value: (r) => r.routingNote },
      {
        name: "reviewer_holds_privileged",
        type: "boolean",
        value: (r) => r.reviewerHoldsPrivileged,
      },
      { name: "previous_stage_item_id", type: "uuid", value: (r) => r.previousStageItemId },
      { name: "context", type: "jsonb", value: (r) => r.context },
      { name: "created_at", type: "timestamptz", value: (r) => r.createdAt },
    ],
    items,
  );
}

/** A first-stage item a second stage follows, with what routing it again needs. */
export interface StageOneItemRow {
  id: string;
  campaignId: string;
  grantId: string;
  stage: number;
  decision: string | null;
  context: unknown;
  snapshotId: string;
  campaignName: string;
  /** The campaign's second stage as launched (migration 0011), and its definition's fallback. */
  secondStage: unknown;
  fallbackReviewerId: string;
  /** Set when the item already has a second-stage item. */
  stageTwoItemId: string | null;
}

export async function findStageOneItems(
  db: Queryable,
  itemIds: readonly string[],
): Promise<StageOneItemRow[]> {
  if (itemIds.length === 0) return [];
  return db.query<StageOneItemRow>(
    `select i.id, i.campaign_id as "campaignId", i.grant_id as "grantId", i.stage, i.decision,
            i.context, c.snapshot_id as "snapshotId", c.name as "campaignName",
            c.second_stage as "secondStage", d.fallback_reviewer_id as "fallbackReviewerId",
            next.id as "stageTwoItemId"
     from review_items i
     join campaigns c on c.id = i.campaign_id
     join campaign_definitions d on d.id = c.definition_id
     left join review_items next
       on next.campaign_id = i.campaign_id and next.grant_id = i.grant_id and next.stage = i.stage + 1
     where i.id = any($1::uuid[])`,
    [itemIds],
  );
}
