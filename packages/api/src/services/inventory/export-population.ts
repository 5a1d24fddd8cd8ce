import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import type { Database } from "@attest/db/database";
import {
  findPopulationExport,
  insertPopulationExport,
  type PopulationExportRow,
  populationColumns,
  streamPopulation,
} from "@attest/db/repositories/snapshots";
import { csvRow } from "@attest/domain/csv/csv-cell";
import type { SessionUser } from "../../context";
import { appendEvidence, type EvidenceActor, formatActor } from "../evidence/append-evidence";
import { readSnapshot, requireSnapshot } from "./inventory-views";

export interface ExportPopulationOptions {
  snapshotId: string;
  /** Where export files are kept (DATA_DIR/exports). */
  exportDir: string;
  actor: EvidenceActor;
  /** The person downloading it, when it is one: the snapshot must lie within their audit scope. */
  viewer?: SessionUser;
}

export function populationFilePath(exportDir: string, snapshotId: string): string {
  return join(exportDir, `population-${snapshotId}.csv`);
}

/**
 * The population report's CSV (IPE): every grant of the snapshot, in a fixed order, with its
 * SHA-256, so an auditor can reconcile counts with the source files and re-perform the hash.
 * Generated once per snapshot (a snapshot never changes) and recorded as evidence.
 */
export async function exportPopulation(
  db: Database,
  options: ExportPopulationOptions,
): Promise<PopulationExportRow> {
  const snapshot = options.viewer
    ? await readSnapshot(db, { snapshotId: options.snapshotId, viewer: options.viewer })
    : await requireSnapshot(db, options.snapshotId);
  const existing = await findPopulationExport(db, snapshot.id);
  if (existing) return existing;

  await mkdir(options.exportDir, { recursive: true });
  const finalPath = populationFilePath(options.exportDir, snapshot.id);
  const partial = `${finalPath}.partial`;
  const hash = createHash("sha256");
  let bytes = 0;
  let rows = 0;
  const out = createWriteStream(partial);
  const write = async (text: string) => {
    const chunk = Buffer.from(text, "utf8");
    hash.update(chunk);
    bytes += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  try {
    await write(`${populationColumns.join(",")}\r\n`);
    await db.transaction(async (tx) => {
      let lines: string[] = [];
      for await (const row of streamPopulation(tx, snapshot.id)) {
        lines.push(csvRow(populationColumns.map((column) => row[column] ?? null)));
        rows += 1;
        if (lines.length === 5_000) {
          await write(`${lines.join("\r\n")}\r\n`);
          lines = [];
        }
      }
      if (lines.length > 0) await write(`${lines.join("\r\n")}\r\n`);
    });
    out.end();
    await finished(out);
    await rename(partial, finalPath);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }

  const record = {
    snapshotId: snapshot.id,
    sha256: hash.digest("hex"),
    bytes,
    rows,
    fileName: `population-${snapshot.source}-${snapshot.importedAt.slice(0, 10)}.csv`,
    createdBy: formatActor(options.actor),
  };
  await db.transaction(async (tx) => {
    await insertPopulationExport(tx, record);
    await appendEvidence(tx, {
      action: "population.exported",
      actor: options.actor,
      subjectIds: [snapshot.id],
      payload: {
        snapshotId: snapshot.id,
        fileName: record.fileName,
        sha256: record.sha256,
        bytes,
        rows,
      },
    });
  });
  const stored = await findPopulationExport(db, snapshot.id);
  if (!stored) throw new Error("population export was not recorded");
  return stored;
}
