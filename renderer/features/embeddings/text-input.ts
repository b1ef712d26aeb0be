/*
 * Turning what the user typed, pasted or imported into the list of texts to embed. Pure, so
 * it is unit-tested without a DOM.
 */

/**
 * Fewest and most texts one comparison takes. 2,000 texts make two 2,000 × 2,000 matrices
 * (16 MB each); the SIMD kernel computes them within a second (see dot-kernel.ts).
 */
export const TEXT_COUNT_LIMITS = { min: 2, max: 2000 } as const;

/** One text per line; blank lines dropped, surrounding spaces trimmed (they change nothing a reader sees). */
export function parseLines(source: string): string[] {
  return source
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * Parses CSV (RFC 4180): fields separated by commas, optionally quoted; inside quotes, commas
 * and line breaks are data and `""` is one quote. Written by hand because it is one small
 * state machine and the app has no CSV library; rows are returned as they are (ragged rows
 * allowed), with fully empty lines dropped.
 */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  while (i < source.length) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && source[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** A parsed CSV file, ready for a column to be picked. */
export interface CsvTable {
  /** Column names: the first row when it is a header, else "Column 1", "Column 2"… */
  headers: string[];
  rows: string[][];
}

/** Splits a CSV's rows into headers and data. */
export function toCsvTable(rows: string[][], firstRowIsHeader: boolean): CsvTable {
  const width = rows.reduce((max, r) => Math.max(max, r.length), 0);
  const generic = Array.from({ length: width }, (_, k) => `Column ${k + 1}`);
  if (!firstRowIsHeader || rows.length === 0) return { headers: generic, rows };
  const first = rows[0] as string[];
  const headers = generic.map((name, k) => first[k]?.trim() || name);
  return { headers, rows: rows.slice(1) };
}

/** The texts of one column (by index or header name); empty cells are skipped. */
export function csvColumn(table: CsvTable, column: number | string): string[] {
  const index = typeof column === 'number' ? column : table.headers.indexOf(column);
  if (index < 0) return [];
  return table.rows.map((r) => (r[index] ?? '').trim()).filter((t) => t.length > 0);
}

/** Whether a file name looks like CSV (by extension; the content is not sniffed). */
export function isCsvFile(name: string): boolean {
  return /\.csv$/i.test(name);
}

/** How many texts repeat an earlier one (kept, but worth a warning: they score 1.0 together). */
export function countDuplicates(texts: readonly string[]): number {
  return texts.length - new Set(texts).size;
}

/** Distinct texts in first-seen order (each is embedded once, however often it appears). */
export function uniqueTexts(texts: readonly string[]): string[] {
  return [...new Set(texts)];
}

/** A problem with the list as a whole, or null when it can be embedded. */
export function textCountProblem(count: number): string | null {
  if (count < TEXT_COUNT_LIMITS.min) return `Add at least ${TEXT_COUNT_LIMITS.min} texts, one per line.`;
  if (count > TEXT_COUNT_LIMITS.max)
    return `At most ${TEXT_COUNT_LIMITS.max} texts per comparison; you have ${count}.`;
  return null;
}
