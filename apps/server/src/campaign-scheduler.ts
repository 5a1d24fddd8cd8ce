import {
  type LaunchCampaign,
  runSchedulerTick,
  type SchedulerJob,
  type SchedulerTickReport,
} from "@attest/api/services/campaigns/run-scheduler-tick";
import type { Database } from "@attest/db/database";
import type { LeaderLock } from "@attest/db/leader-lock";
import type { FastifyBaseLogger } from "fastify";

export interface CampaignSchedulerOptions {
  db: Database;
  /** Which instance runs the ticks: an advisory lock on PostgreSQL, always this one on PGlite. */
  leader: LeaderLock;
  launch: LaunchCampaign;
  /** Extra work for every tick, e.g. reminder and escalation digests. */
  jobs?: readonly SchedulerJob[];
  /** The scheduler's clock; tests control it. */
  now?: () => Date;
  everyMs?: number;
  log: FastifyBaseLogger;
}

export interface CampaignScheduler {
  /** One tick now, if this instance leads: its report, or null when another instance leads. */
  tick(): Promise<SchedulerTickReport | null>;
  /** Ticks now and then every `everyMs`. */
  start(): void;
  /** Stops ticking, waits for a tick in progress, and gives leadership up. */
  stop(): Promise<void>;
}

/**
 * The campaign scheduler of one server instance: a timer and leadership. The work itself is
 * runSchedulerTick (packages/api), which is safe to repeat; leadership keeps several instances
 * on one database from doing it side by side. A tick asked for while one runs joins it rather than starting a second.
 */
export function createCampaignScheduler(options: CampaignSchedulerOptions): CampaignScheduler {
  const { db, leader, launch, log } = options;
  const now = options.now ?? (() => new Date());
  const everyMs = options.everyMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SchedulerTickReport | null> | undefined;
  let leading: boolean | undefined;

  const runOnce = async (): Promise<SchedulerTickReport | null> => {
    const leads = await leader.lead();
    if (leads !== leading) {
      leading = leads;
      log.info(
        { leading },
        leads ? "campaign scheduler: leading" : "campaign scheduler: standing by",
      );
    }
    if (!leads) return null;
    return runSchedulerTick(db, { now: now(), launch, jobs: options.jobs, log });
  };

  const tick = () => {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    tick,
    start() {
      if (timer) return;
      const safeTick = () =>
        void tick().catch((error: unknown) =>
          log.warn({ err: error }, "campaign scheduler tick failed; will retry"),
        );
      timer = setInterval(safeTick, everyMs);
      timer.unref();
      safeTick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
      await leader.release();
      leading = undefined;
    },
  };
}
