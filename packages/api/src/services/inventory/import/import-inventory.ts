import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "@attest/db/database";
import {
  finishInventoryImport,
  insertInventoryImport,
} from "@attest/db/repositories/inventory-imports";
import { warningKinds } from "@attest/domain/inventory/import-warnings";
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

  const stagingDir = await mkdtemp(join(tmpdir(), "attest-import-"));
  try {
    return await runImport(stagingDir);
  } catch (error) {
    // An unexpected failure (a file vanished, the disk filled) still ends the import's record.
    const finishedAt = options.now().toISOString();
    const report: ImportReport = {
      importId,
      source: options.source,
      status: "failed",
      snapshotId: null,
      files: [],
      counts: { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 },
      parameters,
      errors: [
        {
          file: "",
          row: null,
          column: null,
          message: `The import stopped: ${(error as Error).message}`,
        },
      ],
      errorCount: 1,
      warnings: [],
      warningCount: 0,
      warningCounts: Object.fromEntries(
        warningKinds.map((kind) => [kind, 0]),
      ) as ImportReport["warningCounts"],
      startedAt,
      finishedAt,
    };
    await finishInventoryImport(db, {
      id: importId,
      status: "failed",
      finishedAt,
      snapshotId: null,
      report,
    });
    progress("finished", 1, "Nothing imported: the import stopped");
    return report;
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }

  async function runImport(stagingDir: string): Promise<ImportReport> {
    const population = await validatePopulation(options.files, parameters, options.now(), {
      snapshotId: randomUUID(),
      stagingPath: join(stagingDir, "grants.csv"),
      onProgress: (read) => {
        const fileShare = read.read.totalBytes > 0 ? read.read.bytesRead / read.read.totalBytes : 1;
        progress(
          "validating",
          ((read.fileIndex + fileShare) / Math.max(read.fileCount, 1)) * 0.6,
          `Checking ${read.file}: ${Math.round(fileShare * 100)}%`,
        );
      },
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

    const snapshotId = population.snapshotId;
    progress("loading", 0.6, "Writing the snapshot");
    try {
      const counts = await loadPopulation(db, population, {
        source: options.source,
        importedBy: options.importedBy,
        parameters,
        onProgress: (message, fraction) => progress("loading", 0.6 + fraction * 0.4, message),
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
}
