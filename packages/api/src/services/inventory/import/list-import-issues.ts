import type { Queryable } from "@attest/db/database";
import {
  hasImportIssues,
  type ImportIssueFilter,
  type ImportIssueRow,
  listImportIssuesPage,
} from "@attest/db/repositories/inventory-import-issues";
import { findInventoryImport } from "@attest/db/repositories/inventory-imports";
import { AppError } from "../../../app-error";
import type { SessionUser } from "../../../context";
import { readSnapshotScope } from "../../audit/audit-scope";
import { requireImport } from "../inventory-views";
import type { ImportReport } from "./import-report";

export interface ImportIssuesPage {
  rows: ImportIssueRow[];
  /** The `after` of the next page; null on the last. */
  next: number | null;
  /**
   * False for an import made before every problem was kept: its report lists only the first
   * of each, and so does this page.
   */
  complete: boolean;
}

/**
 * A page of the problems an import found, filtered, in the order they were found; refused for an
 * import outside the viewer's audit engagement.
 */
export async function listImportIssues(
  db: Queryable,
  options: ImportIssueFilter & { viewer: SessionUser },
): Promise<ImportIssuesPage> {
  const { viewer, ...filter } = options;
  const scope = await readSnapshotScope(db, viewer);
  if (scope.bounded) await requireImport(db, { importId: filter.importId, scope });
  const page = await listImportIssuesPage(db, filter);
  if (page.rows.length > 0 || (await hasImportIssues(db, filter.importId))) {
    return { ...page, complete: true };
  }
  const stored = await findInventoryImport(db, filter.importId);
  if (!stored) throw new AppError("not_found", "No import with that id.", { field: "importId" });
  const report = stored.report as ImportReport | null;
  if (!report) return { rows: [], next: null, complete: true };
  return listReportIssues(report, filter);
}

/** The same page from a report's own lists, for an import with no rows in the issues table. */
function listReportIssues(report: ImportReport, filter: ImportIssueFilter): ImportIssuesPage {
  const issues: ImportIssueRow[] = [
    ...report.errors.map((error) => ({ severity: "error" as const, kind: null, ...error })),
    ...report.warnings.map((warning) => ({ severity: "warning" as const, ...warning })),
  ].map((issue, index) => ({ seq: index + 1, ...issue }));
  const matching = issues.filter(
    (issue) =>
      issue.seq > (filter.after ?? 0) &&
      (!filter.severity || issue.severity === filter.severity) &&
      (!filter.kind || issue.kind === filter.kind) &&
      (filter.file === undefined || issue.file === filter.file),
  );
  const rows = matching.slice(0, filter.limit);
  return {
    rows,
    next: matching.length > filter.limit ? (rows.at(-1)?.seq ?? null) : null,
    complete:
      report.errors.length >= report.errorCount && report.warnings.length >= report.warningCount,
  };
}
