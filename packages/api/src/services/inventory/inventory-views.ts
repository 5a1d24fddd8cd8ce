import type { Database } from "@attest/db/database";
import {
  findInventoryImport,
  listInventoryImports,
} from "@attest/db/repositories/inventory-imports";
import {
  ensureSnapshotDiff,
  findPopulationExport,
  findPreviousSnapshot,
  findSnapshot,
  type GrantChangeKind,
  listGrantChanges,
  listSnapshots,
  type SnapshotRow,
} from "@attest/db/repositories/snapshots";
import { AppError } from "../../app-error";
import { resolveActorNames } from "../users/resolve-actor-names";
import type { ImportReport } from "./import/import-report";

export async function requireSnapshot(
  db: Database,
  snapshotId: string | undefined,
): Promise<SnapshotRow> {
  if (snapshotId) {
    const snapshot = await findSnapshot(db, snapshotId);
    if (!snapshot)
      throw new AppError("not_found", "No snapshot with that id.", { field: "snapshotId" });
    return snapshot;
  }
  const [latest] = await listSnapshots(db, 1);
  if (!latest)
    throw new AppError("not_found", "No inventory has been imported yet.", { field: "snapshotId" });
  return latest;
}

export async function listImports(db: Database, limit: number) {
  const rows = await listInventoryImports(db, limit);
  const names = await resolveActorNames(
    db,
    rows.map((row) => row.startedBy),
  );
  return rows.map((row) => ({ ...row, startedByName: names.get(row.startedBy) ?? row.startedBy }));
}

export async function getImport(db: Database, importId: string) {
  const row = await findInventoryImport(db, importId);
  if (!row) throw new AppError("not_found", "No import with that id.", { field: "importId" });
  const names = await resolveActorNames(db, [row.startedBy]);
  return {
    ...row,
    startedByName: names.get(row.startedBy) ?? row.startedBy,
    report: (row.report as ImportReport | null) ?? null,
  };
}

/** Snapshots newest first, with who imported each. */
export async function listSnapshotsWithNames(db: Database, limit: number) {
  const rows = await listSnapshots(db, limit);
  const names = await resolveActorNames(
    db,
    rows.map((row) => row.importedBy),
  );
  return rows.map((row) => ({
    ...row,
    importedByName: names.get(row.importedBy) ?? row.importedBy,
  }));
}

export async function diffSnapshot(
  db: Database,
  options: {
    snapshotId: string;
    change?: GrantChangeKind | undefined;
    limit: number;
    offset: number;
  },
) {
  const snapshot = await requireSnapshot(db, options.snapshotId);
  const previous = await findPreviousSnapshot(db, snapshot);
  if (!previous) return { snapshot, previous: null, counts: null, changes: [] };
  const counts = await ensureSnapshotDiff(db, snapshot, previous);
  const changes = await listGrantChanges(db, { ...options, snapshotId: snapshot.id });
  return { snapshot, previous, counts, changes };
}

/** The population report (IPE) of a snapshot: counts, file hashes, parameters and its export. */
export async function populationReport(db: Database, snapshotId: string | undefined) {
  const snapshot = await requireSnapshot(db, snapshotId);
  const populationExport = await findPopulationExport(db, snapshot.id);
  const names = await resolveActorNames(db, [
    snapshot.importedBy,
    ...(populationExport ? [populationExport.createdBy] : []),
  ]);
  return {
    snapshot: {
      ...snapshot,
      importedByName: names.get(snapshot.importedBy) ?? snapshot.importedBy,
    },
    export: populationExport
      ? {
          ...populationExport,
          createdByName: names.get(populationExport.createdBy) ?? populationExport.createdBy,
        }
      : null,
  };
}
