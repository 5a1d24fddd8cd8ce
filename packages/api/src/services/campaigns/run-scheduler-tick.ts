import type { Database } from "@attest/db/database";
import {
  advanceDefinitionNextRun,
  type DueDefinition,
  findCampaignState,
  findOccurrenceCampaign,
  listCampaignsDueForStageTwo,
  listCampaignsToActivate,
  listDueDefinitions,
} from "@attest/db/repositories/campaign-schedule";
import type { Logger } from "../../context";
import type { EvidenceActor } from "../evidence/append-evidence";
import { activateCampaign } from "./activate-campaign";
import { advanceCampaignStage } from "./advance-campaign-stage";
import { nextOccurrence } from "./campaign-recurrence";

/** The scheduler's actor in the ledger and on the campaigns it launches: "system:scheduler". */
export const schedulerActor = { system: "scheduler" } as const;

/** How the scheduler launches a definition's occurrence (launchCampaign, injected). */
export type LaunchCampaign = (
  db: Database,
  options: {
    definitionId: string;
    snapshotId?: string;
    occurrenceAt?: Date | null;
    launchedBy: EvidenceActor;
    now: Date;
  },
) => Promise<unknown>;

/**
 * Extra work run on every tick after the scheduler's own, with the tick's clock (e.g. reminder
 * and escalation digests). A job must be safe to run again: a tick that fails part-way, or a
 * new leader after a crash, runs it with the same or a later time.
 */
export type SchedulerJob = (now: Date) => Promise<void>;

export interface RunSchedulerTickOptions {
  now: Date;
  launch: LaunchCampaign;
  jobs?: readonly SchedulerJob[];
  log: Logger;
  /** At most this many definitions, activations and stage openings per step and tick. */
  batchSize?: number;
}

export interface SchedulerTickReport {
  launched: { definitionId: string; occurrenceAt: string; campaignId: string | null }[];
  activated: string[];
  stageTwoOpened: string[];
  failures: { step: string; subjectId: string | null; message: string }[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A campaign that moved on since it was listed (its owner activated or cancelled it, or a
 * second instance got there first) is no failure; anything else is.
 */
async function movedOn(
  db: Database,
  campaignId: string,
  expected: { status: string; currentStage?: number },
): Promise<boolean> {
  const state = await findCampaignState(db, campaignId);
  return (
    !state ||
    state.status !== expected.status ||
    (expected.currentStage !== undefined && state.currentStage !== expected.currentStage)
  );
}

/**
 * Launches one due occurrence exactly once. The campaign's unique (definition, occurrence) key
 * is the guarantee: launching an occurrence that already has its campaign inserts nothing, and
 * the next run is moved on only from the value this caller read. So a crash between launch
 * and advance, a restart, or a second instance racing this one, never makes a second campaign.
 */
async function launchDueOccurrence(
  db: Database,
  due: DueDefinition,
  options: RunSchedulerTickOptions,
): Promise<string | null> {
  const occurrence = { definitionId: due.id, occurrenceAt: due.nextRunAt };
  // Computed first: a schedule that no longer parses stops here, before anything launches.
  const nextRunAt = nextOccurrence(due.recurrence, options.now)?.toISOString() ?? null;
  let campaign = await findOccurrenceCampaign(db, occurrence);
  if (!campaign) {
    try {
      await options.launch(db, {
        definitionId: due.id,
        occurrenceAt: new Date(due.nextRunAt),
        launchedBy: schedulerActor,
        now: options.now,
      });
    } catch (error) {
      // Lost a race to another launcher of the same occurrence: theirs is the campaign.
      if (!(await findOccurrenceCampaign(db, occurrence))) throw error;
    }
    campaign = await findOccurrenceCampaign(db, occurrence);
  }
  // Missed occurrences (the server was down) are not launched one by one: the schedule
  // resumes at its first run after now.
  await advanceDefinitionNextRun(db, {
    definitionId: due.id,
    from: due.nextRunAt,
    to: nextRunAt,
  });
  return campaign?.id ?? null;
}

/**
 * One pass of the campaign scheduler, for one instant: launches due definitions against the
 * latest snapshot, activates scheduled campaigns whose start has come, opens stage two where
 * stage one has ended, then runs the extra jobs. Each unit of work is its own transaction and
 * its own failure: one broken definition is logged and retried next tick without holding up
 * the rest. Run it on one instance at a time (the server's leader lock); run twice for the same
 * instant, it changes nothing the second time.
 */
export async function runSchedulerTick(
  db: Database,
  options: RunSchedulerTickOptions,
): Promise<SchedulerTickReport> {
  const { now, log } = options;
  const batchSize = options.batchSize ?? 100;
  const report: SchedulerTickReport = {
    launched: [],
    activated: [],
    stageTwoOpened: [],
    failures: [],
  };
  const fail = (step: string, subjectId: string | null, error: unknown) => {
    report.failures.push({ step, subjectId, message: messageOf(error) });
    log.error({ err: error, step, subjectId }, `campaign scheduler: ${step} failed`);
  };

  for (const due of await listDueDefinitions(db, { now: now.toISOString(), limit: batchSize })) {
    try {
      const campaignId = await launchDueOccurrence(db, due, options);
      report.launched.push({ definitionId: due.id, occurrenceAt: due.nextRunAt, campaignId });
      log.info(
        { definitionId: due.id, occurrenceAt: due.nextRunAt, campaignId },
        "campaign scheduler: launched a scheduled occurrence",
      );
    } catch (error) {
      fail("launch", due.id, error);
    }
  }

  for (const { id } of await listCampaignsToActivate(db, {
    now: now.toISOString(),
    limit: batchSize,
  })) {
    try {
      await activateCampaign(db, { campaignId: id, actor: schedulerActor, now });
      report.activated.push(id);
    } catch (error) {
      if (!(await movedOn(db, id, { status: "scheduled" }))) fail("activate", id, error);
    }
  }

  for (const { id } of await listCampaignsDueForStageTwo(db, {
    now: now.toISOString(),
    limit: batchSize,
  })) {
    try {
      await advanceCampaignStage(db, { campaignId: id, actor: schedulerActor, now });
      report.stageTwoOpened.push(id);
    } catch (error) {
      if (!(await movedOn(db, id, { status: "active", currentStage: 1 }))) {
        fail("open stage two", id, error);
      }
    }
  }

  for (const job of options.jobs ?? []) {
    try {
      await job(now);
    } catch (error) {
      fail(`job ${job.name || "(anonymous)"}`, null, error);
    }
  }
  return report;
}
