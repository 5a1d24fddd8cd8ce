import type { CampaignStatus, Decision, UndecidedRule } from "@attest/domain/campaigns/campaign";
import type { CloseOutcome } from "@attest/domain/campaigns/campaign-definition";
import type { Queryable } from "../database";

export interface CampaignForTransition {
  id: string;
  name: string;
  status: CampaignStatus;
  definitionId: string;
  controlOwnerId: string;
  undecidedRule: UndecidedRule;
  /** The definition's second stage, or null when the campaign has one stage. */
  secondStage: { reviewerStrategy: string; namedReviewerId: string | null } | null;
  currentStage: number;
  startsAt: string;
  dueAt: string;
}

/** Locks the campaign row for the rest of the transaction: transitions of one campaign queue up. */
export async function lockCampaignForTransition(
  db: Queryable,
  campaignId: string,
): Promise<CampaignForTransition | null> {
  const rows = await db.query<CampaignForTransition>(
    `select c.id, c.name, c.status, c.definition_id as "definitionId",
            d.control_owner_id as "controlOwnerId", c.undecided_rule as "undecidedRule",
            c.second_stage as "secondStage", c.current_stage as "currentStage",
            c.starts_at as "startsAt", c.due_at as "dueAt"
     from campaigns c
     join campaign_definitions d on d.id = c.definition_id
     where c.id = $1
     for update of c`,
    [campaignId],
  );
  return rows[0] ?? null;
}

// Every status update names the status it expects, so a transition decided on a stale read
// changes nothing (and the service's row lock makes that a bug, not a race).

export async function markCampaignActive(
  db: Queryable,
  update: { campaignId: string; startsAt: string },
): Promise<boolean> {
  const rows = await db.query(
    `update campaigns set status = 'active', starts_at = least(starts_at, $2::timestamptz)
     where id = $1 and status = 'scheduled' returning id`,
    [update.campaignId, update.startsAt],
  );
  return rows.length === 1;
}

export async function markCampaignClosed(
  db: Queryable,
  update: { campaignId: string; closedAt: string; closedBy: string },
): Promise<boolean> {
  const rows = await db.query(
    `update campaigns set status = 'closed', closed_at = $2, closed_by = $3
     where id = $1 and status = 'active' returning id`,
    [update.campaignId, update.closedAt, update.closedBy],
  );
  return rows.length === 1;
}

export async function markCampaignCancelled(
  db: Queryable,
  update: { campaignId: string; from: CampaignStatus; cancelledAt: string; cancelledBy: string },
): Promise<boolean> {
  const rows = await db.query(
    `update campaigns set status = 'cancelled', cancelled_at = $3, cancelled_by = $4
     where id = $1 and status = $2 returning id`,
    [update.campaignId, update.from, update.cancelledAt, update.cancelledBy],
  );
  return rows.length === 1;
}

export async function markCampaignSignedOff(
  db: Queryable,
  update: { campaignId: string; signedOffAt: string; signedOffBy: string; statement: string },
): Promise<boolean> {
  const rows = await db.query(
    `update campaigns set status = 'signed_off', signed_off_at = $2, signed_off_by = $3,
       sign_off_statement = $4
     where id = $1 and status = 'closed' returning id`,
    [update.campaignId, update.signedOffAt, update.signedOffBy, update.statement],
  );
  return rows.length === 1;
}

export async function markCampaignStageAdvanced(
  db: Queryable,
  update: { campaignId: string; advancedAt: string },
): Promise<boolean> {
  const rows = await db.query(
    `update campaigns set current_stage = 2, stage_advanced_at = $2
     where id = $1 and current_stage = 1 returning id`,
    [update.campaignId, update.advancedAt],
  );
  return rows.length === 1;
}

/**
 * An item still under review: no decision, no close outcome, and not passed on to a later
 * stage (a stage-one item that opened a stage-two item is answered by that item).
 */
const openItem = `i.decision is null and i.close_outcome is null
  and not exists (select 1 from review_items next where next.previous_stage_item_id = i.id)`;

/** Applies the undecided rule to every item still under review; returns their ids. */
export async function closeUndecidedItems(
  db: Queryable,
  close: { campaignId: string; outcome: CloseOutcome },
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `update review_items i set close_outcome = $2, version = i.version + 1
     where i.campaign_id = $1 and ${openItem}
     returning i.id`,
    [close.campaignId, close.outcome],
  );
  return rows.map((row) => row.id);
}

export interface SignOffBlockers {
  undecidedItems: number;
  itemsAwaitingNextStage: number;
}

/** What would leave a campaign's review incomplete: undecided items, stage-two reviews never opened. */
export async function countSignOffBlockers(
  db: Queryable,
  campaign: { campaignId: string; hasSecondStage: boolean },
): Promise<SignOffBlockers> {
  const [row] = await db.query<SignOffBlockers>(
    `select count(*) filter (where ${openItem})::int as "undecidedItems",
            count(*) filter (
              where $2 and i.stage = 1 and i.decision in ('approve', 'exception')
                and not exists (select 1 from review_items next where next.previous_stage_item_id = i.id)
            )::int as "itemsAwaitingNextStage"
     from review_items i
     where i.campaign_id = $1`,
    [campaign.campaignId, campaign.hasSecondStage],
  );
  return row ?? { undecidedItems: 0, itemsAwaitingNextStage: 0 };
}

/** The campaigns the given items belong to, in id order (the order their rows are locked in). */
export async function listCampaignIdsOfItems(
  db: Queryable,
  itemIds: readonly string[],
): Promise<string[]> {
  const rows = await db.query<{ campaignId: string }>(
    `select distinct campaign_id as "campaignId" from review_items
     where id = any($1::uuid[]) order by campaign_id`,
    [itemIds],
  );
  return rows.map((row) => row.campaignId);
}

export interface StageOneItem {
  id: string;
  grantId: string;
  reviewerId: string;
  decision: Decision | null;
  context: unknown;
}

/** Stage-one items that go on to stage two: not revoked, not closed, not yet passed on. */
export async function listStageOneItemsToContinue(
  db: Queryable,
  campaignId: string,
): Promise<StageOneItem[]> {
  return db.query<StageOneItem>(
    `select i.id, i.grant_id as "grantId", i.reviewer_id as "reviewerId", i.decision, i.context
     from review_items i
     where i.campaign_id = $1 and i.stage = 1 and i.decision is distinct from 'revoke'
       and i.close_outcome is null
       and not exists (select 1 from review_items next where next.previous_stage_item_id = i.id)
     order by i.id`,
    [campaignId],
  );
}
