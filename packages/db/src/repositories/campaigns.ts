import type {
  CampaignStatus,
  ReviewerStrategy,
  UndecidedRule,
} from "@attest/domain/campaigns/campaign";
import {
  defaultEscalation,
  defaultReminders,
  type EscalationPolicy,
  type ReminderSchedule,
} from "@attest/domain/campaigns/campaign-definition";
import type { Queryable } from "../database";
import { frozenRuleColumns, frozenRuleValues } from "./campaign-launches";

export interface NewCampaignDefinition {
  id: string;
  name: string;
  description: string | null;
  controlId: string;
  controlOwnerId: string;
  scope: Record<string, unknown>;
  reviewerStrategy: ReviewerStrategy;
  fallbackReviewerId: string;
  durationDays: number;
  undecidedRule: UndecidedRule;
  justificationRequired: { approve: boolean; revoke: boolean };
  /** The definition defaults when absent. */
  reminders?: ReminderSchedule;
  escalation?: EscalationPolicy;
  recurrence: string | null;
  /** When the scheduler next launches it; absent or null: not scheduled. */
  nextRunAt?: string | null;
  createdBy: string;
}

export async function insertCampaignDefinition(
  db: Queryable,
  definition: NewCampaignDefinition,
): Promise<void> {
  await db.query(
    `insert into campaign_definitions (id, name, description, control_id, control_owner_id, scope,
       reviewer_strategy, fallback_reviewer_id, duration_days, undecided_rule, justification_required,
       recurrence, created_by, reminders, escalation, next_run_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      definition.id,
      definition.name,
      definition.description,
      definition.controlId,
      definition.controlOwnerId,
      JSON.stringify(definition.scope),
      definition.reviewerStrategy,
      definition.fallbackReviewerId,
      definition.durationDays,
      definition.undecidedRule,
      JSON.stringify(definition.justificationRequired),
      definition.recurrence,
      definition.createdBy,
      JSON.stringify(definition.reminders ?? defaultReminders),
      JSON.stringify(definition.escalation ?? defaultEscalation),
      definition.nextRunAt ?? null,
    ],
  );
}

export interface NewCampaign {
  id: string;
  definitionId: string;
  name: string;
  status: CampaignStatus;
  snapshotId: string;
  startsAt: string;
  dueAt: string;
  closedAt: string | null;
  signedOffAt: string | null;
  signedOffBy: string | null;
  signOffStatement: string | null;
  /** "user:<id>" or "system:<job>", as a launch records it; null when not known. */
  launchedBy?: string | null;
  closedBy?: string | null;
}

export async function insertCampaign(db: Queryable, campaign: NewCampaign): Promise<void> {
  await db.query(
    `insert into campaigns (id, definition_id, name, status, snapshot_id, starts_at, due_at, closed_at,
       signed_off_at, signed_off_by, sign_off_statement, launched_by, closed_by, ${frozenRuleColumns})
     select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, ${frozenRuleValues}
     from campaign_definitions d where d.id = $2`,
    [
      campaign.id,
      campaign.definitionId,
      campaign.name,
      campaign.status,
      campaign.snapshotId,
      campaign.startsAt,
      campaign.dueAt,
      campaign.closedAt,
      campaign.signedOffAt,
      campaign.signedOffBy,
      campaign.signOffStatement,
      campaign.launchedBy ?? null,
      campaign.closedBy ?? null,
    ],
  );
}

export interface CampaignProgressRow {
  id: string;
  name: string;
  status: CampaignStatus;
  controlId: string;
  controlOwnerName: string;
  startsAt: string;
  dueAt: string;
  closedAt: string | null;
  signedOffAt: string | null;
  totalItems: number;
  decidedItems: number;
  revokedItems: number;
  exceptionItems: number;
  reviewers: number;
  reviewersWithPending: number;
}

const campaignProgressSelect = `
  select c.id, c.name, c.status, d.control_id as "controlId", owner.display_name as "controlOwnerName",
         c.starts_at as "startsAt", c.due_at as "dueAt", c.closed_at as "closedAt",
         c.signed_off_at as "signedOffAt",
         count(i.id)::int as "totalItems",
         count(i.decision)::int as "decidedItems",
         count(*) filter (where i.decision = 'revoke')::int as "revokedItems",
         count(*) filter (where i.decision = 'exception')::int as "exceptionItems",
         count(distinct i.reviewer_id)::int as reviewers,
         count(distinct i.reviewer_id) filter (where i.decision is null)::int as "reviewersWithPending"
  from campaigns c
  join campaign_definitions d on d.id = c.definition_id
  join users owner on owner.id = d.control_owner_id
  left join review_items i on i.campaign_id = c.id`;

/** Campaigns with their item counts, newest first. */
export async function listCampaignProgress(db: Queryable): Promise<CampaignProgressRow[]> {
  return db.query<CampaignProgressRow>(
    `${campaignProgressSelect} group by c.id, d.id, owner.id order by c.starts_at desc, c.id`,
  );
}

export async function findCampaignProgress(
  db: Queryable,
  campaignId: string,
): Promise<CampaignProgressRow | null> {
  const rows = await db.query<CampaignProgressRow>(
    `${campaignProgressSelect} where c.id = $1 group by c.id, d.id, owner.id`,
    [campaignId],
  );
  return rows[0] ?? null;
}

export interface ReviewerCampaignRow {
  id: string;
  name: string;
  status: CampaignStatus;
  controlId: string;
  dueAt: string;
  totalItems: number;
  pendingItems: number;
}

/** The campaigns in which a reviewer has items, with their own pending counts. */
export async function listReviewerCampaigns(
  db: Queryable,
  reviewerId: string,
): Promise<ReviewerCampaignRow[]> {
  return db.query<ReviewerCampaignRow>(
    `select c.id, c.name, c.status, d.control_id as "controlId", c.due_at as "dueAt",
            count(i.id)::int as "totalItems",
            count(i.id) filter (where i.decision is null)::int as "pendingItems"
     from review_items i
     join campaigns c on c.id = i.campaign_id
     join campaign_definitions d on d.id = c.definition_id
     where i.reviewer_id = $1 and c.status in ('active', 'closed', 'signed_off')
     group by c.id, d.id
     order by (c.status = 'active') desc, c.due_at asc, c.id`,
    [reviewerId],
  );
}
