import type { CampaignStatus, Decision } from "@attest/domain/campaigns/campaign";
import type { QueueFilters, QueueStatus } from "@attest/domain/reviews/queue-input";
import type { ReviewItemFlag } from "@attest/domain/reviews/review-item-flags";
import type { Queryable } from "../database";

/*
 * The reviewer's queue: one reviewer's items of one campaign, filtered, searched and paged in
 * SQL so a 10,000-item queue sends one page at a time. The attention flags are computed here
 * as SQL for filtering and in the domain (reviewItemFlags) for display; the two must agree,
 * which review-queue tests check item by item. The flags read the frozen context as of the
 * campaign's launch (campaigns.created_at), so they never change.
 */

const ctx = (path: string) => `(i.context #>> '{${path}}')`;
const asOf = "c.created_at";
const nonHuman = "jsonb_typeof(i.context -> 'nonHuman') = 'object'";
const lastUsed = `coalesce(${ctx("grant,lastUsedAt")}, ${ctx("account,lastLoginAt")})`;

export const reviewItemFlagSql: Record<ReviewItemFlag, string> = {
  terminated: `(${ctx("identity,status")} <> 'active' or ${ctx("identity,terminatedOn")} is not null)`,
  account_disabled: `(${ctx("account,status")} = 'disabled')`,
  // 2160 hours, not 90 days: a day interval would follow the session's daylight saving.
  unused_90_days: `(${lastUsed} is null or ${lastUsed}::timestamptz < ${asOf} - interval '2160 hours')`,
  orphaned_owner: `(${nonHuman} and ${ctx("nonHuman,ownerStatus")} <> 'active')`,
  stale_credential: `(${nonHuman} and case
      when i.context -> 'nonHuman' ? 'rotationAgeDays'
        then coalesce(${ctx("nonHuman,rotationAgeDays")}::int > 365, true)
      else ${ctx("nonHuman,lastRotatedAt")} is null
        or floor(extract(epoch from ${asOf} - ${ctx("nonHuman,lastRotatedAt")}::timestamptz) / 86400) > 365
    end)`,
  uncommon_among_peers: `(${ctx("version")} = '2' and coalesce(case
      when ${ctx("peers,department,peers")}::int >= 5
        then ${ctx("peers,department,holding")}::int * 10 < ${ctx("peers,department,peers")}::int
      when ${ctx("peers,manager,peers")}::int >= 5
        then ${ctx("peers,manager,holding")}::int * 10 < ${ctx("peers,manager,peers")}::int
    end, false))`,
};

const flaggedSql = `(${Object.values(reviewItemFlagSql).join(" or ")})`;

export interface QueueSelection {
  campaignId: string;
  reviewerId: string;
  filters: QueueFilters;
  search?: string | undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The where-conditions (without status) and their parameters of one reviewer's selection. */
function selectionConditions(selection: QueueSelection): {
  conditions: string[];
  params: unknown[];
} {
  const params: unknown[] = [selection.campaignId, selection.reviewerId];
  const conditions = ["i.campaign_id = $1", "i.reviewer_id = $2"];
  const { filters } = selection;
  const condition = (sql: string, wanted: boolean | undefined) => {
    if (wanted === true) conditions.push(sql);
    if (wanted === false) conditions.push(`not ${sql}`);
  };
  condition(`(${ctx("entitlement,privileged")} = 'true')`, filters.privileged);
  condition(nonHuman, filters.nonHuman);
  condition(reviewItemFlagSql.unused_90_days, filters.unused90);
  condition(flaggedSql, filters.flagged);
  if (filters.risk) {
    params.push(filters.risk);
    conditions.push(`${ctx("entitlement,risk")} = $${params.length}`);
  }
  if (selection.search) {
    params.push(`%${escapeLike(selection.search)}%`);
    const p = `$${params.length}`;
    conditions.push(
      `(${ctx("identity,displayName")} ilike ${p} or ${ctx("identity,externalId")} ilike ${p}
        or ${ctx("system,name")} ilike ${p} or ${ctx("entitlement,name")} ilike ${p}
        or ${ctx("account,username")} ilike ${p})`,
    );
  }
  return { conditions, params };
}

function statusCondition(status: QueueStatus): string | null {
  if (status === "pending") return "i.decision is null";
  if (status === "decided") return "i.decision is not null";
  return null;
}

/** Group first, then within the group, then the id: a total order, so offset pages tile. */
const queueOrder = {
  person: `${ctx("identity,displayName")}, ${ctx("identity,externalId")}, ${ctx("system,name")},
    ${ctx("system,key")}, ${ctx("entitlement,name")}, ${ctx("entitlement,key")}, i.id`,
  entitlement: `${ctx("system,name")}, ${ctx("system,key")}, ${ctx("entitlement,name")},
    ${ctx("entitlement,key")}, ${ctx("identity,displayName")}, ${ctx("identity,externalId")}, i.id`,
} as const;

export type QueueGrouping = keyof typeof queueOrder;

export interface QueueItemRow {
  id: string;
  campaignId: string;
  grantId: string;
  stage: number;
  reviewerId: string;
  reviewerName: string;
  decision: Decision | null;
  decidedAt: string | null;
  decidedByName: string | null;
  justification: string | null;
  exceptionExpiresOn: string | null;
  compensatingControl: string | null;
  version: number;
  context: unknown;
  campaignStatus: CampaignStatus;
  /** The campaign's launch, when the context was frozen: the flags' as-of time. */
  launchedAt: string;
  stageClosed: boolean;
  previousStageItemId: string | null;
}

export const queueItemColumns = `
  i.id, i.campaign_id as "campaignId", i.grant_id as "grantId", i.stage,
  i.reviewer_id as "reviewerId", reviewer.display_name as "reviewerName", i.decision,
  i.decided_at as "decidedAt", decider.display_name as "decidedByName", i.justification,
  i.exception_expires_on as "exceptionExpiresOn", i.compensating_control as "compensatingControl",
  i.version, i.context, c.status as "campaignStatus", c.created_at as "launchedAt",
  i.stage < c.current_stage as "stageClosed", i.previous_stage_item_id as "previousStageItemId"`;

const queueItemFrom = `
  from review_items i
  join campaigns c on c.id = i.campaign_id
  join users reviewer on reviewer.id = i.reviewer_id
  left join users decider on decider.id = i.decided_by`;

/** One page of a reviewer's queue in the grouping's order. */
export async function listQueueItems(
  db: Queryable,
  options: QueueSelection & {
    status: QueueStatus;
    groupBy: QueueGrouping;
    limit: number;
    offset: number;
  },
): Promise<QueueItemRow[]> {
  const { conditions, params } = selectionConditions(options);
  const status = statusCondition(options.status);
  if (status) conditions.push(status);
  params.push(options.limit, options.offset);
  return db.query<QueueItemRow>(
    `select ${queueItemColumns} ${queueItemFrom}
     where ${conditions.join(" and ")}
     order by ${queueOrder[options.groupBy]}
     limit $${params.length - 1} offset $${params.length}`,
    params,
  );
}

/** How many items of the selection are pending, decided, and in all. */
export async function countQueueItems(
  db: Queryable,
  selection: QueueSelection,
): Promise<{ pending: number; decided: number; all: number }> {
  const { conditions, params } = selectionConditions(selection);
  const [row] = await db.query<{ pending: number; decided: number; all: number }>(
    `select count(*) filter (where i.decision is null)::int as pending,
            count(*) filter (where i.decision is not null)::int as decided,
            count(*)::int as "all"
     from review_items i join campaigns c on c.id = i.campaign_id
     where ${conditions.join(" and ")}`,
    params,
  );
  return row ?? { pending: 0, decided: 0, all: 0 };
}

/**
 * An item the reviewer may decide (checkDecidable, as SQL): its campaign is active, its stage
 * still open, and it is not about the reviewer's own access. The reviewer is the selection's.
 */
function decidableSql(identityKeyParam: string): string {
  return `(c.status = 'active' and i.stage >= c.current_stage
    and ${ctx("identity,externalId")} is distinct from ${identityKeyParam})`;
}

/** The selection's count split by whether the reviewer may decide each item. */
export async function countDecidableItems(
  db: Queryable,
  selection: QueueSelection & { status: QueueStatus; reviewerIdentityKey: string | null },
): Promise<{ decidable: number; notDecidable: number }> {
  const { conditions, params } = selectionConditions(selection);
  const status = statusCondition(selection.status);
  if (status) conditions.push(status);
  params.push(selection.reviewerIdentityKey);
  const [row] = await db.query<{ decidable: number; notDecidable: number }>(
    `select count(*) filter (where ${decidableSql(`$${params.length}::text`)})::int as decidable,
            count(*) filter (where not ${decidableSql(`$${params.length}::text`)})::int
              as "notDecidable"
     from review_items i join campaigns c on c.id = i.campaign_id
     where ${conditions.join(" and ")}`,
    params,
  );
  return row ?? { decidable: 0, notDecidable: 0 };
}

/** The id and version of each item of the selection the reviewer may decide, in id order. */
export async function listDecidableItemVersions(
  db: Queryable,
  selection: QueueSelection & { status: QueueStatus; reviewerIdentityKey: string | null },
): Promise<{ id: string; version: number }[]> {
  const { conditions, params } = selectionConditions(selection);
  const status = statusCondition(selection.status);
  if (status) conditions.push(status);
  params.push(selection.reviewerIdentityKey);
  conditions.push(decidableSql(`$${params.length}::text`));
  return db.query<{ id: string; version: number }>(
    `select i.id, i.version
     from review_items i join campaigns c on c.id = i.campaign_id
     where ${conditions.join(" and ")}
     order by i.id`,
    params,
  );
}

/**
 * Share-locks the campaign row before any of its items are locked (closing locks the campaign,
 * then its items): a decision then either lands before a close or sees the campaign closed.
 */
export async function lockCampaignForDecision(db: Queryable, campaignId: string): Promise<boolean> {
  const rows = await db.query("select id from campaigns where id = $1 for share", [campaignId]);
  return rows.length === 1;
}

export interface ItemForBulkDecision {
  id: string;
  campaignId: string;
  grantId: string;
  stage: number;
  reviewerId: string;
  version: number;
  decision: Decision | null;
  decidedAt: string | null;
  subjectIdentityKey: string;
  campaignStatus: CampaignStatus;
  stageClosed: boolean;
}

const bulkColumns = `i.id, i.campaign_id as "campaignId", i.grant_id as "grantId", i.stage,
  i.reviewer_id as "reviewerId", i.version, i.decision, i.decided_at as "decidedAt",
  ${ctx("identity,externalId")} as "subjectIdentityKey", c.status as "campaignStatus",
  i.stage < c.current_stage as "stageClosed"`;

/** Locks the decidable items of a filter selection, in id order (the order closing uses). */
export async function lockDecidableItems(
  db: Queryable,
  selection: QueueSelection & { status: QueueStatus; reviewerIdentityKey: string | null },
): Promise<ItemForBulkDecision[]> {
  const { conditions, params } = selectionConditions(selection);
  const status = statusCondition(selection.status);
  if (status) conditions.push(status);
  params.push(selection.reviewerIdentityKey);
  conditions.push(decidableSql(`$${params.length}::text`));
  return db.query<ItemForBulkDecision>(
    `select ${bulkColumns}
     from review_items i join campaigns c on c.id = i.campaign_id
     where ${conditions.join(" and ")}
     order by i.id
     for update of i`,
    params,
  );
}

/** Locks the named items, in id order, with what deciding them needs. */
export async function lockItemsForBulkDecision(
  db: Queryable,
  itemIds: readonly string[],
): Promise<ItemForBulkDecision[]> {
  return db.query<ItemForBulkDecision>(
    `select ${bulkColumns}
     from review_items i join campaigns c on c.id = i.campaign_id
     where i.id = any($1::uuid[])
     order by i.id
     for update of i`,
    [itemIds],
  );
}

export interface BulkDecisionUpdate {
  items: readonly { id: string; version: number }[];
  decision: Decision;
  decidedBy: string;
  decidedAt: string;
  justification: string | null;
}

/**
 * Records one decision on many locked items in one statement, each only at the version it was
 * read at; returns the new versions of the items it changed.
 */
export async function updateItemsDecision(
  db: Queryable,
  update: BulkDecisionUpdate,
): Promise<{ id: string; version: number }[]> {
  return db.query<{ id: string; version: number }>(
    `update review_items i
     set decision = $3, decided_by = $4, decided_at = $5, justification = $6,
         exception_expires_on = null, compensating_control = null, decision_time_ms = null,
         decided_in_bulk = true, context_viewed = null, version = i.version + 1
     from unnest($1::uuid[], $2::int[]) as u(id, version)
     where i.id = u.id and i.version = u.version
     returning i.id, i.version`,
    [
      update.items.map((item) => item.id),
      update.items.map((item) => item.version),
      update.decision,
      update.decidedBy,
      update.decidedAt,
      update.justification,
    ],
  );
}

/** One queue item by id, whoever it is assigned to. */
export async function findQueueItem(db: Queryable, itemId: string): Promise<QueueItemRow | null> {
  const rows = await db.query<QueueItemRow>(
    `select ${queueItemColumns} ${queueItemFrom} where i.id = $1`,
    [itemId],
  );
  return rows[0] ?? null;
}

export interface StageHistoryRow {
  stage: number;
  reviewerName: string;
  decision: Decision | null;
  decidedAt: string | null;
  justification: string | null;
}

/** The earlier stages' items this item follows (previous_stage_item_id), first stage first. */
export async function listEarlierStages(db: Queryable, itemId: string): Promise<StageHistoryRow[]> {
  return db.query<StageHistoryRow>(
    `with recursive chain (id, depth) as (
       select previous_stage_item_id, 1 from review_items
       where id = $1 and previous_stage_item_id is not null
       union all
       select i.previous_stage_item_id, chain.depth + 1
       from chain join review_items i on i.id = chain.id
       where i.previous_stage_item_id is not null and chain.depth < 10
     )
     select i.stage, u.display_name as "reviewerName", i.decision, i.decided_at as "decidedAt",
            i.justification
     from chain
     join review_items i on i.id = chain.id
     join users u on u.id = i.reviewer_id
     order by i.stage, chain.depth desc`,
    [itemId],
  );
}

export interface DecisionEventRow {
  seq: number;
  actor: string;
  actorName: string | null;
  payloadVersion: number;
  payload: unknown;
}

/** Every decision.recorded event about an item, oldest first, with the actor's name. */
export async function listDecisionEvents(
  db: Queryable,
  itemId: string,
): Promise<DecisionEventRow[]> {
  return db.query<DecisionEventRow>(
    `select e.seq, e.actor, u.display_name as "actorName", e.payload_version as "payloadVersion",
            e.payload
     from evidence_events e
     left join users u on e.actor = 'user:' || u.id::text
     where e.subject_ids @> array[$1::text] and e.action = 'decision.recorded'
     order by e.seq`,
    [itemId],
  );
}

export interface ReassignCandidateRow {
  id: string;
  name: string;
  email: string;
}

/** Up to 20 active users with the reviewer role other than the caller, by name. */
export async function listReassignCandidates(
  db: Queryable,
  options: { excludeUserId: string; search?: string | undefined },
): Promise<ReassignCandidateRow[]> {
  const params: unknown[] = [options.excludeUserId];
  let searchCondition = "";
  if (options.search) {
    params.push(`%${escapeLike(options.search)}%`);
    searchCondition = `and (u.display_name ilike $2 or u.email ilike $2)`;
  }
  return db.query<ReassignCandidateRow>(
    `select u.id, u.display_name as name, u.email
     from users u
     where u.id <> $1 and u.status = 'active' ${searchCondition}
       and exists (select 1 from role_assignments r where r.user_id = u.id and r.role = 'reviewer')
     order by u.display_name, u.email, u.id
     limit 20`,
    params,
  );
}

export interface ReviewerCampaign {
  id: string;
  status: CampaignStatus;
  justificationRequired: { approve: boolean; revoke: boolean };
  maxExceptionDays: number;
}

/** A campaign in which the reviewer has items, with the rules it was launched with. */
export async function findReviewerCampaign(
  db: Queryable,
  options: { campaignId: string; reviewerId: string },
): Promise<ReviewerCampaign | null> {
  const rows = await db.query<ReviewerCampaign>(
    `select c.id, c.status, c.justification_required as "justificationRequired",
            c.max_exception_days as "maxExceptionDays"
     from campaigns c
     where c.id = $1
       and exists (select 1 from review_items i where i.campaign_id = c.id and i.reviewer_id = $2)`,
    [options.campaignId, options.reviewerId],
  );
  return rows[0] ?? null;
}

export interface ReviewerCampaignSummary {
  id: string;
  name: string;
  status: CampaignStatus;
  controlId: string;
  dueAt: string;
  currentStage: number;
  maxExceptionDays: number;
  justificationRequired: { approve: boolean; revoke: boolean };
  totalItems: number;
  pendingItems: number;
  decidedItems: number;
  /** Pending items with at least one attention flag. */
  flaggedPending: number;
}

/** The campaigns a reviewer has items in (active first, then by due date), with their counts. */
export async function listReviewerCampaignSummaries(
  db: Queryable,
  reviewerId: string,
): Promise<ReviewerCampaignSummary[]> {
  return db.query<ReviewerCampaignSummary>(
    `select c.id, c.name, c.status, d.control_id as "controlId", c.due_at as "dueAt",
            c.current_stage as "currentStage", c.max_exception_days as "maxExceptionDays",
            c.justification_required as "justificationRequired",
            count(i.id)::int as "totalItems",
            count(i.id) filter (where i.decision is null)::int as "pendingItems",
            count(i.id) filter (where i.decision is not null)::int as "decidedItems",
            count(i.id) filter (where i.decision is null and ${flaggedSql})::int
              as "flaggedPending"
     from review_items i
     join campaigns c on c.id = i.campaign_id
     join campaign_definitions d on d.id = c.definition_id
     where i.reviewer_id = $1 and c.status in ('active', 'closed', 'signed_off')
     group by c.id, d.id
     order by (c.status = 'active') desc, c.due_at asc, c.id`,
    [reviewerId],
  );
}
