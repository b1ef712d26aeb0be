/**
 * Reads CSV as `read_files(…, format => 'csv', header => true, multiLine => true, escape => '"')`
 * does: RFC 4180 records (a quote inside a quoted field doubled; commas and line breaks inside
 * quotes), CRLF or LF line ends, an optional header. An empty unquoted field is NULL; a quoted
 * empty field is ''. The statements' ai_query turns NULL into '' with coalesce anyway.
 */

export interface CsvTable {
  columns: string[];
  rows: (string | null)[][];
}

export interface CsvOptions {
  header: boolean;
  /** One character; ',' by default. */
  sep?: string;
  /** One character; '"' by default. */
  quote?: string;
}

/** A record that can't be read (an unclosed quote): Databricks' malformed-record error. */
export class CsvError extends Error {}

/** Splits CSV text into records of fields (null: an empty unquoted field). */
export function parseCsvRecords(text: string, sep = ',', quote = '"'): (string | null)[][] {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let i = 0;
  const endField = () => {
    record.push(field === '' && !wasQuoted ? null : field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record.
    if (!(record.length === 1 && record[0] === null)) records.push(record);
    record = [];
  };
  // A byte order mark is not data.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === quote && field === '') {
      quoted = true;
      wasQuoted = true;
    } else if (c === sep) endField();
    else if (c === '\n') endRecord();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRecord();
    } else field += c;
  }
  if (quoted) throw new CsvError('A quoted field is never closed.');
  if (field !== '' || wasQuoted || record.length > 0) endRecord();
  return records;
}

/** The CSV as a table: named columns (header, else _c0, _c1…), every row as wide as the header. */
export function readCsv(text: string, options: CsvOptions): CsvTable {
  const records = parseCsvRecords(text, options.sep ?? ',', options.quote ?? '"');
  const width = Math.max(0, ...records.map((r) => r.length));
  let columns: string[];
  if (options.header) {
    const head = records.shift() ?? [];
    columns = head.map((name, i) => (name === null || name === '' ? `_c${i}` : name));
  } else columns = Array.from({ length: width }, (_, i) => `_c${i}`);
  // Short records are padded with NULL, long ones cut (Spark's PERMISSIVE mode).
  const rows = records.map((r) => columns.map((_, i) => r[i] ?? null));
  return { columns, rows };
}
