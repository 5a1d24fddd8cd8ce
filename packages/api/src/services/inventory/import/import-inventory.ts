import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import {
  finishInventoryImport,
  insertInventoryImport,
} from "@attest/db/repositories/inventory-imports";
import { type EvidenceActor, formatActor } from "../../evidence/append-evidence";
import type { ImportParameters, ImportReport } from "./import-report";
import { loadPopulation } from "./load-population";
import { type ImportFileInput, validatePopulation } from "./validate-population";

export const defaultImportParameters: ImportParameters = { rotationPolicyDays: 365 };

export interface ImportProgress {
  importId: string;
  phase: "validating" | "loading" | "finished";
  /** 0 to 1 over the whole import: reading the files is the first half, loading the second. */
  fraction: number;
  message: string;
}

export interface ImportInventoryOptions {
  source: string;
  files: readonly ImportFileInput[];
  importedBy: EvidenceActor;
  parameters?: Partial<ImportParameters>;
  now: () => Date;
  importId?: string;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Imports inventory files as one frozen snapshot. All or nothing: files are validated in full
 * first, and any error leaves the database as it was, with the report kept in
 * inventory_imports. A successful import writes the snapshot and its evidence event together.
 */
export async function importInventory(
  db: Database,
  options: ImportInventoryOptions,
): Promise<ImportReport> {
  const importId = options.importId ?? randomUUID();
  const startedAt = options.now().toISOString();
  const parameters: ImportParameters = { ...defaultImportParameters, ...options.parameters };
  const progress = (phase: ImportProgress["phase"], fraction: number, message: string) =>
    options.onProgress?.({ importId, phase, fraction: Math.min(1, fraction), message });
  await insertInventoryImport(db, {
    id: importId,
    source: options.source,
    startedBy: formatActor(options.importedBy),
    startedAt,
  });

  const population = await validatePopulation(options.files, parameters, options.now(), (read) => {
    const fileShare = read.read.totalBytes > 0 ? read.read.bytesRead / read.read.totalBytes : 1;
    progress(
      "validating",
      ((read.fileIndex + fileShare) / Math.max(read.fileCount, 1)) * 0.5,
      `Checking ${read.file}: ${Math.round(fileShare * 100)}%`,
    );
  });

  const base = {
    importId,
    source: options.source,
    files: population.files.map(({ path: _path, ...file }) => file),
    parameters,
    errors: population.errors,
    errorCount: population.errorCount,
    warnings: population.warnings,
    warningCount: population.warningCount,
    warningCounts: population.warningCounts,
    startedAt,
  };

  if (population.errorCount > 0) {
    const report: ImportReport = {
      ...base,
      status: "failed",
      snapshotId: null,
      counts: { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 },
      finishedAt: options.now().toISOString(),
    };
    await finishInventoryImport(db, {
      id: importId,
      status: "failed",
      finishedAt: report.finishedAt,
      snapshotId: null,
      report,
    });
    progress(
      "finished",
      1,
      `Nothing imported: ${population.errorCount} error${population.errorCount === 1 ? "" : "s"}`,
    );
    return report;
  }

  const snapshotId = randomUUID();
  progress("loading", 0.5, "Writing the snapshot");
  try {
    const counts = await loadPopulation(db, population, {
      snapshotId,
      source: options.source,
      importedBy: options.importedBy,
      parameters,
      onProgress: ({ grants, grantCount }) =>
        progress(
          "loading",
          0.5 + (grants / Math.max(grantCount, 1)) * 0.5,
          `Writing grants: ${grants.toLocaleString("en")} of ${grantCount.toLocaleString("en")}`,
        ),
    });
    const report: ImportReport = {
      ...base,
      status: "succeeded",
      snapshotId,
      counts,
      finishedAt: options.now().toISOString(),
    };
    await finishInventoryImport(db, {
      id: importId,
      status: "succeeded",
      finishedAt: report.finishedAt,
      snapshotId,
      report,
    });
    progress("finished", 1, `Imported ${counts.grants.toLocaleString("en")} grants`);
    return report;
  } catch (error) {
    const report: ImportReport = {
      ...base,
      status: "failed",
      snapshotId: null,
      counts: { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 },
      errors: [
        ...base.errors,
        {
          file: "",
          row: null,
          column: null,
          message: `Loading failed and was rolled back: ${(error as Error).message}`,
        },
      ],
      errorCount: base.errorCount + 1,
      finishedAt: options.now().toISOString(),
    };
    await finishInventoryImport(db, {
      id: importId,
      status: "failed",
      finishedAt: report.finishedAt,
      snapshotId: null,
      report,
    });
    progress("finished", 1, "Nothing imported: loading failed");
    return report;
  }
}
