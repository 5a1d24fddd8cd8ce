import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database, Transaction } from "@attest/db/database";
import {
  copyImportIssues,
  type ImportIssueRow,
  insertImportIssues,
} from "@attest/db/repositories/inventory-import-issues";
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
 * inventory_imports and every problem in inventory_import_issues. A successful import writes
 * the snapshot, its evidence event, its report and its problems together.
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
    const stopped = {
      file: "",
      row: null,
      column: null,
      message: `The import stopped: ${(error as Error).message}`,
    };
    const report: ImportReport = {
      importId,
      source: options.source,
      status: "failed",
      snapshotId: null,
      files: [],
      counts: { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 },
      parameters,
      errors: [stopped],
      errorCount: 1,
      warnings: [],
      warningCount: 0,
      warningCounts: Object.fromEntries(
        warningKinds.map((kind) => [kind, 0]),
      ) as ImportReport["warningCounts"],
      startedAt,
      finishedAt,
    };
    // What was staged before the failure is incomplete: the report stands on this one error.
    await db.transaction((tx) =>
      finishImport(tx, {
        report,
        stagedIssues: null,
        moreIssues: [{ seq: 1, severity: "error", kind: null, ...stopped }],
      }),
    );
    progress("finished", 1, "Nothing imported: the import stopped");
    return report;
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }

  async function runImport(stagingDir: string): Promise<ImportReport> {
    const population = await validatePopulation(options.files, parameters, options.now(), {
      snapshotId: randomUUID(),
      importId,
      stagingPath: join(stagingDir, "grants.csv"),
      issueStagingPath: join(stagingDir, "issues.csv"),
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
      await db.transaction((tx) =>
        finishImport(tx, { report, stagedIssues: population.stagedIssues, moreIssues: [] }),
      );
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
      let report: ImportReport | undefined;
      const counts = await loadPopulation(db, population, {
        source: options.source,
        importedBy: options.importedBy,
        parameters,
        onProgress: (message, fraction) => progress("loading", 0.6 + fraction * 0.4, message),
        beforeCommit: async (tx, counts) => {
          report = {
            ...base,
            status: "succeeded",
            snapshotId,
            counts,
            finishedAt: options.now().toISOString(),
          };
          await finishImport(tx, { report, stagedIssues: population.stagedIssues, moreIssues: [] });
        },
      });
      progress("finished", 1, `Imported ${counts.grants.toLocaleString("en")} grants`);
      return report as ImportReport;
    } catch (error) {
      const failure = {
        file: "",
        row: null,
        column: null,
        message: `Loading failed and was rolled back: ${(error as Error).message}`,
      };
      const report: ImportReport = {
        ...base,
        status: "failed",
        snapshotId: null,
        counts: { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 },
        errors: [...base.errors, failure],
        errorCount: base.errorCount + 1,
        finishedAt: options.now().toISOString(),
      };
      await db.transaction((tx) =>
        finishImport(tx, {
          report,
          stagedIssues: population.stagedIssues,
          moreIssues: [
            { seq: population.stagedIssues.count + 1, severity: "error", kind: null, ...failure },
          ],
        }),
      );
      progress("finished", 1, "Nothing imported: loading failed");
      return report;
    }
  }
}

/**
 * Ends an import's record: its report, and every problem it found (the report's JSON lists
 * only the first of each), written together so the two never disagree.
 */
async function finishImport(
  tx: Transaction,
  options: {
    report: ImportReport;
    stagedIssues: { path: string; count: number } | null;
    moreIssues: ImportIssueRow[];
  },
): Promise<void> {
  const { report, stagedIssues } = options;
  if (stagedIssues && stagedIssues.count > 0) {
    await copyImportIssues(tx, createReadStream(stagedIssues.path, { highWaterMark: 1 << 20 }));
  }
  await insertImportIssues(tx, report.importId, options.moreIssues);
  await finishInventoryImport(tx, {
    id: report.importId,
    status: report.status,
    finishedAt: report.finishedAt,
    snapshotId: report.snapshotId,
    report,
  });
}
