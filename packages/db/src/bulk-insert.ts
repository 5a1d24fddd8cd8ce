import type { Queryable } from "./database";

export interface BulkColumn<Row> {
  name: string;
  /** PostgreSQL type of the column (documentation; COPY converts the text itself). */
  type: string;
  value: (row: Row) => string | number | boolean | null | object;
}

const rowsPerCopy = 20_000;

/** One CSV field: null is an unquoted empty field (COPY reads it as NULL); everything else is quoted. */
function csvField(value: string | number | boolean | null | object): string {
  if (value === null) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * Inserts many rows with COPY, a chunk at a time: far quicker than INSERT for the hundreds of
 * thousands of rows an inventory import writes, and the same on PGlite and PostgreSQL.
 */
export async function bulkInsert<Row>(
  db: Queryable,
  table: string,
  columns: BulkColumn<Row>[],
  rows: readonly Row[],
): Promise<void> {
  const names = columns.map((column) => column.name);
  for (let start = 0; start < rows.length; start += rowsPerCopy) {
    const end = Math.min(start + rowsPerCopy, rows.length);
    const lines: string[] = new Array(end - start);
    for (let index = start; index < end; index += 1) {
      const row = rows[index] as Row;
      lines[index - start] = columns.map((column) => csvField(column.value(row))).join(",");
    }
    await db.copyCsv(table, names, `${lines.join("\n")}\n`);
  }
}

const bytesPerStreamChunk = 1 << 20;

/**
 * COPY of rows taken from an iterable as the database asks for them: on PostgreSQL the rows
 * are serialised while the server is still loading the ones before, so the caller's per-row
 * work (hashing what it writes, say) overlaps with the load instead of adding to it.
 */
export async function bulkInsertStream<Row>(
  db: Queryable,
  table: string,
  columns: BulkColumn<Row>[],
  rows: Iterable<Row>,
): Promise<number> {
  let count = 0;
  async function* csv(): AsyncGenerator<Buffer> {
    let chunk = "";
    for (const row of rows) {
      chunk += `${columns.map((column) => csvField(column.value(row))).join(",")}\n`;
      count += 1;
      if (chunk.length >= bytesPerStreamChunk) {
        yield Buffer.from(chunk);
        chunk = "";
      }
    }
    if (chunk.length > 0) yield Buffer.from(chunk);
  }
  await db.copyCsvStream(
    table,
    columns.map((column) => column.name),
    csv(),
  );
  return count;
}
