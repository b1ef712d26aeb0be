import { randomBytes } from 'node:crypto';
import { type AiQueryPlan, answerRow, planAiQuery } from './ai-query';
import type { DemoConfig } from './config';
import { CsvError, readCsv } from './csv-read';
import type { EndpointRegistry } from './endpoint-registry';
import { DemoHttpError } from './http-util';
import { SqlStatementError } from './sql-errors';
import { type ParsedQuery, parseQuery, type QuerySource, SqlRoutineError } from './sql-parser';
import type { StoredTable, TableStore } from './sql-tables';
import { SqlSyntaxError } from './sql-tokenizer';
import type { WarehouseRegistry } from './sql-warehouses';
import type { VolumeStore } from './volumes';

/**
 * The demo's Statement Execution API: statements run asynchronously on a warehouse, PENDING
 * (`sqlPendingMs`, and while the warehouse is STARTING) → RUNNING (row by row, `sqlRowMs` per
 * row) → SUCCEEDED / FAILED / CANCELED. Results are JSON_ARRAY chunks of at most 500 rows,
 * every value a string or null (an ai_query struct as its JSON text). Only the shapes
 * sql-parser.ts reads are understood; any other statement fails with `[PARSE_SYNTAX_ERROR]`.
 */

export type StatementState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'CLOSED';

/** Rows per result chunk (Databricks' inline chunks are bounded too). */
export const ROWS_PER_CHUNK = 500;

/** How many statements are remembered (the oldest finished ones are forgotten first). */
export const MAX_STATEMENTS = 500;

/**
 * Result rows kept across statements. Past it, the oldest results expire: their statement
 * reads CLOSED, as Databricks' do after a while, so the demo's memory stays bounded.
 */
export const MAX_RETAINED_ROWS = 250_000;

/** The columns of a CREATE TABLE … AS SELECT answer. */
const CTAS_COLUMNS = [
  { name: 'num_affected_rows', type: 'LONG' },
  { name: 'num_inserted_rows', type: 'LONG' },
];

const STRUCT_TYPE = 'STRUCT<result: STRING, errorMessage: STRING>';

interface Column {
  name: string;
  type: string;
}

interface Statement {
  id: string;
  warehouseId: string;
  state: StatementState;
  error: { error_code: string; message: string } | null;
  columns: Column[];
  rows: (string | null)[][];
  listeners: (() => void)[];
}

/** What statements run against. */
export interface SqlEnvironment {
  config(): DemoConfig;
  endpoints(): EndpointRegistry;
  warehouses: WarehouseRegistry;
  volumes: VolumeStore;
  tables: TableStore;
}

/** Where a statement's unqualified names live (the request's `catalog` and `schema`). */
export interface NameDefaults {
  catalog: string;
  schema: string;
}

const isTerminal = (s: StatementState) =>
  s === 'SUCCEEDED' || s === 'FAILED' || s === 'CANCELED' || s === 'CLOSED';

const sleep = (ms: number) =>
  new Promise<void>((resolve) => (ms <= 0 ? setImmediate(resolve) : setTimeout(resolve, ms)));

const quoted = (parts: string[]) => parts.map((p) => `\`${p}\``).join('.');

function qualify(parts: string[], defaults: NameDefaults): string[] {
  if (parts.length === 3) return parts;
  if (parts.length === 2) return [defaults.catalog, ...parts];
  if (parts.length === 1) return [defaults.catalog, defaults.schema, ...parts];
  throw new SqlStatementError(
    'REQUIRES_SINGLE_PART_NAMESPACE',
    `${quoted(parts)} has too many name parts: use catalog.schema.table. SQLSTATE: 42K05`,
  );
}

/** A source's columns and rows. */
interface Relation {
  columns: Column[];
  rows: (string | null)[][];
}

export class StatementStore {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly env: SqlEnvironment,
    private readonly maxRetainedRows = MAX_RETAINED_ROWS,
  ) {}

  /**
   * Accepts a statement for a warehouse. Unknown warehouse: 404; a STOPPED (or STOPPING) one:
   * 400 INVALID_STATE (start it first). A statement that does not parse is FAILED at once.
   */
  submit(warehouseId: string, sql: string, defaults: NameDefaults): Statement {
    const state = this.env.warehouses.state(warehouseId);
    if (state === 'STOPPED' || state === 'STOPPING' || state === 'DELETED')
      throw new DemoHttpError(
        400,
        'INVALID_STATE',
        `The SQL warehouse ${warehouseId} is ${state}. Start it, then run the statement again.`,
      );
    const st: Statement = {
      id: `01ef${randomBytes(14).toString('hex')}`,
      warehouseId,
      state: 'PENDING',
      error: null,
      columns: [],
      rows: [],
      listeners: [],
    };
    this.remember(st);
    let query: ParsedQuery | null = null;
    try {
      query = parseQuery(sql);
    } catch (err) {
      this.fail(st, err);
    }
    if (query) void this.run(st, query, defaults).catch((err: unknown) => this.fail(st, err));
    return st;
  }

  /** A statement by id; 404 when unknown (or forgotten). */
  get(id: string): Statement {
    const st = this.statements.get(id);
    if (!st) throw new DemoHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `Statement ${id} does not exist.`);
    return st;
  }

  /** Cancels a PENDING or RUNNING statement; a finished one stays as it is. */
  cancel(id: string): void {
    const st = this.get(id);
    if (!isTerminal(st.state)) this.finish(st, 'CANCELED');
  }

  /** Resolves when the statement is finished or `ms` have passed. */
  waitFor(id: string, ms: number): Promise<void> {
    const st = this.get(id);
    if (isTerminal(st.state) || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      st.listeners.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The statement as `GET /api/2.0/sql/statements/{id}` answers it. */
  describe(id: string): Record<string, unknown> {
    const st = this.get(id);
    const status: Record<string, unknown> = { state: st.state };
    if (st.error) status.error = st.error;
    const out: Record<string, unknown> = { statement_id: st.id, status };
    if (st.state !== 'SUCCEEDED') return out;
    const chunkCount = Math.ceil(st.rows.length / ROWS_PER_CHUNK);
    out.manifest = {
      format: 'JSON_ARRAY',
      schema: {
        column_count: st.columns.length,
        columns: st.columns.map((c, position) => ({
          name: c.name,
          type_text: c.type,
          type_name: c.type.startsWith('STRUCT') ? 'STRUCT' : c.type,
          position,
        })),
      },
      total_row_count: st.rows.length,
      total_chunk_count: chunkCount,
      chunks: Array.from({ length: chunkCount }, (_, i) => ({
        chunk_index: i,
        row_offset: i * ROWS_PER_CHUNK,
        row_count: Math.min(ROWS_PER_CHUNK, st.rows.length - i * ROWS_PER_CHUNK),
      })),
      truncated: false,
    };
    if (chunkCount > 0) out.result = this.chunk(id, 0);
    return out;
  }

  /** One result chunk as `GET …/result/chunks/{n}` answers it. */
  chunk(id: string, index: number): Record<string, unknown> {
    const st = this.get(id);
    if (st.state !== 'SUCCEEDED')
      throw new DemoHttpError(
        400,
        'BAD_REQUEST',
        `Statement ${id} is ${st.state}: only a SUCCEEDED statement has results.`,
      );
    const count = Math.ceil(st.rows.length / ROWS_PER_CHUNK);
    if (!Number.isInteger(index) || index < 0 || index >= count)
      throw new DemoHttpError(
        400,
        'INVALID_PARAMETER_VALUE',
        `Chunk index ${index} is out of range: the result has ${count} chunk(s).`,
      );
    const offset = index * ROWS_PER_CHUNK;
    const data = st.rows.slice(offset, offset + ROWS_PER_CHUNK);
    const out: Record<string, unknown> = {
      chunk_index: index,
      row_offset: offset,
      row_count: data.length,
      data_array: data,
    };
    if (index + 1 < count) {
      out.next_chunk_index = index + 1;
      out.next_chunk_internal_link = `/api/2.0/sql/statements/${id}/result/chunks/${index + 1}`;
    }
    return out;
  }

  private remember(st: Statement): void {
    this.statements.set(st.id, st);
    if (this.statements.size <= MAX_STATEMENTS) return;
    for (const [id, old] of this.statements) {
      if (isTerminal(old.state)) {
        this.statements.delete(id);
        break;
      }
    }
  }

  private finish(st: Statement, state: StatementState): void {
    st.state = state;
    if (state !== 'SUCCEEDED') st.rows = [];
    const listeners = st.listeners;
    st.listeners = [];
    for (const l of listeners) l();
  }

  private fail(st: Statement, err: unknown): void {
    if (isTerminal(st.state)) return;
    const known =
      err instanceof SqlStatementError ||
      err instanceof SqlSyntaxError ||
      err instanceof SqlRoutineError ||
      err instanceof CsvError;
    if (!known) console.error('[demo-workspace] statement', err);
    const message =
      err instanceof CsvError
        ? `[MALFORMED_RECORD_IN_PARSING] ${err.message}`
        : known
          ? (err as Error).message
          : '[INTERNAL_ERROR] The demo workspace failed to run the statement.';
    const code = err instanceof SqlStatementError ? err.errorCode : 'BAD_REQUEST';
    st.error = { error_code: code, message };
    this.finish(st, 'FAILED');
  }

  private async run(st: Statement, query: ParsedQuery, defaults: NameDefaults): Promise<void> {
    // PENDING: the queue, and as long as the warehouse is still starting.
    await sleep(this.env.config().sqlPendingMs);
    while (this.env.warehouses.state(st.warehouseId) === 'STARTING' && st.state === 'PENDING')
      await sleep(100);
    if (st.state !== 'PENDING') return;
    st.state = 'RUNNING';
    const target = query.createTable ? qualify(query.createTable, defaults) : null;
    if (target) this.checkTarget(target);
    const source = this.load(query.source, defaults);
    const { columns, compute } = this.project(query, source);
    const rows: (string | null)[][] = [];
    const config = this.env.config();
    const rowMs = config.sqlRowMs;
    const started = performance.now();
    for (let i = 0; i < source.rows.length; i++) {
      if (st.state !== 'RUNNING') return;
      rows.push(compute(source.rows[i] as (string | null)[], config));
      // Yield (and keep the pace) every few rows, so a cancel or a poll gets in.
      if ((i + 1) % 50 === 0 || rowMs >= 5) await sleep(started + (i + 1) * rowMs - performance.now());
    }
    if (st.state !== 'RUNNING') return;
    if (target) {
      this.checkTarget(target);
      this.env.tables.set(target, { columns, rows });
      st.columns = CTAS_COLUMNS;
      st.rows = [[String(rows.length), String(rows.length)]];
    } else {
      st.columns = columns;
      st.rows = rows;
    }
    this.finish(st, 'SUCCEEDED');
    this.expireOldResults(st);
  }

  /** Closes the oldest succeeded statements (never `keep`) while too many rows are kept. */
  private expireOldResults(keep: Statement): void {
    let kept = 0;
    for (const s of this.statements.values()) kept += s.rows.length;
    for (const old of this.statements.values()) {
      if (kept <= this.maxRetainedRows) return;
      if (old === keep || old.state !== 'SUCCEEDED') continue;
      kept -= old.rows.length;
      old.rows = [];
      old.state = 'CLOSED';
    }
  }

  private checkTarget(target: string[]): void {
    if (!this.env.tables.schemaExists(target))
      throw new SqlStatementError(
        'SCHEMA_NOT_FOUND',
        `The schema ${quoted(target.slice(0, 2))} cannot be found. Verify the spelling and correctness of the schema and catalog. SQLSTATE: 42704`,
      );
    if (this.env.tables.get(target))
      throw new SqlStatementError(
        'TABLE_OR_VIEW_ALREADY_EXISTS',
        `Cannot create table or view ${quoted(target)} because it already exists. Choose a different name, drop the existing object, or add the IF NOT EXISTS clause. SQLSTATE: 42P07`,
      );
  }

  private load(source: QuerySource, defaults: NameDefaults): Relation {
    if (source.kind === 'table') {
      const name = qualify(source.name, defaults);
      const table: StoredTable | undefined = this.env.tables.get(name);
      if (!table)
        throw new SqlStatementError(
          'TABLE_OR_VIEW_NOT_FOUND',
          `The table or view ${quoted(name)} cannot be found. Verify the spelling and correctness of the schema and catalog. SQLSTATE: 42P01`,
        );
      return { columns: table.columns, rows: table.rows };
    }
    const format = String(source.options.format ?? '').toLowerCase();
    if (format !== 'csv')
      throw new SqlStatementError(
        'UNSUPPORTED_DATA_SOURCE_FORMAT',
        `The demo workspace's read_files reads format => 'csv' only; got ${JSON.stringify(source.options.format ?? null)}.`,
      );
    let bytes: Buffer;
    try {
      bytes = this.env.volumes.get(source.path);
    } catch (err) {
      if (!(err instanceof DemoHttpError)) throw err;
      throw new SqlStatementError(
        'PATH_NOT_FOUND',
        `Path does not exist: ${source.path}. ${err.message} SQLSTATE: 42K03`,
      );
    }
    const one = (v: unknown, fallback: string) => (typeof v === 'string' && v.length === 1 ? v : fallback);
    const csv = readCsv(bytes.toString('utf8'), {
      header: source.options.header === true,
      sep: one(source.options.sep ?? source.options.delimiter, ','),
      quote: one(source.options.quote, '"'),
    });
    return { columns: csv.columns.map((name) => ({ name, type: 'STRING' })), rows: csv.rows };
  }

  /** The output columns and a function computing one output row from a source row. */
  private project(
    query: ParsedQuery,
    source: Relation,
  ): { columns: Column[]; compute: (row: (string | null)[], config: DemoConfig) => (string | null)[] } {
    const index = (name: string): number => {
      const at = source.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
      if (at >= 0) return at;
      const names = source.columns.map((c) => `\`${c.name}\``).join(', ');
      throw new SqlStatementError(
        'UNRESOLVED_COLUMN.WITH_SUGGESTION',
        `A column, variable, or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${names}]. SQLSTATE: 42703`,
      );
    };
    const columns: Column[] = [];
    const parts: ((row: (string | null)[], config: DemoConfig) => (string | null)[])[] = [];
    for (const item of query.items) {
      if (item.kind === 'star') {
        columns.push(...source.columns);
        parts.push((row) => row);
      } else if (item.kind === 'column') {
        const at = index(item.name);
        columns.push({ name: item.alias, type: source.columns[at]?.type ?? 'STRING' });
        parts.push((row) => [row[at] ?? null]);
      } else {
        const plan: AiQueryPlan = planAiQuery(item.call, this.env.endpoints());
        const request = item.call.request.map((p) => (p.kind === 'text' ? p : { ...p, at: index(p.name) }));
        columns.push({ name: item.alias, type: plan.failOnError ? 'STRING' : STRUCT_TYPE });
        parts.push((row, config) => {
          let prompt: string | null = '';
          for (const p of request) {
            if (p.kind === 'text') prompt += p.text;
            else {
              const v = row[p.at] ?? null;
              // CONCAT of a NULL is NULL (coalesce(…, '') avoids it); ai_query of NULL is NULL.
              if (v === null && !p.orEmpty) prompt = null;
              if (prompt !== null) prompt += v ?? '';
            }
            if (prompt === null) break;
          }
          if (prompt === null) return [null];
          const answer = answerRow(plan, prompt, config);
          if (plan.failOnError) {
            if (!answer.ok) throw new SqlStatementError('AI_FUNCTION_HTTP_REQUEST_ERROR', answer.message);
            return [answer.text];
          }
          return [
            JSON.stringify(
              answer.ok
                ? { result: answer.text, errorMessage: null }
                : { result: null, errorMessage: answer.message },
            ),
          ];
        });
      }
    }
    return { columns, compute: (row, config) => parts.flatMap((f) => f(row, config)) };
  }
}
