import type { Context } from "@attest/api/context";
import { createCheckpoint } from "@attest/api/services/evidence/create-checkpoint";
import type { Database } from "@attest/db/database";
import { findLatestCheckpoint } from "@attest/db/repositories/evidence-checkpoints";
import { readEvidenceHead } from "@attest/db/repositories/evidence-events";
import type { FastifyBaseLogger } from "fastify";

export interface CheckpointScheduleOptions {
  db: Database;
  ledger: Context["ledger"];
  everyEvents: number;
  everyMinutes: number;
  log: FastifyBaseLogger;
}

/**
 * Signs a checkpoint when enough events have accumulated since the last one, or when events
 * have waited long enough. Safe on several servers at once: signing a tree size twice yields
 * the same note and the second insert is ignored.
 */
export function startCheckpointSchedule(options: CheckpointScheduleOptions): () => void {
  const { db, ledger, everyEvents, everyMinutes, log } = options;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const head = await readEvidenceHead(db);
      if (!head) return;
      const latest = await findLatestCheckpoint(db);
      const pending = head.seq - (latest?.treeSize ?? 0);
      if (pending <= 0) return;
      const waitedMinutes = latest
        ? (Date.now() - new Date(latest.createdAt).getTime()) / 60_000
        : Infinity;
      if (pending >= everyEvents || waitedMinutes >= everyMinutes) {
        const checkpoint = await createCheckpoint(db, ledger);
        log.info({ treeSize: checkpoint?.treeSize }, "signed evidence checkpoint");
      }
    } catch (error) {
      log.warn({ err: error }, "could not sign an evidence checkpoint; will retry");
    } finally {
      running = false;
    }
  };
  const intervalMs = Math.min(30_000, everyMinutes * 60_000);
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
