export interface CsvRecords {
  records: string[][];
  /**
   * False when the text stopped inside a record (a slice of a larger file cut mid-row); that
   * last, partial record is left out.
   */
  complete: boolean;
}

/**
 * Reads CSV records as RFC 4180 does (quoted fields with commas, doubled quotes and line breaks,
 * CRLF or LF line ends, a UTF-8 byte-order mark), skipping empty lines, up to `maxRecords`.
 * `endOfFile` says whether the text is the whole file: when it is not, a record the text ends
 * in is not trusted, since its rest is in the part not read.
 */
export function parseCsvRecords(
  text: string,
  { maxRecords = Number.POSITIVE_INFINITY, endOfFile = true } = {},
): CsvRecords {
  const records: string[][] = [];
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let index = 0;

  const endRecord = () => {
    record.push(field);
    // An empty line is a single empty field: skipped, as the importer does.
    if (!(record.length === 1 && record[0] === "" && !fieldStarted)) records.push(record);
    record = [];
    field = "";
    fieldStarted = false;
  };

  while (index < source.length && records.length < maxRecords) {
    const char = source[index] as string;
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      index += 1;
      continue;
    }
    if (char === '"' && field === "") {
      quoted = true;
      fieldStarted = true;
    } else if (char === ",") {
      record.push(field);
      field = "";
      fieldStarted = true;
    } else if (char === "\r" || char === "\n") {
      endRecord();
      if (char === "\r" && source[index + 1] === "\n") index += 1;
    } else {
      field += char;
      fieldStarted = true;
    }
    index += 1;
  }

  if (records.length >= maxRecords) return { records, complete: true };
  // The text ended inside a record.
  if (fieldStarted || field !== "" || record.length > 0) {
    if (endOfFile && !quoted) {
      endRecord();
      return { records, complete: true };
    }
    return { records, complete: false };
  }
  return { records, complete: true };
}
