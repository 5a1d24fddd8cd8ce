import {
  type ColumnSpec,
  detectLayout,
  explainLayoutMismatch,
  type ImportLayout,
  layoutColumns,
  readCell,
} from "@attest/domain/inventory/import-layouts";
import { parseCsvRecords } from "@/lib/csv";

export type FileFormat = "csv" | "jsonl";

export const formatLabels: Record<FileFormat, string> = { csv: "CSV", jsonl: "JSON Lines" };

/** The format an import reads a file as, from its extension (as the server decides it). */
export function formatOf(fileName: string): FileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return null;
}

export const previewRowCount = 5;
/** Enough of the start of a file for its header and first rows, however large the file. */
const previewBytes = 256 * 1024;

export interface CellProblem {
  /** The row as the report will number it: the header is row 1 in a CSV, the line in JSON Lines. */
  row: number;
  column: string;
  message: string;
}

export interface PreviewRow {
  row: number;
  cells: string[];
}

export type FilePreview =
  | { status: "unsupported"; message: string }
  | { status: "unreadable"; format: FileFormat; message: string }
  | {
      status: "read";
      format: FileFormat;
      columns: string[];
      rows: PreviewRow[];
      /** null when the columns fit no layout; `mismatch` then says why. */
      layout: ImportLayout | null;
      mismatch: string | null;
      problems: CellProblem[];
      /** Lines among the first few that are not records (JSON Lines only). */
      notes: string[];
    };

/** Reads the header and first rows of a file in the browser, without uploading it. */
export async function previewFile(file: File): Promise<FilePreview> {
  const format = formatOf(file.name);
  if (!format) {
    return {
      status: "unsupported",
      message: "is neither CSV (.csv) nor JSON Lines (.jsonl): it cannot be imported.",
    };
  }
  const endOfFile = file.size <= previewBytes;
  const text = await file.slice(0, previewBytes).text();
  const read = format === "csv" ? readCsv(text, endOfFile) : readJsonLines(text, endOfFile);
  if ("problem" in read) return { status: "unreadable", format, message: read.problem };
  const layout = detectLayout(read.columns);
  return {
    status: "read",
    format,
    columns: read.columns,
    rows: read.rows,
    layout,
    mismatch: layout ? null : explainLayoutMismatch(read.columns),
    problems: layout ? checkCells(layout, read.columns, read.rows) : [],
    notes: read.notes,
  };
}

type ReadResult = { columns: string[]; rows: PreviewRow[]; notes: string[] } | { problem: string };

function readCsv(text: string, endOfFile: boolean): ReadResult {
  const { records } = parseCsvRecords(text, { maxRecords: previewRowCount + 1, endOfFile });
  const [header, ...rows] = records;
  if (!header) return { problem: "is empty: it has no header row." };
  const columns = header.map((name) => name.trim().toLowerCase());
  return {
    columns,
    rows: rows.map((cells, index) => ({ row: index + 2, cells })),
    notes: rows.some((cells) => cells.length !== columns.length)
      ? ["Some rows have a different number of fields than the header; those rows will fail."]
      : [],
  };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function readJsonLines(text: string, endOfFile: boolean): ReadResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  // The last line of a slice may be cut short; it is read only when the slice is the whole file.
  if (!endOfFile) lines.pop();
  let columns: string[] | null = null;
  const rows: PreviewRow[] = [];
  const notes: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (rows.length >= previewRowCount) break;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      notes.push(`Line ${index + 1} is not valid JSON.`);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      notes.push(`Line ${index + 1} is not a JSON object.`);
      continue;
    }
    const record = value as Record<string, unknown>;
    // As the importer does: the first record's keys are the file's columns.
    columns ??= Object.keys(record);
    rows.push({ row: index + 1, cells: columns.map((column) => cellText(record[column])) });
  }
  if (!columns) return { problem: "has no records: no line is a JSON object." };
  return { columns, rows, notes };
}

/** Reads the preview rows as the importer will, to show early what it will refuse. */
function checkCells(layout: ImportLayout, columns: string[], rows: PreviewRow[]): CellProblem[] {
  const specs = new Map<string, ColumnSpec>(layoutColumns[layout].map((spec) => [spec.name, spec]));
  const problems: CellProblem[] = [];
  for (const row of rows) {
    if (row.cells.length !== columns.length) continue;
    for (const [index, column] of columns.entries()) {
      const spec = specs.get(column);
      if (!spec) continue;
      const result = readCell(spec, row.cells[index] ?? "");
      if ("problem" in result) problems.push({ row: row.row, column, message: result.problem });
    }
  }
  return problems;
}

/** The required columns of a layout, for the header of a preview. */
export function requiredColumns(layout: ImportLayout): Set<string> {
  return new Set(layoutColumns[layout].filter((spec) => spec.required).map((spec) => spec.name));
}
