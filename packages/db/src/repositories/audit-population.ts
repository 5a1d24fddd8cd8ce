import type { Queryable } from "../database";

/** A control as an auditor chooses it: a campaign definition and how often it ran. */
export interface AuditControlRow {
  definitionId: string;
  controlId: string;
  name: string;
  recurrence: string | null;
  controlOwnerName: string;
  campaignsRun: number;
  firstLaunchedAt: string | null;
  lastLaunchedAt: string | null;
}

export async function listAuditControls(db: Queryable): Promise<AuditControlRow[]> {
  return db.query<AuditControlRow>(
    `select d.id as "definitionId", d.control_id as "controlId", d.name, d.recurrence,
            owner.display_name as "controlOwnerName",
            count(c.id) filter (where c.status <> 'cancelled')::int as "campaignsRun",
            min(c.starts_at) as "firstLaunchedAt", max(c.starts_at) as "lastLaunchedAt"
     from campaign_definitions d
     join users owner on owner.id = d.control_owner_id
     left join campaigns c on c.definition_id = d.id and c.status not in ('draft', 'scheduled')
     group by d.id, owner.display_name
     order by d.control_id collate "C", d.id`,
  );
}

export async function findAuditControl(
  db: Queryable,
  definitionId: string,
): Promise<AuditControlRow | null> {
  const rows = await listAuditControls(db);
  return rows.find((row) => row.definitionId === definitionId) ?? null;
}

/** One occurrence of a control: a campaign launched in the period, with its counts. */
export interface PopulationCampaignRow {
  campaignId: string;
  definitionId: string;
  controlId: string;
  name: string;
  status: string;
  launchedAt: string;
  closedAt: string | null;
  signedOffAt: string | null;
  signedOffByName: string | null;
  signOffStatement: string | null;
  snapshotId: string;
  snapshotImportedAt: string;
  snapshotGrants: number | null;
  items: number;
  approve: number;
  revoke: number;
  exception: number;
  undecided: number;
}

const campaignSelect = `
  select c.id as "campaignId", c.definition_id as "definitionId", d.control_id as "controlId",
         c.name, c.status, c.starts_at as "launchedAt", c.closed_at as "closedAt",
         c.signed_off_at as "signedOffAt", signer.display_name as "signedOffByName",
         c.sign_off_statement as "signOffStatement", c.snapshot_id as "snapshotId",
         s.imported_at as "snapshotImportedAt", (s.row_counts ->> 'grants')::int as "snapshotGrants",
         coalesce(counts.items, 0)::int as items, coalesce(counts.approve, 0)::int as approve,
         coalesce(counts.revoke, 0)::int as revoke, coalesce(counts.exception, 0)::int as exception,
         coalesce(counts.undecided, 0)::int as undecided
  from campaigns c
  join campaign_definitions d on d.id = c.definition_id
  join inventory_snapshots s on s.id = c.snapshot_id
  left join users signer on signer.id = c.signed_off_by
  left join lateral (
    select count(*) as items,
           count(*) filter (where i.decision = 'approve') as approve,
           count(*) filter (where i.decision = 'revoke') as revoke,
           count(*) filter (where i.decision = 'exception') as exception,
           count(*) filter (where i.decision is null) as undecided
    from review_items i where i.campaign_id = c.id
  ) counts on true`;

/**
 * The campaigns of a definition launched (started) in [from, before): the population's
 * occurrences. Drafts, scheduled and cancelled campaigns never ran, so they are not in it.
 */
export async function listPopulationCampaigns(
  db: Queryable,
  options: { definitionId: string; from: string; before: string },
): Promise<PopulationCampaignRow[]> {
  return db.query<PopulationCampaignRow>(
    `${campaignSelect}
     where c.definition_id = $1 and c.starts_at >= $2 and c.starts_at < $3
       and c.status in ('active', 'closed', 'signed_off')
     order by c.starts_at, c.id`,
    [options.definitionId, options.from, options.before],
  );
}

export async function findPopulationCampaign(
  db: Queryable,
  campaignId: string,
): Promise<PopulationCampaignRow | null> {
  const rows = await db.query<PopulationCampaignRow>(`${campaignSelect} where c.id = $1`, [
    campaignId,
  ]);
  return rows[0] ?? null;
}

/** One review item of a population, as the population CSV lists it. */
export interface PopulationItemRow {
  itemId: string;
  campaignId: string;
  campaignName: string;
  launchedAt: string;
  stage: number;
  grantId: string;
  reviewerId: string;
  reviewerName: string;
  decision: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  justification: string | null;
  exceptionExpiresOn: string | null;
  closeOutcome: string | null;
  context: unknown;
}

const itemSelect = `
  select i.id as "itemId", i.campaign_id as "campaignId", c.name as "campaignName",
         c.starts_at as "launchedAt", i.stage, i.grant_id as "grantId", i.reviewer_id as "reviewerId",
         reviewer.display_name as "reviewerName", i.decision, i.decided_at as "decidedAt",
         decider.display_name as "decidedByName", i.justification,
         to_char(i.exception_expires_on, 'YYYY-MM-DD') as "exceptionExpiresOn",
         i.close_outcome as "closeOutcome", i.context
  from review_items i
  join campaigns c on c.id = i.campaign_id
  join users reviewer on reviewer.id = i.reviewer_id
  left join users decider on decider.id = i.decided_by`;

/**
 * The review items of the given campaigns in population order (campaign launch, campaign id,
 * item id), a batch at a time, so a population of any size streams.
 */
export async function* streamPopulationItems(
  db: Queryable,
  campaignIds: readonly string[],
  batchSize = 5_000,
): AsyncGenerator<PopulationItemRow> {
  for (const campaignId of campaignIds) {
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await db.query<PopulationItemRow>(
        `${itemSelect} where i.campaign_id = $1 and i.id > $2 order by i.id limit $3`,
        [campaignId, after, batchSize],
      );
      for (const row of rows) yield row;
      if (rows.length < batchSize) break;
      after = rows.at(-1)?.itemId as string;
    }
  }
}

export async function listItemsById(
  db: Queryable,
  itemIds: readonly string[],
): Promise<PopulationItemRow[]> {
  if (itemIds.length === 0) return [];
  return db.query<PopulationItemRow>(
    `${itemSelect} where i.id = any($1::uuid[]) order by c.starts_at, i.campaign_id, i.id`,
    [itemIds],
  );
}

/**
 * A campaign's launch items (stage 1) in id order with the reviewer each had at launch, a
 * batch at a time, for re-hashing. A reassignment changes reviewer_id; the first
 * review_item.reassigned event of an item holds the reviewer it was launched with.
 */
export async function* streamLaunchItems(
  db: Queryable,
  campaignId: string,
  batchSize = 5_000,
): AsyncGenerator<{
  id: string;
  grantId: string;
  stage: number;
  reviewerId: string;
  context: unknown;
}> {
  const moved = new Map(
    (
      await db.query<{ itemId: string; fromReviewerId: string }>(
        `select distinct on (payload ->> 'itemId') payload ->> 'itemId' as "itemId",
                payload ->> 'fromReviewerId' as "fromReviewerId"
         from evidence_events
         where action = 'review_item.reassigned' and payload ->> 'campaignId' = $1::text
         order by payload ->> 'itemId', seq`,
        [campaignId],
      )
    ).map((row) => [row.itemId, row.fromReviewerId]),
  );
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.query<{
      id: string;
      grantId: string;
      stage: number;
      reviewerId: string;
      context: unknown;
    }>(
      `select id, grant_id as "grantId", stage, reviewer_id as "reviewerId", context
       from review_items where campaign_id = $1::uuid and stage = 1 and id > $2::uuid
       order by id limit $3`,
      [campaignId, after, batchSize],
    );
    for (const row of rows) yield { ...row, reviewerId: moved.get(row.id) ?? row.reviewerId };
    if (rows.length < batchSize) return;
    after = rows.at(-1)?.id as string;
  }
}

/** The campaign.launched event of each campaign: what the launch recorded of its population. */
export async function listLaunchEvents(
  db: Queryable,
  campaignIds: readonly string[],
): Promise<{ seq: number; campaignId: string; payload: unknown; payloadVersion: number }[]> {
  if (campaignIds.length === 0) return [];
  return db.query(
    `select seq, payload ->> 'campaignId' as "campaignId", payload, payload_version as "payloadVersion"
     from evidence_events
     where action = 'campaign.launched' and payload ->> 'campaignId' = any($1::text[])
     order by seq`,
    [campaignIds],
  );
}

/** The items of one grant in one campaign, stage by stage: an item's stage history. */
export async function listGrantStages(
  db: Queryable,
  options: { campaignId: string; grantId: string },
): Promise<
  {
    itemId: string;
    stage: number;
    reviewerName: string;
    routedFromName: string | null;
    routingReason: string | null;
    routingNote: string | null;
    decision: string | null;
    decidedAt: string | null;
    decidedByName: string | null;
    closeOutcome: string | null;
    createdAt: string;
  }[]
> {
  return db.query(
    `select i.id as "itemId", i.stage, reviewer.display_name as "reviewerName",
            routed.display_name as "routedFromName", i.routing_reason as "routingReason",
            i.routing_note as "routingNote", i.decision, i.decided_at as "decidedAt",
            decider.display_name as "decidedByName", i.close_outcome as "closeOutcome",
            i.created_at as "createdAt"
     from review_items i
     join users reviewer on reviewer.id = i.reviewer_id
     left join users routed on routed.id = i.routed_from_id
     left join users decider on decider.id = i.decided_by
     where i.campaign_id = $1 and i.grant_id = $2
     order by i.stage`,
    [options.campaignId, options.grantId],
  );
}
