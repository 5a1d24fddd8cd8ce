import type { Queryable } from "./database";

export interface BulkColumn<Row> {
  name: string;
  /** PostgreSQL type the text value is cast to, e.g. "uuid", "timestamptz", "jsonb". */
  type: string;
  value: (row: Row) => string | number | boolean | null | object;
}

const rowsPerStatement = 5_000;

/**
 * Inserts many rows with one statement per chunk: each column travels as one text[] parameter
 * and is cast back with unnest, so the parameter count stays fixed however many rows there are.
 */
export async function bulkInsert<Row>(
  db: Queryable,
  table: string,
  columns: BulkColumn<Row>[],
  rows: readonly Row[],
): Promise<void> {
  const names = columns.map((column) => column.name).join(", ");
  const arrays = columns.map((_, index) => `$${index + 1}::text[]`).join(", ");
  const casts = columns.map((column, index) => `c${index}::${column.type}`).join(", ");
  const aliases = columns.map((_, index) => `c${index}`).join(", ");
  const text = `insert into ${table} (${names}) select ${casts} from unnest(${arrays}) as u(${aliases})`;
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const params = columns.map((column) =>
      chunk.map((row) => {
        const value = column.value(row);
        if (value === null) return null;
        if (typeof value === "object") return JSON.stringify(value);
        return String(value);
      }),
    );
    await db.query(text, params);
  }
}
