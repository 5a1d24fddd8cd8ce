import type { Database } from "@attest/db/database";
import { summarizeLatestSnapshot } from "@attest/db/repositories/inventory";
import { resolveActorNames } from "../users/resolve-actor-names";

/** Counts over the latest snapshot, with who imported it. */
export async function summarizeInventory(db: Database) {
  const summary = await summarizeLatestSnapshot(db);
  if (!summary.snapshot) return { ...summary, snapshot: null };
  const names = await resolveActorNames(db, [summary.snapshot.importedBy]);
  return {
    ...summary,
    snapshot: {
      ...summary.snapshot,
      importedByName: names.get(summary.snapshot.importedBy) ?? summary.snapshot.importedBy,
    },
  };
}
