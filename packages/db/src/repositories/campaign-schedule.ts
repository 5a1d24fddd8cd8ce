import type { Queryable } from "../database";

export interface DueDefinition {
  id: string;
  /** The scheduled occurrence to launch: the campaign is launched for exactly this instant. */
  nextRunAt: string;
  recurrence: string | null;
}

/** Definitions whose next scheduled run has come, oldest first. */
export async function listDueDefinitions(
  db: Queryable,
  options: { now: string; limit: number },
): Promise<DueDefinition[]> {
  return db.query<DueDefinition>(
    `select id, next_run_at as "nextRunAt", recurrence
     from campaign_definitions
     where next_run_at <= $1 and archived_at is null
     order by next_run_at, id
     limit $2`,
    [options.now, options.limit],
  );
}

/**
 * Moves a definition's next run on, only if it still is the run this caller launched: when
 * two callers race, one moves it and the other changes nothing.
 */
export async function advanceDefinitionNextRun(
  db: Queryable,
  update: { definitionId: string; from: string; to: string | null },
): Promise<boolean> {
  const rows = await db.query(
    `update campaign_definitions set next_run_at = $3
     where id = $1 and next_run_at = $2 returning id`,
    [update.definitionId, update.from, update.to],
  );
  return rows.length === 1;
}

/** The campaign launched for a definition's scheduled occurrence, if there is one. */
export async function findOccurrenceCampaign(
  db: Queryable,
  occurrence: { definitionId: string; occurrenceAt: string },
): Promise<{ id: string } | null> {
  const rows = await db.query<{ id: string }>(
    "select id from campaigns where definition_id = $1 and occurrence_at = $2",
    [occurrence.definitionId, occurrence.occurrenceAt],
  );
  return rows[0] ?? null;
}

/** Scheduled campaigns whose start has come. */
export async function listCampaignsToActivate(
  db: Queryable,
  options: { now: string; limit: number },
): Promise<{ id: string }[]> {
  return db.query<{ id: string }>(
    `select id from campaigns where status = 'scheduled' and starts_at <= $1
     order by starts_at, id limit $2`,
    [options.now, options.limit],
  );
}

/**
 * Active campaigns with a second stage whose stage one has ended: halfway between start and
 * due (the same midpoint as stageOneEndsAt in @attest/domain/campaigns/campaign-stages).
 */
export async function listCampaignsDueForStageTwo(
  db: Queryable,
  options: { now: string; limit: number },
): Promise<{ id: string }[]> {
  return db.query<{ id: string }>(
    `select c.id
     from campaigns c
     join campaign_definitions d on d.id = c.definition_id
     where c.status = 'active' and c.current_stage = 1 and jsonb_typeof(c.second_stage) = 'object'
       and c.starts_at + (c.due_at - c.starts_at) / 2 <= $1
     order by c.starts_at, c.id
     limit $2`,
    [options.now, options.limit],
  );
}

/** Where a campaign stands now: lets the scheduler tell "someone got there first" from a failure. */
export async function findCampaignState(
  db: Queryable,
  campaignId: string,
): Promise<{ status: string; currentStage: number } | null> {
  const rows = await db.query<{ status: string; currentStage: number }>(
    `select status, current_stage as "currentStage" from campaigns where id = $1`,
    [campaignId],
  );
  return rows[0] ?? null;
}
