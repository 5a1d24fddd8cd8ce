import type { Database, Queryable } from "@attest/db/database";
import {
  findInventoryImport,
  type InventoryImportRow,
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
import type { SessionUser } from "../../context";
import {
  assertImportInScope,
  assertSnapshotInScope,
  describeEmptySnapshotScope,
  isSnapshotInScope,
  readSnapshotScope,
  type SnapshotScope,
  snapshotBounds,
} from "../audit/audit-scope";
import { resolveActorNames } from "../users/resolve-actor-names";
import type { ImportReport } from "./import/import-report";

/** A snapshot by id, or the latest; with no regard to who asks (launching a campaign). */
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
  const [latest] = await listSnapshots(db, { limit: 1 });
  if (!latest)
    throw new AppError("not_found", "No inventory has been imported yet.", { field: "snapshotId" });
  return latest;
}

/**
 * The snapshot a viewer reads: the one asked for, refused when it lies outside their audit
 * engagement; otherwise the latest within it (the latest of all for anyone not bounded).
 */
export async function readSnapshot(
  db: Database,
  options: { snapshotId?: string | undefined; viewer: SessionUser },
): Promise<SnapshotRow> {
  return readSnapshotInScope(db, await readSnapshotScope(db, options.viewer), options.snapshotId);
}

async function readSnapshotInScope(
  db: Database,
  scope: SnapshotScope,
  snapshotId: string | undefined,
): Promise<SnapshotRow> {
  if (snapshotId) {
    const snapshot = await requireSnapshot(db, snapshotId);
    assertSnapshotInScope(scope, snapshot);
    return snapshot;
  }
  const [latest] = await listSnapshots(db, { limit: 1, within: snapshotBounds(scope) });
  if (latest) return latest;
  const empty = describeEmptySnapshotScope(scope, false);
  if (empty) {
    const revoked = scope.periods.length === 0;
    throw new AppError(revoked ? "forbidden" : "not_found", empty, { field: "snapshotId" });
  }
  throw new AppError("not_found", "No inventory has been imported yet.", { field: "snapshotId" });
}

/** Imports newest first, with who started each; a bounded auditor's within their engagement. */
export async function listImports(db: Database, options: { limit: number; viewer: SessionUser }) {
  const scope = await readSnapshotScope(db, options.viewer);
  const rows = await listInventoryImports(db, {
    limit: options.limit,
    within: snapshotBounds(scope),
  });
  const names = await resolveActorNames(
    db,
    rows.map((row) => row.startedBy),
  );
  return rows.map((row) => ({ ...row, startedByName: names.get(row.startedBy) ?? row.startedBy }));
}

/** An import, refused when it lies outside the reader's audit engagement. */
export async function requireImport(
  db: Queryable,
  options: { importId: string; scope: SnapshotScope },
): Promise<InventoryImportRow> {
  const row = await findInventoryImport(db, options.importId);
  if (!row) throw new AppError("not_found", "No import with that id.", { field: "importId" });
  if (options.scope.bounded) {
    const snapshot = row.snapshotId ? await findSnapshot(db, row.snapshotId) : null;
    assertImportInScope(options.scope, row, snapshot);
  }
  return row;
}

export async function getImport(db: Database, options: { importId: string; viewer: SessionUser }) {
  const scope = await readSnapshotScope(db, options.viewer);
  const row = await requireImport(db, { importId: options.importId, scope });
  const names = await resolveActorNames(db, [row.startedBy]);
  return {
    ...row,
    startedByName: names.get(row.startedBy) ?? row.startedBy,
    report: (row.report as ImportReport | null) ?? null,
  };
}

/** Snapshots newest first, with who imported each; a bounded auditor's within their engagement. */
export async function listSnapshotsWithNames(
  db: Database,
  options: { limit: number; viewer: SessionUser },
) {
  const scope = await readSnapshotScope(db, options.viewer);
  const rows = await listSnapshots(db, { limit: options.limit, within: snapshotBounds(scope) });
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
    viewer: SessionUser;
  },
) {
  const scope = await readSnapshotScope(db, options.viewer);
  const snapshot = await readSnapshotInScope(db, scope, options.snapshotId);
  const previous = await findPreviousSnapshot(db, snapshot);
  if (!previous) return { snapshot, previous: null, counts: null, changes: [] };
  // The removed and changed grants are the earlier snapshot's facts: not for a bounded auditor
  // whose engagement does not reach it.
  if (!isSnapshotInScope(scope, previous)) {
    throw new AppError(
      "forbidden",
      `The snapshot before this one was taken on ${previous.importedAt.slice(0, 10)}, outside your audit engagement, so what changed since it is not shown.`,
    );
  }
  const counts = await ensureSnapshotDiff(db, snapshot, previous);
  const changes = await listGrantChanges(db, { ...options, snapshotId: snapshot.id });
  return { snapshot, previous, counts, changes };
}

/** The population report (IPE) of a snapshot: counts, file hashes, parameters and its export. */
export async function populationReport(
  db: Database,
  options: { snapshotId?: string | undefined; viewer: SessionUser },
) {
  const snapshot = await readSnapshot(db, options);
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
