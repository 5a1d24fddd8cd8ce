/**
 * Characters a spreadsheet (Excel, LibreOffice, Google Sheets) reads as the start of a formula,
 * or that it strips before reading one (TAB, CR): OWASP's list for CSV injection.
 */
const formulaStart = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One cell of every CSV Attest writes. Strings come from imported files, SCIM and reviewers'
 * typing, so one that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `-2+3`,
 * `@SUM(…)`) is written with a leading apostrophe, which spreadsheets show as text. Numbers and
 * booleans are ours and are written as they are (a negative count stays a number). Then RFC 4180
 * quoting: a cell with a quote, comma, CR or LF is quoted, its quotes doubled. null and
 * undefined are an empty cell.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record: its cells encoded and joined with commas, without a line end. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",");
}
