import type { GenerationParams, ResponseFormat } from './domain';
import { templateParts } from './eval-template';

/*
 * The in-workspace path of Evaluate: one `ai_query` statement per variant, run by the
 * workspace's SQL engine over a dataset uploaded to a Unity Catalog volume (or a table), and
 * the dataset as the CSV that is uploaded. Pure: no DOM, no Node.
 *
 * Quoting follows Databricks SQL's rules (language manual, "STRING type" and "Identifiers"):
 * - a string literal is '…' where a backslash escapes the next character. A quote is written
 *   \' and a backslash \\. Doubling a quote ('') is NOT used: Spark SQL reads 'a''b' as two
 *   adjacent literals and joins them into "ab", silently dropping the quote. Line breaks, tabs
 *   and NUL are written \n, \r, \t, \0 so a statement stays on the lines it was built on;
 *   every other character (unicode included) goes in as is. `\%` and `\_` keep their
 *   backslash in Databricks, which is why a backslash is always doubled, never left alone.
 * - an identifier is `…` with a backtick inside doubled (``).
 * - a template column is `coalesce(CAST(`col` AS STRING), '')`: CONCAT returns NULL when any
 *   argument is NULL (an empty CSV field reads as NULL), and the row would then send nothing.
 *
 * Foundation-model endpoints take ai_query's `request` as one STRING, sent as the single user
 * message: there is no separate system field. A system prompt is therefore prepended to the
 * user prompt, separated by a blank line (`SYSTEM_SEPARATOR`). `renderPrompt` gives the exact
 * text the statement computes for a row, so a local run can send the same prompt.
 */

/** Where the dataset is read from. */
export type EvalSource = { kind: 'volume'; path: string } | { kind: 'table'; name: string };

/** A prompt template: `{{column}}` placeholders in a system prompt (optional) and a user prompt. */
export interface EvalTemplate {
  system?: string;
  user: string;
}

/** What one variant's statement is built from. */
export interface EvalStatementInput {
  /** The serving endpoint ai_query calls. */
  endpoint: string;
  template: EvalTemplate;
  /**
   * Parameters in their wire names (the app's GenerationParams). Sent as `modelParameters`:
   * max_tokens, temperature, top_p, top_k, stop, reasoning_effort; `response_format` becomes
   * `responseFormat`. The app-only switches (stream, tool_mock, max_tool_steps) are ignored;
   * tools, thinking budgets and n > 1 cannot be expressed through ai_query and are refused.
   */
  params?: GenerationParams;
  /** Overrides `params.response_format`. `{type: 'text'}` sends nothing. */
  responseFormat?: ResponseFormat;
  source: EvalSource;
  /** The dataset's columns, when known: every template variable must be one of them. */
  columns?: readonly string[];
  /** The row id column, returned first so results can be matched to rows. */
  idColumn: string;
  /** More dataset columns returned beside the answer (e.g. `expected`). */
  keepColumns?: readonly string[];
  /** `catalog.schema.table`: keep the results in the workspace (`CREATE TABLE … AS SELECT …`). */
  createTable?: string;
}

/** A template or name the statement can't be built from; the message says what to fix. */
export class EvalSqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalSqlError';
  }
}

/** What separates a system prompt from the user prompt in ai_query's one request string. */
export const SYSTEM_SEPARATOR = '\n\n';

/** The answer column of the statement (a `STRUCT<result STRING, errorMessage STRING>`). */
export const RESPONSE_COLUMN = 'response';

/** Parameters ai_query passes to a foundation model (`modelParameters`), in their wire names. */
export const MODEL_PARAMETER_NAMES = [
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'reasoning_effort',
] as const;

/** Integer parameters: written without a decimal point. The others are doubles. */
const INTEGER_PARAMETERS = new Set(['max_tokens', 'top_k']);

/** The app's own switches, never sent to a model. */
const APP_ONLY = new Set(['stream', 'tool_mock', 'max_tool_steps']);

// ---------------------------------------------------------------- literals and names

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
};

/** A Databricks SQL string literal holding exactly `text` (see the file comment). */
export function sqlStringLiteral(text: string): string {
  return `'${text.replace(/[\\'\n\r\t\0]/g, (c) => ESCAPES[c] ?? c)}'`;
}

/** A delimited identifier: `name`, a backtick inside doubled. */
export function sqlIdentifier(name: string): string {
  if (name === '') throw new EvalSqlError('A column name is empty.');
  return `\`${name.replaceAll('`', '``')}\``;
}

// Control characters (C0, DEL, C1) in a name or path: never legitimate, possibly a trick.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of the check
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Endpoint names: letters, digits, `.`, `-`, `_` (the contract's rule). */
const ENDPOINT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;

/** Checks an endpoint name; returns it. */
export function checkEndpointName(name: string): string {
  if (!ENDPOINT_NAME.test(name))
    throw new EvalSqlError(
      `"${name}" is not an endpoint name: use letters, digits, ".", "-" and "_" (starting with a letter or digit).`,
    );
  return name;
}

/**
 * Splits and checks a Unity Catalog name of `parts` parts (catalog.schema.table). Parts are
 * unquoted (no backticks, no dots inside a part), not empty, without control characters or `/`.
 */
export function parseUnityCatalogName(name: string, parts = 3): string[] {
  const what = parts === 3 ? 'catalog.schema.table' : `${parts} dot-separated parts`;
  const split = name.split('.');
  if (split.length !== parts)
    throw new EvalSqlError(`"${name}" is not a Unity Catalog name: write it as ${what}.`);
  for (const part of split) {
    if (part.trim() === '') throw new EvalSqlError(`"${name}" has an empty part: write it as ${what}.`);
    if (part !== part.trim())
      throw new EvalSqlError(`"${name}" has a part that starts or ends with a space.`);
    if (CONTROL.test(part) || part.includes('/') || part.includes('`'))
      throw new EvalSqlError(
        `"${name}" holds a character a Unity Catalog name can't have (/, \` or a control character).`,
      );
  }
  return split;
}

/** A Unity Catalog name as SQL: each part backtick-quoted. */
export function sqlQualifiedName(name: string, parts = 3): string {
  return parseUnityCatalogName(name, parts).map(sqlIdentifier).join('.');
}

/** A checked volume path's pieces. */
export interface VolumePath {
  catalog: string;
  schema: string;
  volume: string;
  /** The path inside the volume, segments joined by `/` (never empty). */
  file: string;
  /** Every segment after `/Volumes`, in order. */
  segments: string[];
}

/**
 * Checks a Unity Catalog volume file path: `/Volumes/<catalog>/<schema>/<volume>/<file…>`,
 * no empty, `.` or `..` segment (they would move the path elsewhere), no control characters,
 * no backslash.
 */
export function parseVolumePath(path: string): VolumePath {
  if (!path.startsWith('/Volumes/'))
    throw new EvalSqlError(
      `"${path}" is not a volume path: it starts with /Volumes/<catalog>/<schema>/<volume>/.`,
    );
  const segments = path.slice('/Volumes/'.length).split('/');
  if (segments.length < 4)
    throw new EvalSqlError(`"${path}" names no file: write /Volumes/<catalog>/<schema>/<volume>/<file>.csv.`);
  for (const segment of segments) {
    if (segment === '') throw new EvalSqlError(`"${path}" has an empty segment (//, or a trailing /).`);
    if (segment === '.' || segment === '..')
      throw new EvalSqlError(`"${path}" has a "${segment}" segment; write the path without it.`);
    if (CONTROL.test(segment) || segment.includes('\\'))
      throw new EvalSqlError(`"${path}" holds a backslash or a control character.`);
  }
  const [catalog, schema, volume, ...rest] = segments as [string, string, string, ...string[]];
  return { catalog, schema, volume, file: rest.join('/'), segments };
}

// ---------------------------------------------------------------- templates

/** A piece of a template: literal text, or a `{{variable}}`. */
export type TemplateSegment = { kind: 'text'; text: string } | { kind: 'variable'; name: string };

/**
 * Splits a template into text and variables (adjacent text merged, empty text dropped), with
 * the Evaluate view's one placeholder grammar (`templateParts`); `{{ }}` names nothing and
 * stays text.
 */
export function parseTemplate(template: string): TemplateSegment[] {
  const out: TemplateSegment[] = [];
  const text = (t: string) => {
    if (t === '') return;
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += t;
    else out.push({ kind: 'text', text: t });
  };
  for (const part of templateParts(template)) {
    if (part.kind === 'text') text(part.text);
    else if (part.name.trim() === '') text(part.raw);
    else out.push({ kind: 'variable', name: part.name });
  }
  return out;
}

/** The variables a template uses, each once, in order of first use (system prompt first). */
export function templateVariables(template: EvalTemplate): string[] {
  const names = new Set<string>();
  for (const part of [template.system ?? '', template.user])
    for (const seg of parseTemplate(part)) if (seg.kind === 'variable') names.add(seg.name);
  return [...names];
}

/** The segments of the one request string: system, separator, user (system only when non-empty). */
function requestSegments(template: EvalTemplate): TemplateSegment[] {
  const user = parseTemplate(template.user);
  if (!template.system) return user;
  const all: TemplateSegment[] = [
    ...parseTemplate(template.system),
    { kind: 'text', text: SYSTEM_SEPARATOR },
    ...user,
  ];
  // Adjacent texts become one literal.
  return all.reduce<TemplateSegment[]>((out, seg) => {
    const last = out.at(-1);
    if (seg.kind === 'text' && last?.kind === 'text')
      out[out.length - 1] = { kind: 'text', text: last.text + seg.text };
    else out.push(seg);
    return out;
  }, []);
}

/**
 * A dataset value as text, the same in the uploaded CSV and in a locally rendered prompt:
 * null or missing is '', an object or array its JSON, anything else `String(value)`.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The request text the statement computes for one row: what ai_query sends as the user
 * message. A missing or null value is '' (as the statement's coalesce makes it).
 */
export function renderPrompt(template: EvalTemplate, row: Readonly<Record<string, unknown>>): string {
  return requestSegments(template)
    .map((seg) => (seg.kind === 'text' ? seg.text : cellText(row[seg.name])))
    .join('');
}

/** Template variables that are not dataset columns (none when the columns are unknown). */
export function unknownVariables(template: EvalTemplate, columns: readonly string[] | undefined): string[] {
  if (!columns) return [];
  const known = new Set(columns);
  return templateVariables(template).filter((name) => !known.has(name));
}

/** The template as one SQL expression: a CONCAT of literals and (null-safe) columns. */
export function templateExpression(template: EvalTemplate): string {
  const parts = requestSegments(template).map((seg) =>
    seg.kind === 'text'
      ? sqlStringLiteral(seg.text)
      : `coalesce(CAST(${sqlIdentifier(seg.name)} AS STRING), '')`,
  );
  if (parts.length === 0) throw new EvalSqlError('The prompt template is empty: write a user prompt.');
  return parts.length === 1 && parts[0]?.startsWith("'")
    ? (parts[0] as string)
    : `CONCAT(${parts.join(', ')})`;
}

// ---------------------------------------------------------------- parameters

function numberLiteral(name: string, value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new EvalSqlError(`${name} must be a number; got ${JSON.stringify(value)}.`);
  if (INTEGER_PARAMETERS.has(name)) {
    if (!Number.isInteger(value)) throw new EvalSqlError(`${name} must be a whole number; got ${value}.`);
    return String(value);
  }
  // A double: always with a decimal point or an exponent (0 → 0.0), as Databricks' examples.
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** `named_struct('max_tokens', 256, 'temperature', 0.0, …)`, or null when nothing is set. */
export function modelParametersExpression(params: GenerationParams = {}): string | null {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || APP_ONLY.has(key) || key === 'response_format') continue;
    if (key === 'tools' || key === 'tool_choice') {
      if (key === 'tools' && Array.isArray(value) && value.length === 0) continue;
      throw new EvalSqlError('ai_query cannot send tools: run variants with tools on this machine.');
    }
    if (key === 'thinking_budget')
      throw new EvalSqlError('ai_query cannot send a thinking budget: run this variant on this machine.');
    if (key === 'n') {
      if (value === 1) continue;
      throw new EvalSqlError('ai_query answers once per row: n must be 1.');
    }
    if (!(MODEL_PARAMETER_NAMES as readonly string[]).includes(key))
      throw new EvalSqlError(`"${key}" is not a parameter ai_query can send.`);
    if (key === 'stop') {
      if (!Array.isArray(value) || value.some((s) => typeof s !== 'string'))
        throw new EvalSqlError('stop must be a list of texts.');
      if (value.length === 0) continue;
      pairs.push(`'stop', array(${(value as string[]).map((s) => sqlStringLiteral(s)).join(', ')})`);
    } else if (key === 'reasoning_effort') {
      pairs.push(`'reasoning_effort', ${sqlStringLiteral(String(value))}`);
    } else pairs.push(`'${key}', ${numberLiteral(key, value)}`);
  }
  return pairs.length === 0 ? null : `named_struct(${pairs.join(', ')})`;
}

// ---------------------------------------------------------------- the statement

/**
 * The `FROM` source: read_files over the CSV, or a table. The options read RFC 4180 (quotes
 * doubled, line breaks inside quotes) and keep every column a STRING (`inferColumnTypes =>
 * false`: read_files infers types by default, which would turn an id "007" into 7 and a value
 * "3.50" into 3.5, so the prompt would differ from the one a local run sends).
 */
export function sourceExpression(source: EvalSource): string {
  if (source.kind === 'table') return sqlQualifiedName(source.name);
  parseVolumePath(source.path);
  return `read_files(${sqlStringLiteral(source.path)}, format => 'csv', header => true, multiLine => true, escape => '"', inferColumnTypes => false)`;
}

/**
 * The statement of one variant:
 *
 * ```sql
 * [CREATE TABLE `c`.`s`.`t` AS ]
 * SELECT `id`, `expected`,
 *   ai_query('endpoint', CONCAT('Q: ', coalesce(CAST(`question` AS STRING), '')),
 *     modelParameters => named_struct('max_tokens', 256, 'temperature', 0.0),
 *     responseFormat => '{"type":"json_object"}',
 *     failOnError => false) AS response
 * FROM read_files('/Volumes/c/s/v/data.csv', format => 'csv', header => true, multiLine => true,
 *   escape => '"', inferColumnTypes => false)
 * ```
 *
 * Throws EvalSqlError with a sentence to act on when something can't be expressed safely.
 */
export function buildEvalStatement(input: EvalStatementInput): string {
  checkEndpointName(input.endpoint);
  if (input.template.user.trim() === '') throw new EvalSqlError('Write a user prompt first.');
  const unknown = unknownVariables(input.template, input.columns);
  if (unknown.length > 0)
    throw new EvalSqlError(
      `The template uses ${unknown.map((n) => `{{${n}}}`).join(', ')}, which the dataset has no column for.`,
    );
  const returned = [input.idColumn, ...(input.keepColumns ?? [])].filter(
    (name, i, all) => all.indexOf(name) === i,
  );
  for (const name of returned) {
    if (name === '') throw new EvalSqlError('Pick the id column.');
    if (name.toLowerCase() === RESPONSE_COLUMN)
      throw new EvalSqlError(
        `The column "${name}" would clash with the answer column "${RESPONSE_COLUMN}": rename it.`,
      );
    if (input.columns && !input.columns.includes(name))
      throw new EvalSqlError(`The dataset has no column "${name}".`);
  }
  const args = [sqlStringLiteral(input.endpoint), templateExpression(input.template)];
  const modelParameters = modelParametersExpression(input.params);
  if (modelParameters) args.push(`modelParameters => ${modelParameters}`);
  const format = input.responseFormat ?? input.params?.response_format;
  if (format && format.type !== 'text')
    args.push(`responseFormat => ${sqlStringLiteral(JSON.stringify(format))}`);
  args.push('failOnError => false');
  const columns = [
    ...returned.map(sqlIdentifier),
    `ai_query(\n    ${args.join(',\n    ')}\n  ) AS ${RESPONSE_COLUMN}`,
  ];
  const select = `SELECT\n  ${columns.join(',\n  ')}\nFROM ${sourceExpression(input.source)}`;
  return input.createTable ? `CREATE TABLE ${sqlQualifiedName(input.createTable)} AS\n${select}` : select;
}

/** `SELECT * FROM <catalog.schema.table>`: reads back results kept with `createTable`. */
export function selectTableStatement(name: string): string {
  return `SELECT * FROM ${sqlQualifiedName(name)}`;
}

// ---------------------------------------------------------------- results

/** One row's answer: the model's text, or why the row failed (`failOnError => false`). */
export interface AiQueryAnswer {
  result: string | null;
  errorMessage: string | null;
}

/**
 * Reads an ai_query cell. With `failOnError => false` (what the builder writes) the cell is
 * the struct as JSON text, `{"result": …, "errorMessage": …}`; a plain text cell (failOnError
 * true) is the result itself; NULL (a NULL request) is neither.
 */
export function readAiQueryCell(cell: string | null): AiQueryAnswer {
  if (cell === null) return { result: null, errorMessage: null };
  if (cell.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(cell);
      if (parsed && typeof parsed === 'object' && ('result' in parsed || 'errorMessage' in parsed)) {
        const o = parsed as Record<string, unknown>;
        const text = (v: unknown) => (typeof v === 'string' ? v : v == null ? null : JSON.stringify(v));
        return { result: text(o.result), errorMessage: text(o.errorMessage) };
      }
    } catch {
      // Not the struct: a result that happens to start with "{".
    }
  }
  return { result: cell, errorMessage: null };
}

/** A result row matched to the dataset: its id, the kept columns and the answer. */
export interface EvalResultRow {
  id: string | null;
  values: Record<string, string | null>;
  answer: AiQueryAnswer;
}

/**
 * Turns a statement's columns and rows (all chunks, in order) into result rows: the id column,
 * the other columns by name, and the `response` column read with readAiQueryCell. Throws
 * EvalSqlError when the id or response column is missing (an edited statement).
 */
export function readEvalResults(
  columns: readonly { name: string }[],
  rows: readonly (readonly (string | null)[])[],
  idColumn: string,
): EvalResultRow[] {
  const names = columns.map((c) => c.name);
  const idAt = names.findIndex((n) => n.toLowerCase() === idColumn.toLowerCase());
  const responseAt = names.findIndex((n) => n.toLowerCase() === RESPONSE_COLUMN);
  if (idAt < 0) throw new EvalSqlError(`The results have no "${idColumn}" column to match rows by.`);
  if (responseAt < 0) throw new EvalSqlError(`The results have no "${RESPONSE_COLUMN}" column.`);
  return rows.map((row) => {
    const values: Record<string, string | null> = {};
    names.forEach((name, i) => {
      if (i !== idAt && i !== responseAt) values[name] = row[i] ?? null;
    });
    return { id: row[idAt] ?? null, values, answer: readAiQueryCell(row[responseAt] ?? null) };
  });
}

// ---------------------------------------------------------------- CSV

/** A CSV field: quoted (quotes doubled) when it holds a comma, a quote, a line break or edge spaces. */
function csvField(value: unknown): string {
  const text = cellText(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The dataset as RFC 4180 CSV: a header row of the column names, then one record per row in
 * column order, CRLF line ends. A missing or null value is an empty field (read back as NULL
 * by Databricks and as '' in the prompt); objects are written as JSON text.
 */
export function datasetToCsv(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
): string {
  if (columns.length === 0) throw new EvalSqlError('The dataset has no columns.');
  const seen = new Set<string>();
  for (const c of columns) {
    if (c === '') throw new EvalSqlError('A column name is empty.');
    if (seen.has(c)) throw new EvalSqlError(`The column "${c}" appears twice.`);
    seen.add(c);
  }
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Bytes a text takes in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
