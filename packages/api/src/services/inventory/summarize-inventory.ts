import type { Database } from "@attest/db/database";
import { summarizeLatestSnapshot } from "@attest/db/repositories/inventory";
import type { SessionUser } from "../../context";
import {
  describeEmptySnapshotScope,
  readSnapshotScope,
  snapshotBounds,
} from "../audit/audit-scope";
import { resolveActorNames } from "../users/resolve-actor-names";

/**
 * Counts over the latest snapshot, with who imported it; for an auditor bounded by engagements,
 * over the latest within them, and when there is none, the sentence that says why (scopeNotice).
 */
export async function summarizeInventory(db: Database, viewer: SessionUser) {
  const scope = await readSnapshotScope(db, viewer);
  const summary = await summarizeLatestSnapshot(db, snapshotBounds(scope));
  const scopeNotice = describeEmptySnapshotScope(scope, summary.snapshot !== null);
  if (!summary.snapshot) return { ...summary, snapshot: null, scopeNotice };
  const names = await resolveActorNames(db, [summary.snapshot.importedBy]);
  return {
    ...summary,
    snapshot: {
      ...summary.snapshot,
      importedByName: names.get(summary.snapshot.importedBy) ?? summary.snapshot.importedBy,
    },
    scopeNotice,
  };
}
