import type { CampaignStatus, Decision } from "@attest/domain/campaigns/campaign";
import { bulkInsert } from "../bulk-insert";
import type { Queryable } from "../database";

export interface NewReviewItem {
  id: string;
  campaignId: string;
  grantId: string;
  stage: number;
  reviewerId: string;
  decision: Decision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  justification: string | null;
  exceptionExpiresOn: string | null;
  context: object;
}

export async function insertReviewItems(
  db: Queryable,
  items: readonly NewReviewItem[],
): Promise<void> {
  await bulkInsert(
    db,
    "review_items",
    [
      { name: "id", type: "uuid", value: (r) => r.id },
      { name: "campaign_id", type: "uuid", value: (r) => r.campaignId },
      { name: "grant_id", type: "uuid", value: (r) => r.grantId },
      { name: "stage", type: "smallint", value: (r) => r.stage },
      { name: "reviewer_id", type: "uuid", value: (r) => r.reviewerId },
      { name: "decision", type: "text", value: (r) => r.decision },
      { name: "decided_by", type: "uuid", value: (r) => r.decidedBy },
      { name: "decided_at", type: "timestamptz", value: (r) => r.decidedAt },
      { name: "justification", type: "text", value: (r) => r.justification },
      { name: "exception_expires_on", type: "date", value: (r) => r.exceptionExpiresOn },
      { name: "context", type: "jsonb", value: (r) => r.context },
    ],
    items,
  );
}

export interface ReviewItemRow {
  id: string;
  campaignId: string;
  reviewerId: string;
  reviewerName: string;
  decision: Decision | null;
  decidedAt: string | null;
  decidedByName: string | null;
  justification: string | null;
  exceptionExpiresOn: string | null;
  version: number;
  context: unknown;
}

const itemSelect = `
  select i.id, i.campaign_id as "campaignId", i.reviewer_id as "reviewerId",
         reviewer.display_name as "reviewerName", i.decision, i.decided_at as "decidedAt",
         decider.display_name as "decidedByName", i.justification,
         i.exception_expires_on as "exceptionExpiresOn", i.version, i.context
  from review_items i
  join users reviewer on reviewer.id = i.reviewer_id
  left join users decider on decider.id = i.decided_by`;

const itemOrder = `order by i.context #>> '{identity,displayName}', i.context #>> '{system,name}',
  i.context #>> '{entitlement,name}', i.id`;

export interface ItemPage {
  items: ReviewItemRow[];
  total: number;
}

export interface ItemFilter {
  campaignId: string;
  reviewerId?: string;
  status: "pending" | "decided" | "all";
  search?: string | undefined;
  limit: number;
  offset: number;
}

/** One page of a campaign's items, optionally one reviewer's, filtered by status and text. */
export async function listReviewItems(db: Queryable, filter: ItemFilter): Promise<ItemPage> {
  const conditions = ["i.campaign_id = $1"];
  const params: unknown[] = [filter.campaignId];
  if (filter.reviewerId) {
    params.push(filter.reviewerId);
    conditions.push(`i.reviewer_id = $${params.length}`);
  }
  if (filter.status === "pending") conditions.push("i.decision is null");
  if (filter.status === "decided") conditions.push("i.decision is not null");
  if (filter.search) {
    params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${params.length}`;
    conditions.push(
      `(i.context #>> '{identity,displayName}' ilike ${p} or i.context #>> '{system,name}' ilike ${p}
        or i.context #>> '{entitlement,name}' ilike ${p} or i.context #>> '{account,username}' ilike ${p})`,
    );
  }
  const where = `where ${conditions.join(" and ")}`;
  const [count] = await db.query<{ total: number }>(
    `select count(*)::int as total from review_items i ${where}`,
    params,
  );
  const items = await db.query<ReviewItemRow>(
    `${itemSelect} ${where} ${itemOrder} limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return { items, total: count?.total ?? 0 };
}

export interface ReviewItemForDecision {
  id: string;
  campaignId: string;
  grantId: string;
  stage: number;
  decision: Decision | null;
  decidedAt: string | null;
  reviewerId: string;
  version: number;
  subjectIdentityKey: string;
  campaignStatus: CampaignStatus;
  justificationRequired: { approve: boolean; revoke: boolean };
  /** The campaign has moved past this item's stage. */
  stageClosed: boolean;
  /** The campaign's longest exception, frozen at launch. */
  maxExceptionDays: number;
  /** The reviewer the item had before it was last moved; null if never moved. */
  routedFromId: string | null;
}

/**
 * Locks the item row for the rest of the transaction, so two decisions cannot interleave. Its
 * campaign is share-locked first, the order closing locks them (campaign, then items): a close
 * in progress is waited for and the campaign's status read after it commits, so a decision
 * never lands on a campaign closing under it.
 */
export async function lockReviewItemForDecision(
  db: Queryable,
  itemId: string,
): Promise<ReviewItemForDecision | null> {
  await db.query(
    `select c.id from review_items i join campaigns c on c.id = i.campaign_id
     where i.id = $1
     for share of c`,
    [itemId],
  );
  const rows = await db.query<ReviewItemForDecision>(
    `select i.id, i.campaign_id as "campaignId", i.grant_id as "grantId", i.stage, i.decision,
            i.decided_at as "decidedAt", i.reviewer_id as "reviewerId", i.version,
            i.context #>> '{identity,externalId}' as "subjectIdentityKey",
            c.status as "campaignStatus", c.justification_required as "justificationRequired",
            i.stage < c.current_stage as "stageClosed",
            c.max_exception_days as "maxExceptionDays", i.routed_from_id as "routedFromId"
     from review_items i
     join campaigns c on c.id = i.campaign_id
     where i.id = $1
     for update of i`,
    [itemId],
  );
  return rows[0] ?? null;
}

export interface DecisionUpdate {
  itemId: string;
  expectedVersion: number;
  decision: Decision;
  decidedBy: string;
  decidedAt: string;
  justification: string | null;
  exceptionExpiresOn: string | null;
  compensatingControl?: string | null;
  /** Diligence, for control owners: time on the item and whether its context was opened. */
  diligence?: { timeOnItemMs: number | null; contextViewed: boolean | null; viaBulk: boolean };
}

/** Records the decision when the item is still at the expected version; returns the new version or null. */
export async function updateReviewItemDecision(
  db: Queryable,
  update: DecisionUpdate,
): Promise<number | null> {
  const rows = await db.query<{ version: number }>(
    `update review_items
     set decision = $3, decided_by = $4, decided_at = $5, justification = $6,
         exception_expires_on = $7, compensating_control = $8, decision_time_ms = $9,
         context_viewed = $10, decided_in_bulk = $11, version = version + 1
     where id = $1 and version = $2
     returning version`,
    [
      update.itemId,
      update.expectedVersion,
      update.decision,
      update.decidedBy,
      update.decidedAt,
      update.justification,
      update.exceptionExpiresOn,
      update.compensatingControl ?? null,
      update.diligence?.timeOnItemMs ?? null,
      update.diligence?.contextViewed ?? null,
      update.diligence?.viaBulk ?? null,
    ],
  );
  return rows[0]?.version ?? null;
}

export async function findReviewItem(db: Queryable, itemId: string): Promise<ReviewItemRow | null> {
  const rows = await db.query<ReviewItemRow>(`${itemSelect} where i.id = $1`, [itemId]);
  return rows[0] ?? null;
}

export interface BulkDecision {
  itemIds: readonly string[];
  decision: Decision;
  decidedBy: string;
  decidedAt: string;
  justification: string | null;
}

export interface DecidedItem {
  id: string;
  campaignId: string;
  grantId: string;
  stage: number;
  version: number;
}

/** Records one decision on many items in one statement; returns the items it changed. */
export async function updateReviewItemDecisions(
  db: Queryable,
  bulk: BulkDecision,
): Promise<DecidedItem[]> {
  return db.query<DecidedItem>(
    `update review_items
     set decision = $2, decided_by = $3, decided_at = $4, justification = $5,
         exception_expires_on = null, version = version + 1
     where id = any($1::uuid[])
     returning id, campaign_id as "campaignId", grant_id as "grantId", stage, version`,
    [bulk.itemIds, bulk.decision, bulk.decidedBy, bulk.decidedAt, bulk.justification],
  );
}
