import Papa from 'papaparse';

/*
 * Datasets for an evaluation, parsed from a CSV (papaparse) or JSONL file. Every column
 * becomes a template variable; a column named `expected` (any case) is what the scorers
 * compare against. Bad input is refused with the line it is on, never half-imported.
 */

/** The most rows a dataset may have (IndexedDB holds them; the grid stays smooth). */
export const MAX_DATASET_ROWS = 100_000;

/** A parsed dataset: its columns (in file order) and its rows (every value a string). */
export interface ParsedDataset {
  columns: string[];
  rows: Record<string, string>[];
}

/** Why a file could not be imported, in a sentence that names the line. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** The file formats read. */
export type DatasetFormat = 'csv' | 'jsonl';

/** The format of a file by its name, else by its first character (`{` means JSONL). */
export function datasetFormat(fileName: string, text: string): DatasetFormat {
  const lower = fileName.toLowerCase();
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'jsonl';
  if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/** The column scorers compare with: the one named `expected`, whatever its case. */
export function expectedColumn(columns: readonly string[]): string | null {
  return columns.find((c) => c.toLowerCase() === 'expected') ?? null;
}

/** Parses a file's text in `format`. Throws a DatasetError naming the line. */
export function parseDataset(text: string, format: DatasetFormat): ParsedDataset {
  const parsed = format === 'csv' ? parseCsv(text) : parseJsonl(text);
  if (parsed.rows.length === 0) throw new DatasetError('The file has no data rows.');
  return parsed;
}

const tooMany = () =>
  new DatasetError(
    `The file has more than ${MAX_DATASET_ROWS.toLocaleString('en-US')} rows; split it, or run it in the workspace.`,
  );

/** Counts the line breaks of `text` between two offsets. */
function newlinesBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * CSV with a header row. Each record's first line is followed through papaparse's cursor, so
 * an error names the line the record starts on even with quoted multi-line fields.
 */
function parseCsv(input: string): ParsedDataset {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let header: string[] | null = null;
  const rows: Record<string, string>[] = [];
  let line = 1;
  let cursor = 0;
  let failure: DatasetError | null = null;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    step(result, parser) {
      const fields = result.data;
      const end = result.meta.cursor;
      // The record starts after the blank lines skipped before it.
      const startLine = line + leadingBlankLines(text, cursor, end);
      line += newlinesBetween(text, cursor, end);
      cursor = end;
      const problem = result.errors[0];
      if (problem && problem.code !== 'UndetectableDelimiter') {
        failure = new DatasetError(`Line ${startLine}: ${problem.message}.`);
        parser.abort();
        return;
      }
      if (!header) {
        failure = headerProblem(fields, startLine);
        header = fields.map((f) => f.trim());
        if (failure) parser.abort();
        return;
      }
      if (fields.length !== header.length) {
        failure = new DatasetError(
          `Line ${startLine}: ${fields.length} ${fields.length === 1 ? 'field' : 'fields'}, but the header has ${header.length}.`,
        );
        parser.abort();
        return;
      }
      if (rows.length === MAX_DATASET_ROWS) {
        failure = tooMany();
        parser.abort();
        return;
      }
      const row: Record<string, string> = {};
      header.forEach((name, i) => {
        row[name] = fields[i] ?? '';
      });
      rows.push(row);
    },
  });
  if (failure) throw failure;
  if (!header) throw new DatasetError('The file is empty.');
  return { columns: header, rows };
}

/** Blank lines at `from` before the record that ends at `to`. */
function leadingBlankLines(text: string, from: number, to: number): number {
  let n = 0;
  let i = from;
  while (i < to) {
    const next = text.indexOf('\n', i);
    if (next === -1 || next >= to) break;
    if (text.slice(i, next).trim() !== '') break;
    n += 1;
    i = next + 1;
  }
  return n;
}

/** The header's problem (empty or repeated names), or null. */
function headerProblem(fields: readonly string[], line: number): DatasetError | null {
  const names = fields.map((f) => f.trim());
  const empty = names.indexOf('');
  if (empty !== -1) return new DatasetError(`Line ${line}: column ${empty + 1} of the header has no name.`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return new DatasetError(`Line ${line}: the header names "${name}" twice.`);
    seen.add(name);
  }
  return null;
}

/** A JSON value as a cell: strings as they are, other values as JSON, null as empty. */
function cellOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** JSON Lines: one object per line; the columns are every key seen, in first-seen order. */
function parseJsonl(text: string): ParsedDataset {
  const columns: string[] = [];
  const known = new Set<string>();
  const rows: Record<string, string>[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const source = (lines[i] ?? '').trim();
    if (source === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : 'invalid JSON';
      throw new DatasetError(`Line ${i + 1}: not valid JSON (${why}).`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new DatasetError(
        `Line ${i + 1}: each line must be a JSON object ({"column": value, …}), not ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : `a ${typeof value}`}.`,
      );
    if (rows.length === MAX_DATASET_ROWS) throw tooMany();
    const row: Record<string, string> = {};
    for (const [key, cell] of Object.entries(value)) {
      if (!known.has(key)) {
        known.add(key);
        columns.push(key);
      }
      row[key] = cellOf(cell);
    }
    rows.push(row);
  }
  // A key missing from a line is an empty value there.
  for (const row of rows) for (const c of columns) row[c] ??= '';
  return { columns, rows };
}
