import type { ReviewerStrategy, UndecidedRule } from "@attest/domain/campaigns/campaign";
import type { Queryable } from "../database";

/** A definition's settings as stored; JSON columns are parsed by the service against their schema. */
export interface CampaignDefinitionRecord {
  id: string;
  name: string;
  description: string | null;
  controlId: string;
  controlOwnerId: string;
  scope: object;
  reviewerStrategy: ReviewerStrategy;
  namedReviewerId: string | null;
  fallbackReviewerId: string;
  secondStage: object | null;
  durationDays: number;
  reminders: object;
  escalation: object;
  undecidedRule: UndecidedRule;
  justificationRequired: object;
  maxExceptionDays: number;
  recurrence: string | null;
  nextRunAt: string | null;
}

export interface CampaignDefinitionRow
  extends Omit<
    CampaignDefinitionRecord,
    "scope" | "secondStage" | "reminders" | "escalation" | "justificationRequired"
  > {
  scope: unknown;
  secondStage: unknown;
  reminders: unknown;
  escalation: unknown;
  justificationRequired: unknown;
  controlOwnerName: string;
  namedReviewerName: string | null;
  fallbackReviewerName: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string | null;
  archivedAt: string | null;
  /** Campaigns launched from it, and when the latest was. */
  campaignCount: number;
  lastLaunchedAt: string | null;
}

const definitionSelect = `
  select d.id, d.name, d.description, d.control_id as "controlId",
         d.control_owner_id as "controlOwnerId", owner.display_name as "controlOwnerName",
         d.scope, d.reviewer_strategy as "reviewerStrategy",
         d.named_reviewer_id as "namedReviewerId", named.display_name as "namedReviewerName",
         d.fallback_reviewer_id as "fallbackReviewerId", fallback.display_name as "fallbackReviewerName",
         d.second_stage as "secondStage", d.duration_days as "durationDays", d.reminders, d.escalation,
         d.undecided_rule as "undecidedRule", d.justification_required as "justificationRequired",
         d.max_exception_days as "maxExceptionDays", d.recurrence, d.next_run_at as "nextRunAt", d.created_at as "createdAt",
         d.created_by as "createdBy", d.updated_at as "updatedAt", d.archived_at as "archivedAt",
         coalesce(launched.count, 0)::int as "campaignCount", launched.last as "lastLaunchedAt"
  from campaign_definitions d
  join users owner on owner.id = d.control_owner_id
  join users fallback on fallback.id = d.fallback_reviewer_id
  left join users named on named.id = d.named_reviewer_id
  left join lateral (
    select count(*) as count, max(c.created_at) as last from campaigns c where c.definition_id = d.id
  ) launched on true`;

/** Every definition, archived ones last, then by name. */
export async function listCampaignDefinitionRows(db: Queryable): Promise<CampaignDefinitionRow[]> {
  return db.query<CampaignDefinitionRow>(
    `${definitionSelect} order by d.archived_at is not null, lower(d.name) collate "C", d.id`,
  );
}

export async function findCampaignDefinitionRow(
  db: Queryable,
  id: string,
  /** Lock the row for the rest of the transaction: to change it, or to launch from it unchanged. */
  options: { lock?: "update" | "share" } = {},
): Promise<CampaignDefinitionRow | null> {
  // A lock cannot reach the nullable side of an outer join: lock the definition row first.
  if (options.lock)
    await db.query(`select id from campaign_definitions where id = $1 for ${options.lock}`, [id]);
  const rows = await db.query<CampaignDefinitionRow>(`${definitionSelect} where d.id = $1`, [id]);
  return rows[0] ?? null;
}

const recordParams = (record: CampaignDefinitionRecord) => [
  record.id,
  record.name,
  record.description,
  record.controlId,
  record.controlOwnerId,
  JSON.stringify(record.scope),
  record.reviewerStrategy,
  record.namedReviewerId,
  record.fallbackReviewerId,
  record.secondStage === null ? null : JSON.stringify(record.secondStage),
  record.durationDays,
  JSON.stringify(record.reminders),
  JSON.stringify(record.escalation),
  record.undecidedRule,
  JSON.stringify(record.justificationRequired),
  record.recurrence,
  record.nextRunAt,
  record.maxExceptionDays,
];

export async function insertCampaignDefinitionRecord(
  db: Queryable,
  record: CampaignDefinitionRecord & { createdAt: string; createdBy: string },
): Promise<void> {
  await db.query(
    `insert into campaign_definitions (id, name, description, control_id, control_owner_id, scope,
       reviewer_strategy, named_reviewer_id, fallback_reviewer_id, second_stage, duration_days,
       reminders, escalation, undecided_rule, justification_required, recurrence, next_run_at,
       max_exception_days, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
       $20)`,
    [...recordParams(record), record.createdAt, record.createdBy],
  );
}

export async function updateCampaignDefinitionRecord(
  db: Queryable,
  record: CampaignDefinitionRecord & { updatedAt: string },
): Promise<void> {
  await db.query(
    `update campaign_definitions
     set name = $2, description = $3, control_id = $4, control_owner_id = $5, scope = $6,
         reviewer_strategy = $7, named_reviewer_id = $8, fallback_reviewer_id = $9,
         second_stage = $10, duration_days = $11, reminders = $12, escalation = $13,
         undecided_rule = $14, justification_required = $15, recurrence = $16, next_run_at = $17,
         max_exception_days = $18, updated_at = $19
     where id = $1`,
    [...recordParams(record), record.updatedAt],
  );
}

export interface DefinitionUserRow {
  id: string;
  displayName: string;
  status: "active" | "disabled";
  roles: string[];
}

/** The users a definition refers to, with their roles, to check each reference by field. */
export async function findDefinitionUsers(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, DefinitionUserRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<DefinitionUserRow>(
    `select u.id, u.display_name as "displayName", u.status,
            coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles
     from users u left join role_assignments r on r.user_id = u.id
     where u.id = any($1::uuid[])
     group by u.id`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}
