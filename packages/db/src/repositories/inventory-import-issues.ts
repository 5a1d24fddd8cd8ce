import type { WarningKind } from "@attest/domain/inventory/import-warnings";
import type { Queryable } from "../database";

export type ImportIssueSeverity = "error" | "warning";

export interface ImportIssueRow {
  seq: number;
  severity: ImportIssueSeverity;
  kind: WarningKind | null;
  file: string;
  /** Spreadsheet row (header = 1) or JSON Lines line; null for the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
}

/** The columns of a staged issue line, in the order importIssueCsvLine writes them. */
export const importIssueColumns = [
  "import_id",
  "seq",
  "severity",
  "kind",
  "file",
  "row",
  "column",
  "message",
] as const;

function quoted(value: string): string {
  // PostgreSQL text cannot hold NUL, which a cell quoted in a message may carry.
  return `"${value.replaceAll('"', '""').replaceAll("\u0000", "\ufffd")}"`;
}

/**
 * One issue as a COPY-ready CSV line (no line end): an import stages hundreds of thousands of
 * these in a file while it validates, then copies the file in one statement.
 */
export function importIssueCsvLine(importId: string, issue: ImportIssueRow): string {
  // An unquoted empty field is NULL to COPY; file is never null, so "" stays an empty string.
  return `${importId},${issue.seq},${issue.severity},${issue.kind ?? ""},${quoted(issue.file)},${
    issue.row ?? ""
  },${issue.column === null ? "" : quoted(issue.column)},${quoted(issue.message)}`;
}

/** Copies staged issue lines (importIssueCsvLine, one per line) into the table. */
export async function copyImportIssues(db: Queryable, csv: AsyncIterable<Buffer>): Promise<void> {
  await db.copyCsvStream("inventory_import_issues", importIssueColumns, csv);
}

export async function insertImportIssues(
  db: Queryable,
  importId: string,
  issues: readonly ImportIssueRow[],
): Promise<void> {
  if (issues.length === 0) return;
  const lines = issues.map((issue) => importIssueCsvLine(importId, issue));
  await db.copyCsv("inventory_import_issues", importIssueColumns, `${lines.join("\n")}\n`);
}

export interface ImportIssueFilter {
  importId: string;
  severity?: ImportIssueSeverity | undefined;
  kind?: WarningKind | undefined;
  file?: string | undefined;
  limit: number;
  /** The seq of the last issue of the previous page. */
  after?: number | undefined;
}

const issueColumns = `seq, severity, kind, file, "row", "column", message`;

/** A page of an import's issues in the order they were found, filtered. */
export async function listImportIssuesPage(
  db: Queryable,
  filter: ImportIssueFilter,
): Promise<{ rows: ImportIssueRow[]; next: number | null }> {
  const params: unknown[] = [filter.importId, filter.after ?? 0];
  const conditions = ["import_id = $1", "seq > $2"];
  if (filter.severity) {
    params.push(filter.severity);
    conditions.push(`severity = $${params.length}`);
  }
  if (filter.kind) {
    params.push(filter.kind);
    conditions.push(`kind = $${params.length}`);
  }
  if (filter.file !== undefined) {
    params.push(filter.file);
    conditions.push(`file = $${params.length}`);
  }
  params.push(filter.limit + 1);
  const rows = await db.query<ImportIssueRow>(
    `select ${issueColumns} from inventory_import_issues
     where ${conditions.join(" and ")} order by seq limit $${params.length}`,
    params,
  );
  const page = rows.slice(0, filter.limit);
  return {
    rows: page,
    next: rows.length > filter.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

export async function hasImportIssues(db: Queryable, importId: string): Promise<boolean> {
  const [row] = await db.query<{ exists: boolean }>(
    "select exists (select 1 from inventory_import_issues where import_id = $1) as exists",
    [importId],
  );
  return row?.exists === true;
}

/**
 * Every issue of an import in seq order, read a window of seqs at a time rather than through a
 * cursor: a download may be slow to drain, and no transaction should stay open for it.
 */
export async function* streamImportIssues(
  db: Queryable,
  importId: string,
  batchSize = 5_000,
): AsyncGenerator<ImportIssueRow> {
  const [bounds] = await db.query<{ last: number | null }>(
    "select max(seq) as last from inventory_import_issues where import_id = $1",
    [importId],
  );
  const last = bounds?.last ?? 0;
  // Bounded windows, not "seq > $2 limit n": a freshly copied table has no statistics yet,
  // and the planner would sort every remaining row for each batch instead of reading a range.
  for (let after = 0; after < last; after += batchSize) {
    yield* await db.query<ImportIssueRow>(
      `select ${issueColumns} from inventory_import_issues
       where import_id = $1 and seq > $2 and seq <= $3 order by seq`,
      [importId, after, after + batchSize],
    );
  }
}
