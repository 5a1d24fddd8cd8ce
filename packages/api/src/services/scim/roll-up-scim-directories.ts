import type { Database } from "@attest/db/database";
import { listScimDirectoryOverviews } from "@attest/db/repositories/scim-directories";
import { type ScimSnapshot, snapshotScimDirectory } from "./snapshot-scim-directory";

export interface RollUpOptions {
  now: Date;
  /**
   * Minutes a directory must have been quiet before it is rolled up: an identity provider
   * pushes a change as a burst of requests, and one snapshot per burst is what people expect.
   */
  quietMinutes: number;
}

/**
 * The scheduler's SCIM job: every directory changed since its last snapshot, and quiet since,
 * is rolled up into a new snapshot, so identity-provider changes reach the inventory (and
 * campaigns launched from it) without anyone pressing "Snapshot now".
 */
export async function rollUpChangedScimDirectories(
  db: Database,
  { now, quietMinutes }: RollUpOptions,
): Promise<ScimSnapshot[]> {
  const quietSince = now.getTime() - quietMinutes * 60_000;
  const due = (await listScimDirectoryOverviews(db)).filter((directory) => {
    if (!directory.lastChangeAt) return false;
    const changed = Date.parse(directory.lastChangeAt);
    const snapshotted = directory.lastSnapshotAt ? Date.parse(directory.lastSnapshotAt) : -1;
    return changed > snapshotted && changed <= quietSince;
  });
  const snapshots: ScimSnapshot[] = [];
  for (const directory of due) {
    snapshots.push(
      await snapshotScimDirectory(db, {
        directoryId: directory.id,
        importedBy: { system: "scheduler" },
        now: () => now,
      }),
    );
  }
  return snapshots;
}
