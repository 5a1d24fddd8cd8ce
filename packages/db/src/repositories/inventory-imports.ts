import type { Queryable } from "../database";
import { insideRanges, type SnapshotBounds, snapshotWithinBounds } from "./snapshots";

export interface InventoryImportRow {
  id: string;
  source: string;
  status: "running" | "succeeded" | "failed";
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  snapshotId: string | null;
  report: unknown;
}

const columns = `id, source, status, started_by as "startedBy", started_at as "startedAt",
  finished_at as "finishedAt", snapshot_id as "snapshotId", report`;

export async function insertInventoryImport(
  db: Queryable,
  row: { id: string; source: string; startedBy: string; startedAt: string },
): Promise<void> {
  await db.query(
    "insert into inventory_imports (id, source, status, started_by, started_at) values ($1, $2, 'running', $3, $4)",
    [row.id, row.source, row.startedBy, row.startedAt],
  );
}

export async function finishInventoryImport(
  db: Queryable,
  row: {
    id: string;
    status: "succeeded" | "failed";
    finishedAt: string;
    snapshotId: string | null;
    report: object;
  },
): Promise<void> {
  await db.query(
    "update inventory_imports set status = $2, finished_at = $3, snapshot_id = $4, report = $5 where id = $1",
    [row.id, row.status, row.finishedAt, row.snapshotId, JSON.stringify(row.report)],
  );
}

export async function findInventoryImport(
  db: Queryable,
  id: string,
): Promise<InventoryImportRow | null> {
  const rows = await db.query<InventoryImportRow>(
    `select ${columns} from inventory_imports where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Imports, newest first. Within bounds, an import is listed when its snapshot lies within them,
 * or, having none (failed, still running), when it started inside one of their ranges.
 */
export async function listInventoryImports(
  db: Queryable,
  options: { limit: number; within?: SnapshotBounds | undefined },
): Promise<Omit<InventoryImportRow, "report">[]> {
  const params: unknown[] = [options.limit];
  let where = "";
  if (options.within) {
    const started = insideRanges("i.started_at", options.within.takenWithin, params);
    const snapshot = snapshotWithinBounds("s", options.within, params);
    where = `where case when i.snapshot_id is null then ${started} else ${snapshot} end`;
  }
  return db.query(
    `select i.id, i.source, i.status, i.started_by as "startedBy", i.started_at as "startedAt",
            i.finished_at as "finishedAt", i.snapshot_id as "snapshotId"
     from inventory_imports i
     left join inventory_snapshots s on s.id = i.snapshot_id
     ${where}
     order by i.started_at desc limit $1`,
    params,
  );
}
