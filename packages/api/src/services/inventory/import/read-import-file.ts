import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Transform } from "node:stream";
import { parse } from "csv-parse";

export type ImportFileFormat = "csv" | "jsonl";

export interface ImportRow {
  /** The row as a person finds it: in a CSV the spreadsheet row (header = 1), in JSON Lines the line. */
  row: number;
  cells: Record<string, string>;
}

export type FileEvent =
  | { kind: "header"; columns: string[] }
  | { kind: "row"; row: ImportRow }
  | { kind: "problem"; row: number | null; column: string | null; message: string; fatal: boolean };

export function formatOf(fileName: string): ImportFileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return null;
}

export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
}

/**
 * Streams one import file: its header, then one row at a time, while hashing its bytes, so a
 * file of any size is read in constant memory. CSV is parsed by csv-parse (RFC 4180: quoted
 * fields with commas, quotes and line breaks, a UTF-8 byte-order mark, CRLF line ends).
 */
export async function* readImportFile(
  path: string,
  format: ImportFileFormat,
  onProgress?: (progress: ReadProgress) => void,
): AsyncGenerator<FileEvent, { sha256: string; bytes: number }> {
  const totalBytes = (await stat(path)).size;
  const hash = createHash("sha256");
  let bytesRead = 0;
  let lastReport = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytesRead += chunk.length;
      if (onProgress && (bytesRead - lastReport > 1_048_576 || bytesRead === totalBytes)) {
        lastReport = bytesRead;
        onProgress({ bytesRead, totalBytes });
      }
      callback(null, chunk);
    },
  });
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const source = file.pipe(meter);
  try {
    if (format === "csv") {
      yield* readCsv(source);
    } else {
      yield* readJsonLines(source);
    }
    onProgress?.({ bytesRead, totalBytes });
    return { sha256: hash.digest("hex"), bytes: bytesRead };
  } finally {
    // a reader stopped early (after the header, or at a fatal problem) still closes its file
    file.destroy();
  }
}

async function* readCsv(source: NodeJS.ReadableStream): AsyncGenerator<FileEvent> {
  const parser = source.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true }),
  );
  let columns: string[] | null = null;
  // Records are counted here rather than asking csv-parse for per-record info, which costs a
  // third of the parsing time; record n is spreadsheet row n (the header is row 1).
  let row = 0;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      row += 1;
      if (columns === null) {
        columns = values.map((value) => value.trim().toLowerCase());
        yield { kind: "header", columns };
        continue;
      }
      if (values.length !== columns.length) {
        yield {
          kind: "problem",
          row,
          column: null,
          message: `has ${values.length} fields; the header has ${columns.length}`,
          fatal: false,
        };
        continue;
      }
      const cells: Record<string, string> = {};
      for (let index = 0; index < columns.length; index += 1) {
        cells[columns[index] as string] = values[index] as string;
      }
      yield { kind: "row", row: { row, cells } };
    }
  } catch (error) {
    const csvError = error as Error & { lines?: number; code?: string };
    yield {
      kind: "problem",
      row: csvError.lines ?? null,
      column: null,
      message: `is not valid CSV: ${csvError.message}`,
      fatal: true,
    };
    return;
  }
  if (columns === null)
    yield {
      kind: "problem",
      row: null,
      column: null,
      message: "is empty: it has no header row",
      fatal: true,
    };
}

async function* readJsonLines(source: NodeJS.ReadableStream): AsyncGenerator<FileEvent> {
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  let header: string[] | null = null;
  let lineNumber = 0;
  for await (const rawLine of lines) {
    lineNumber += 1;
    const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, "") : rawLine;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield {
        kind: "problem",
        row: lineNumber,
        column: null,
        message: "is not valid JSON",
        fatal: false,
      };
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      yield {
        kind: "problem",
        row: lineNumber,
        column: null,
        message: "is not a JSON object",
        fatal: false,
      };
      continue;
    }
    const cells: Record<string, string> = {};
    let bad: string | null = null;
    for (const [key, cell] of Object.entries(value)) {
      if (cell === null || cell === undefined) cells[key] = "";
      else if (typeof cell === "string") cells[key] = cell;
      else if (typeof cell === "number" || typeof cell === "boolean") cells[key] = String(cell);
      else bad = key;
    }
    if (bad !== null) {
      yield {
        kind: "problem",
        row: lineNumber,
        column: bad,
        message: `${bad} must be a string, number, boolean or null`,
        fatal: false,
      };
      continue;
    }
    if (header === null) {
      header = Object.keys(cells);
      yield { kind: "header", columns: header };
    }
    yield { kind: "row", row: { row: lineNumber, cells } };
  }
  if (header === null)
    yield {
      kind: "problem",
      row: null,
      column: null,
      message: "is empty: it has no records",
      fatal: true,
    };
}
