import { randomUUID } from "node:crypto";
import type { Database, Queryable } from "@attest/db/database";
import { insertSnapshot } from "@attest/db/repositories/inventory";
import {
  finishInventoryImport,
  insertInventoryImport,
} from "@attest/db/repositories/inventory-imports";
import type { ImportReport } from "../services/inventory/import/import-report";

/**
 * An import of an empty inventory at a given time: what reading by audit engagement needs is
 * when it happened, not what it held. A failed import makes no snapshot.
 */
export async function insertDatedImport(
  db: Database,
  options: { source: string; at: string; failed?: boolean },
): Promise<{ importId: string; snapshotId: string | null }> {
  const importId = randomUUID();
  const snapshotId = options.failed ? null : randomUUID();
  const counts = { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 };
  const report: ImportReport = {
    importId,
    source: options.source,
    status: snapshotId ? "succeeded" : "failed",
    snapshotId,
    files: [],
    counts,
    parameters: { rotationPolicyDays: 365 },
    errors: snapshotId ? [] : [{ file: "grants.csv", row: 2, column: null, message: "broken" }],
    errorCount: snapshotId ? 0 : 1,
    warnings: [],
    warningCount: 0,
    warningCounts: {
      orphan_account: 0,
      terminated_with_grants: 0,
      owner_terminated: 0,
      rotation_overdue: 0,
      privileged_without_ticket: 0,
      human_use_of_service_account: 0,
    },
    startedAt: options.at,
    finishedAt: options.at,
  };
  await db.transaction(async (tx) => {
    await insertInventoryImport(tx, {
      id: importId,
      source: options.source,
      startedBy: "system:test",
      startedAt: options.at,
    });
    if (snapshotId) {
      await insertSnapshot(tx, {
        id: snapshotId,
        source: options.source,
        importedBy: "system:test",
        rowCounts: counts,
        fileHashes: {},
        parameters: {},
      });
      await setSnapshotTakenAt(tx, snapshotId, options.at);
    }
    await finishInventoryImport(tx, {
      id: importId,
      status: report.status,
      finishedAt: options.at,
      snapshotId,
      report,
    });
  });
  return { importId, snapshotId };
}

/** Moves a snapshot's import time (snapshots are otherwise taken "now"). */
export async function setSnapshotTakenAt(
  db: Queryable,
  snapshotId: string,
  at: string,
): Promise<void> {
  await db.query("update inventory_snapshots set imported_at = $2 where id = $1", [snapshotId, at]);
}
