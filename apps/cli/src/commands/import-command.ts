import { createWriteStream } from "node:fs";
import { basename, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { importInventory } from "@attest/api/services/inventory/import/import-inventory";
import { streamImportReportCsv } from "@attest/api/services/inventory/import/stream-import-report-csv";
import type { Database } from "@attest/db/database";
import { type WarningKind, warningLabels } from "@attest/domain/inventory/import-warnings";
import type { Output } from "../output";

export interface ImportCommandOptions {
  files: string[];
  source: string;
  rotationDays: number | undefined;
  reportPath: string | undefined;
}

/** `attest import FILE… --source NAME`: the same validation as the web upload, with a progress line. */
export async function importCommand(
  db: Database,
  options: ImportCommandOptions,
  output: Output,
): Promise<number> {
  let lastReport = 0;
  const report = await importInventory(db, {
    source: options.source,
    files: options.files.map((file) => ({ name: basename(file), path: resolve(file) })),
    importedBy: { system: "cli-import" },
    ...(options.rotationDays === undefined
      ? {}
      : { parameters: { rotationPolicyDays: options.rotationDays } }),
    now: () => new Date(),
    onProgress: (progress) => {
      if (Date.now() - lastReport < 300 && progress.phase !== "finished") return;
      lastReport = Date.now();
      output.progress(`${Math.round(progress.fraction * 100)}% ${progress.message}`);
    },
  });
  output.progressDone();
  if (options.reportPath) {
    await pipeline(
      Readable.from(streamImportReportCsv(db, report)),
      createWriteStream(options.reportPath),
    );
  }
  for (const error of report.errors.slice(0, 50)) {
    output.error(
      `error: ${error.file}${error.row === null ? "" : `:${error.row}`}${error.column ? ` (${error.column})` : ""}: ${error.message}`,
    );
  }
  if (report.errorCount > 50)
    output.error(`… and ${report.errorCount - 50} more errors (--report FILE.csv writes them all)`);
  if (report.status === "failed") {
    output.error(
      `Nothing was imported: ${report.errorCount} error${report.errorCount === 1 ? "" : "s"}.`,
    );
    return 1;
  }
  const counts = report.counts;
  output.line(
    `Imported snapshot ${report.snapshotId} from "${report.source}": ${counts.identities} identities, ${counts.systems} systems, ` +
      `${counts.entitlements} entitlements, ${counts.accounts} accounts, ${counts.grants} grants.`,
  );
  for (const [kind, count] of Object.entries(report.warningCounts)) {
    if (count > 0) output.line(`warning: ${count} × ${warningLabels[kind as WarningKind]}`);
  }
  for (const file of report.files)
    output.line(`${file.name}: ${file.rows} rows, sha256 ${file.sha256}`);
  return 0;
}
