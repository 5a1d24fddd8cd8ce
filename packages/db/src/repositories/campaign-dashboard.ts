import type { CampaignStatus, UndecidedRule } from "@attest/domain/campaigns/campaign";
import type { Queryable } from "../database";

/*
 * The control owner's dashboard, read from review_items of one campaign. Each count reads one
 * campaign's range of one narrow index (0009_campaign_dashboard.sql), never the wide rows:
 * review_items_campaign_reviewer_idx for reviewers, review_items_campaign_system_idx for
 * systems, review_items_campaign_idx for the decision mix and completion per day
 * (bench/README.md, campaign-dashboard).
 */

export interface DashboardCampaignRow {
  id: string;
  name: string;
  status: CampaignStatus;
  controlId: string;
  controlOwnerId: string;
  controlOwnerName: string;
  startsAt: string;
  dueAt: string;
  closedAt: string | null;
  signedOffAt: string | null;
  /** The rule closing applies to undecided items, as frozen at launch. */
  undecidedRule: UndecidedRule;
  currentStage: 1 | 2;
  hasSecondStage: boolean;
  /** When stage two opened (by its time or by hand); null while in stage one. */
  stageAdvancedAt: string | null;
  snapshotId: string;
  snapshotSource: string;
  snapshotImportedAt: string;
  /** "user:<id>" or "system:<job>"; null for campaigns written before launches recorded it. */
  launchedBy: string | null;
  closedBy: string | null;
  signedOffById: string | null;
  signOffStatement: string | null;
}

/** The campaign, its frozen rules, snapshot and who moved it along: one row by primary keys. */
export async function findDashboardCampaign(
  db: Queryable,
  campaignId: string,
): Promise<DashboardCampaignRow | null> {
  const rows = await db.query<DashboardCampaignRow>(
    `select c.id, c.name, c.status, d.control_id as "controlId",
            d.control_owner_id as "controlOwnerId", owner.display_name as "controlOwnerName",
            c.starts_at as "startsAt", c.due_at as "dueAt", c.closed_at as "closedAt",
            c.signed_off_at as "signedOffAt", c.undecided_rule as "undecidedRule",
            c.current_stage as "currentStage",
            coalesce(jsonb_typeof(c.second_stage) = 'object', false) as "hasSecondStage",
            c.stage_advanced_at as "stageAdvancedAt", s.id as "snapshotId",
            s.source as "snapshotSource", s.imported_at as "snapshotImportedAt",
            c.launched_by as "launchedBy", c.closed_by as "closedBy",
            c.signed_off_by as "signedOffById", c.sign_off_statement as "signOffStatement"
     from campaigns c
     join campaign_definitions d on d.id = c.definition_id
     join users owner on owner.id = d.control_owner_id
     join inventory_snapshots s on s.id = c.snapshot_id
     where c.id = $1`,
    [campaignId],
  );
  return rows[0] ?? null;
}

export interface ReviewerCountsRow {
  reviewerId: string;
  name: string;
  email: string;
  total: number;
  decided: number;
  independenceFlags: number;
}

/** Items per reviewer: total, decided, and how many flag the reviewer's own privileged access. */
export async function countItemsByReviewer(
  db: Queryable,
  campaignId: string,
): Promise<ReviewerCountsRow[]> {
  return db.query<ReviewerCountsRow>(
    `with counts as (
       select reviewer_id, count(*)::int as total, count(decision)::int as decided,
              count(*) filter (where reviewer_holds_privileged)::int as flags
       from review_items
       where campaign_id = $1
       group by reviewer_id
     )
     select u.id as "reviewerId", u.display_name as name, u.email, c.total, c.decided,
            c.flags as "independenceFlags"
     from counts c
     join users u on u.id = c.reviewer_id
     order by u.display_name, u.id`,
    [campaignId],
  );
}

export interface SystemCountsRow {
  key: string;
  name: string;
  total: number;
  decided: number;
}

/** Items per system under review (as frozen in each item's context), named from the snapshot. */
export async function countItemsBySystem(
  db: Queryable,
  campaignId: string,
): Promise<SystemCountsRow[]> {
  return db.query<SystemCountsRow>(
    `with counts as (
       select system_key, count(*)::int as total, count(decision)::int as decided
       from review_items
       where campaign_id = $1
       group by system_key
     )
     select coalesce(counts.system_key, '') as key,
            coalesce(s.name, counts.system_key, '(no system)') as name, counts.total, counts.decided
     from counts
     left join campaigns c on c.id = $1
     left join systems s on s.snapshot_id = c.snapshot_id and s.key = counts.system_key
     order by 2, 1`,
    [campaignId],
  );
}

export interface OutcomeCountsRow {
  decision: string | null;
  closeOutcome: string | null;
  routingReason: string | null;
  count: number;
}

/** Items by decision, close outcome and routing reason together: one pass for the mix. */
export async function countItemsByOutcome(
  db: Queryable,
  campaignId: string,
): Promise<OutcomeCountsRow[]> {
  return db.query<OutcomeCountsRow>(
    `select decision, close_outcome as "closeOutcome", routing_reason as "routingReason",
            count(*)::int as count
     from review_items
     where campaign_id = $1
     group by 1, 2, 3`,
    [campaignId],
  );
}

export interface DecidedPerDayRow {
  /** YYYY-MM-DD, UTC. */
  day: string;
  decided: number;
}

/** Decisions per UTC day. */
export async function countDecisionsPerDay(
  db: Queryable,
  campaignId: string,
): Promise<DecidedPerDayRow[]> {
  // Grouped on the date first, formatted after: to_char on every row costs more than the scan.
  return db.query<DecidedPerDayRow>(
    `select to_char(day, 'YYYY-MM-DD') as day, decided
     from (
       select (decided_at at time zone 'UTC')::date as day, count(*)::int as decided
       from review_items
       where campaign_id = $1 and decision is not null
       group by 1
     ) per_day
     order by per_day.day`,
    [campaignId],
  );
}

export interface ReviewerNotificationRow {
  reviewerId: string;
  /** The last reminder or overdue digest sent to them whose delivery has not failed. */
  lastRemindedAt: string | null;
  /** The last escalation about them. */
  lastEscalatedAt: string | null;
}

/** When each reviewer was last reminded, and last escalated about. */
export async function findReviewerNotificationTimes(
  db: Queryable,
  campaignId: string,
): Promise<ReviewerNotificationRow[]> {
  return db.query<ReviewerNotificationRow>(
    `select coalesce(about_reviewer_id, recipient_id) as "reviewerId",
            max(sent_at) filter (where kind in ('reminder', 'overdue') and delivery_error is null)
              as "lastRemindedAt",
            max(sent_at) filter (where kind = 'escalation') as "lastEscalatedAt"
     from notifications
     where campaign_id = $1
     group by 1`,
    [campaignId],
  );
}
