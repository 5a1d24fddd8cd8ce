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
  /** The first problems found (at most maxListedIssues); errorCount counts them all. */
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

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report's problems as CSV: severity, kind, file, row, column, message. */
export function importReportCsv(report: Pick<ImportReport, "errors" | "warnings">): string {
  const lines = ["severity,kind,file,row,column,message"];
  for (const error of report.errors) {
    lines.push(
      ["error", "", error.file, error.row, error.column, error.message].map(csvCell).join(","),
    );
  }
  for (const warning of report.warnings) {
    lines.push(
      ["warning", warning.kind, warning.file, warning.row, warning.column, warning.message]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
