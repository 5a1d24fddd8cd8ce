import { csvRow } from "@attest/domain/csv/csv-cell";
import type { ImportLayout } from "@attest/domain/inventory/import-layouts";
import type { WarningKind } from "@attest/domain/inventory/import-warnings";

export interface ImportIssue {
  file: string;
  /** Spreadsheet row (header = 1) or JSON Lines line; null for the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
}

export interface ImportWarning extends ImportIssue {
  kind: WarningKind;
}

export interface ImportedFile {
  name: string;
  layout: ImportLayout | null;
  rows: number;
  sha256: string;
  bytes: number;
}

export interface ImportCounts {
  identities: number;
  systems: number;
  entitlements: number;
  accounts: number;
  grants: number;
}

export interface ImportReport {
  importId: string;
  source: string;
  status: "succeeded" | "failed";
  snapshotId: string | null;
  files: ImportedFile[];
  counts: ImportCounts;
  parameters: ImportParameters;
  /**
   * The first problems found (at most maxListedIssues of each); errorCount counts them all, and
   * inventory_import_issues holds every one (listImportIssues, streamImportReportCsv).
   */
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportWarning[];
  warningCount: number;
  warningCounts: Record<WarningKind, number>;
  startedAt: string;
  finishedAt: string;
}

export interface ImportParameters {
  /** A non-human identity's credential older than this many days is flagged. */
  rotationPolicyDays: number;
}

export const maxListedIssues = 1_000;

export const importReportCsvHeader = "severity,kind,file,row,column,message\r\n";

/** One problem as a line of the report's CSV, with its line end. */
export function importReportCsvLine(
  issue: ImportIssue & { severity: "error" | "warning"; kind: WarningKind | null },
): string {
  return `${csvRow([issue.severity, issue.kind, issue.file, issue.row, issue.column, issue.message])}\r\n`;
}

/**
 * The problems a report lists as CSV: severity, kind, file, row, column, message. Only the
 * first of each for a large import: streamImportReportCsv writes them all.
 */
export function importReportCsv(report: Pick<ImportReport, "errors" | "warnings">): string {
  let csv = importReportCsvHeader;
  for (const error of report.errors) {
    csv += importReportCsvLine({ severity: "error", kind: null, ...error });
  }
  for (const warning of report.warnings) {
    csv += importReportCsvLine({ severity: "warning", ...warning });
  }
  return csv;
}
