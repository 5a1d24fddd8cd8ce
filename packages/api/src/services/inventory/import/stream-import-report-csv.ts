import type { Queryable } from "@attest/db/database";
import {
  hasImportIssues,
  streamImportIssues,
} from "@attest/db/repositories/inventory-import-issues";
import {
  type ImportReport,
  importReportCsv,
  importReportCsvHeader,
  importReportCsvLine,
} from "./import-report";

/**
 * Every problem of an import as the report's CSV, a chunk at a time, in the order they were
 * found: from inventory_import_issues, so memory stays flat however many there are. An import
 * made before that table existed has only its report's lists to give.
 */
export async function* streamImportReportCsv(
  db: Queryable,
  report: ImportReport,
): AsyncGenerator<string> {
  if (!(await hasImportIssues(db, report.importId))) {
    yield importReportCsv(report);
    return;
  }
  let chunk = importReportCsvHeader;
  for await (const issue of streamImportIssues(db, report.importId)) {
    chunk += importReportCsvLine(issue);
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}
