import { describeError, type Result } from '../../../shared/errors';
import {
  buildEvalStatement,
  datasetToCsv,
  type EvalSource,
  EvalSqlError,
  parseUnityCatalogName,
  parseVolumePath,
  readEvalResults,
  selectTableStatement,
} from '../../../shared/eval-sql';
import type { StatementStatus, Warehouse } from '../../../shared/sql-schemas';
import type {
  EvalResultRecord,
  EvalRunRecord,
  EvalVariant,
  WorkspaceRunSource,
  WorkspaceStatementRecord,
} from '../../core/db/eval-records';
import { refresh, saveRun, variantParams } from './eval-run';
import { type EvalContext, resultKey } from './eval-types';
import type { PlannedStatement, WarehouseView, WorkspacePlan, WorkspaceSetup } from './eval-workspace-types';

/*
 * Running an evaluation in the workspace: the dataset uploaded once as CSV to a Unity Catalog
 * volume (or read from a table), one `ai_query` statement per variant submitted to a SQL
 * warehouse without waiting, each polled (1 s, backing off to 5 s) until it ends, and its
 * rows fetched chunk by chunk into the same results the local path writes. The statement
 * ids are saved with the run, so a reload picks the polling up again: the state is on the
 * server.
 */

export const emptyWorkspaceSetup = (): WorkspaceSetup => ({
  warehouseId: null,
  source: 'volume',
  volumePath: '',
  tableName: 'main.default.eval_questions',
  tableIdColumn: 'id',
  keepTable: '',
  edits: {},
});

export const emptyWarehouseView = (): WarehouseView => ({
  list: null,
  loading: false,
  error: null,
  starting: null,
});

/** Statement states after which nothing changes. */
const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED', 'NOT_SUBMITTED']);
export const isFinalState = (s: WorkspaceStatementRecord) =>
  FINAL.has(s.state) && !(s.state === 'SUCCEEDED' && s.finishedAt === null);

/** First poll after 1 s, then 1.5× longer each time, at most 5 s. */
export const POLL_FIRST_MS = 1_000;
export const POLL_MAX_MS = 5_000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A file name from a dataset name: letters, digits, `-`, `_`, `.` (others become `_`), ending .csv. */
export function defaultVolumePath(datasetName: string): string {
  const base = datasetName.replace(/\.(csv|jsonl?)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'dataset';
  return `/Volumes/main/default/evaluations/${base}.csv`;
}

/** The column the app adds to the uploaded CSV to number its rows (a name the dataset doesn't use). */
export function rowIdColumn(columns: readonly string[]): string {
  let name = '_row';
  for (let n = 1; columns.includes(name); n += 1) name = `_row_${n}`;
  return name;
}

/** The CSV that is uploaded: the row number first, then the dataset's columns. */
export function uploadCsv(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const id = rowIdColumn(columns);
  return datasetToCsv(
    [id, ...columns],
    rows.map((row, i) => ({ ...row, [id]: String(i) })),
  );
}

/** The table variant `index` keeps its results in: the name as given, or `_v<n>` added with several variants. */
export function keepTableName(keepTable: string, index: number, variants: number): string | null {
  const name = keepTable.trim();
  if (name === '') return null;
  return variants > 1 ? `${name}_v${index + 1}` : name;
}

/** The run's source from the setup (checked: throws EvalSqlError with a sentence). */
export function runSource(
  setup: WorkspaceSetup,
  datasetName: string,
  columns: readonly string[],
): WorkspaceRunSource {
  if (setup.source === 'volume') {
    const path = setup.volumePath.trim() || defaultVolumePath(datasetName);
    parseVolumePath(path);
    if (!/\.csv$/i.test(path)) throw new EvalSqlError(`"${path}" should end in .csv.`);
    return { kind: 'volume', path, idColumn: rowIdColumn(columns) };
  }
  const name = setup.tableName.trim();
  parseUnityCatalogName(name);
  const idColumn = setup.tableIdColumn.trim();
  if (!idColumn) throw new EvalSqlError('Name the table column that identifies each row.');
  if (!columns.includes(idColumn))
    throw new EvalSqlError(
      `The local dataset has no "${idColumn}" column to match the table's rows by: import the table's rows as a dataset (same columns) first.`,
    );
  return { kind: 'table', name, idColumn };
}

/** The generated statement of variant `index` (throws EvalSqlError with a sentence). */
export function generatedStatement(
  ctx: EvalContext,
  variant: EvalVariant,
  index: number,
  source: WorkspaceRunSource,
  columns: readonly string[],
): string {
  if (!variant.endpoint) throw new EvalSqlError(`Variant ${index + 1} has no endpoint.`);
  const s = ctx.get();
  const sqlSource: EvalSource =
    source.kind === 'volume' ? { kind: 'volume', path: source.path } : { kind: 'table', name: source.name };
  const table = keepTableName(s.workspaceSetup.keepTable, index, s.variants.length);
  return buildEvalStatement({
    endpoint: variant.endpoint,
    template: s.template,
    params: variantParams(ctx, variant),
    source: sqlSource,
    columns: source.kind === 'volume' ? [source.idColumn, ...columns] : columns,
    idColumn: source.idColumn,
    ...(table ? { createTable: table } : {}),
  });
}

/** The workspace plan of the current setup: the source (or why not) and each variant's statement. */
export function planWorkspaceRun(ctx: EvalContext): WorkspacePlan {
  const s = ctx.get();
  const columns = s.dataset?.columns ?? [];
  let source: WorkspaceRunSource | null = null;
  let problem: string | null = null;
  if (!s.dataset) problem = 'Import a dataset.';
  else
    try {
      source = runSource(s.workspaceSetup, s.dataset.name, columns);
    } catch (err) {
      problem = message(err);
    }
  const statements = s.variants.map((v, i): PlannedStatement => {
    const edit = s.workspaceSetup.edits[v.id];
    const table = keepTableName(s.workspaceSetup.keepTable, i, s.variants.length);
    let generated: string | null = null;
    let why: string | null = null;
    if (source)
      try {
        generated = generatedStatement(ctx, v, i, source, columns);
      } catch (err) {
        why = `Variant ${i + 1}: ${message(err)}`;
      }
    const edited = edit !== undefined && edit !== generated;
    return {
      variantId: v.id,
      generated,
      sql: edited ? edit : generated,
      edited,
      problem: edited ? (edit.trim() === '' ? `Variant ${i + 1}: the statement is empty.` : null) : why,
      table,
    };
  });
  return { source, problem, statements };
}

/** Why a workspace run can't start (beyond the template and dataset), or null. */
export function workspaceProblem(ctx: EvalContext): string | null {
  const unavailable = ctx.deps.sqlUnavailable();
  if (unavailable) return unavailable;
  const s = ctx.get();
  if (!s.workspaceSetup.warehouseId) return 'Pick a SQL warehouse.';
  const plan = planWorkspaceRun(ctx);
  if (plan.problem) return plan.problem;
  return plan.statements.find((p) => p.problem)?.problem ?? null;
}

/** Unwraps a bridge result, throwing its error in the workspace's words. */
function value<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new Error(describeError(result.error));
}

// ---------------------------------------------------------------- warehouses

/** Loads the warehouse list (and picks the first running one when none is picked). */
export async function loadWarehouses(ctx: EvalContext): Promise<void> {
  ctx.set((s) => ({ warehouses: { ...s.warehouses, loading: true, error: null } }));
  try {
    const { warehouses } = value(await ctx.deps.getSqlApi().listWarehouses());
    ctx.set((s) => ({ warehouses: { ...s.warehouses, list: warehouses, loading: false } }));
    const picked = ctx.get().workspaceSetup.warehouseId;
    if (!picked || !warehouses.some((w) => w.id === picked)) {
      const pick = warehouses.find((w) => w.state === 'RUNNING') ?? warehouses[0];
      if (pick) ctx.set((s) => ({ workspaceSetup: { ...s.workspaceSetup, warehouseId: pick.id } }));
    }
  } catch (err) {
    ctx.set((s) => ({
      warehouses: {
        ...s.warehouses,
        loading: false,
        error: `The SQL warehouses could not be listed: ${message(err)}`,
      },
    }));
  }
}

function putWarehouse(ctx: EvalContext, w: Warehouse): void {
  ctx.set((s) => ({
    warehouses: {
      ...s.warehouses,
      list: (s.warehouses.list ?? [w]).map((x) => (x.id === w.id ? w : x)),
    },
  }));
}

/** Starts a stopped warehouse and follows its state (every second) until it runs or stops trying. */
export async function startWarehouse(ctx: EvalContext, id: string): Promise<void> {
  ctx.set((s) => ({ warehouses: { ...s.warehouses, starting: id, error: null } }));
  const stop = (error: string | null) =>
    ctx.set((s) => ({ warehouses: { ...s.warehouses, starting: null, error } }));
  try {
    let w = value(await ctx.deps.getSqlApi().startWarehouse({ id }));
    putWarehouse(ctx, w);
    while (w.state === 'STARTING' || w.state === 'STOPPED') {
      await new Promise<void>((resolve) => ctx.deps.setTimer(resolve, POLL_FIRST_MS));
      w = value(await ctx.deps.getSqlApi().getWarehouse({ id }));
      putWarehouse(ctx, w);
    }
    stop(w.state === 'RUNNING' ? null : `The warehouse ${w.name} is ${w.state}.`);
  } catch (err) {
    stop(`The warehouse could not be started: ${message(err)}`);
  }
}

// ---------------------------------------------------------------- the run

/** Starts a workspace run of the current setup: upload, one statement per variant, polling. */
export async function startWorkspaceRun(ctx: EvalContext): Promise<void> {
  const s = ctx.get();
  const warehouseId = s.workspaceSetup.warehouseId;
  if (!s.dataset || !warehouseId || workspaceProblem(ctx)) return;
  const plan = planWorkspaceRun(ctx);
  const source = plan.source;
  if (!source) return;
  const api = ctx.deps.getSqlApi();
  const before = s.phase;
  ctx.set({ workspaceError: null, phase: 'running', uploading: source.kind === 'volume' });
  if (source.kind === 'volume') {
    try {
      value(await api.uploadFile({ path: source.path, content: uploadCsv(s.dataset.columns, s.rows) }));
      ctx.set({ uploading: false });
    } catch (err) {
      ctx.set({
        phase: before,
        uploading: false,
        workspaceError: `The upload to ${source.path} failed: ${message(err)}`,
      });
      return;
    }
  }
  const at = ctx.deps.now();
  const statements: WorkspaceStatementRecord[] = plan.statements.map((p) => ({
    variantId: p.variantId,
    sql: p.sql ?? '',
    edited: p.edited,
    statementId: null,
    readBack: false,
    state: 'PENDING',
    error: null,
    submittedAt: null,
    finishedAt: null,
    table: p.edited ? null : p.table,
  }));
  const run: EvalRunRecord = {
    id: ctx.deps.newId(),
    name: `${s.dataset.name} · workspace · ${new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`,
    createdAt: at,
    updatedAt: at,
    where: 'workspace',
    workspace: { warehouseId, source, statements },
    workspaceId: ctx.deps.workspaceId(),
    datasetId: s.dataset.id,
    datasetName: s.dataset.name,
    rowCount: s.rows.length,
    columns: s.dataset.columns,
    template: { ...s.template },
    variants: s.variants.map((v) => ({ ...v, params: variantParams(ctx, v) })),
    scorers: s.scorers.map((sc) => ({ ...sc })),
    status: 'running',
    synthetic: ctx.deps.isDemoWorkspace(),
  };
  ctx.session.results = new Map();
  ctx.session.pending = new Map();
  ctx.session.totals = { done: 0, failed: 0, promptTokens: 0, completionTokens: 0, costUsd: null };
  ctx.session.startedAt = at;
  ctx.session.settledSinceStart = 0;
  ctx.set({ run, runRows: s.rows, confirm: null, compareRun: null, phase: 'running' });
  ctx.deps.writePreference('evaluate.run', run.id);
  await saveRun(ctx, { status: 'running' });
  for (const st of statements) {
    const result = await api.executeStatement({ warehouseId, statement: st.sql });
    if (result.ok) applyStatus(ctx, st, result.value);
    else {
      st.state = 'FAILED';
      st.error = describeError(result.error);
      st.finishedAt = ctx.deps.now();
    }
    st.submittedAt = ctx.deps.now();
    // Saved at once: a reload from here on follows this statement by its id.
    await saveStatements(ctx, statements);
  }
  schedulePoll(ctx, run.id, POLL_FIRST_MS);
}

/** Records what the server said about a statement. */
function applyStatus(ctx: EvalContext, st: WorkspaceStatementRecord, status: StatementStatus): void {
  st.statementId = status.statementId;
  st.state = status.state;
  if (status.state === 'FAILED') {
    st.error = status.error
      ? status.error.message.includes(status.error.code) || status.error.message.startsWith('[')
        ? status.error.message
        : `${status.error.code}: ${status.error.message}`
      : 'The statement failed.';
    st.finishedAt = ctx.deps.now();
  } else if (status.state === 'CANCELED' || status.state === 'CLOSED') st.finishedAt = ctx.deps.now();
}

/**
 * Saves the statements of the run on screen (copies, so the store sees a change): those of
 * `source` when given (the list being submitted), else the run's own.
 */
async function saveStatements(ctx: EvalContext, source?: readonly WorkspaceStatementRecord[]): Promise<void> {
  const run = ctx.get().run;
  if (!run?.workspace) return;
  const statements = (source ?? run.workspace.statements).map((st) => ({ ...st }));
  await saveRun(ctx, { workspace: { ...run.workspace, statements } });
  refresh(ctx);
}

/** Polls again after `ms` while run `runId` is on screen and running. */
function schedulePoll(ctx: EvalContext, runId: string, ms: number): void {
  ctx.session.stopPoll?.();
  ctx.session.stopPoll = ctx.deps.setTimer(() => {
    ctx.session.stopPoll = null;
    void poll(ctx, runId, ms);
  }, ms);
}

/** One round: each unfinished statement's state; finished ones' rows fetched; the next round scheduled. */
async function poll(ctx: EvalContext, runId: string, lastMs: number): Promise<void> {
  const run = ctx.get().run;
  if (run?.id !== runId || !run.workspace || ctx.get().phase !== 'running') return;
  const api = ctx.deps.getSqlApi();
  const statements = run.workspace.statements.map((st) => ({ ...st }));
  for (const st of statements) {
    if (isFinalState(st) || !st.statementId) continue;
    const result = await api.getStatement({ statementId: st.statementId });
    if (ctx.get().run?.id !== runId || ctx.get().phase !== 'running') return;
    if (!result.ok) {
      // A dropped connection or a hiccup: try again next round.
      if (
        result.error.code === 'NETWORK' ||
        result.error.code === 'TIMEOUT' ||
        result.error.code === 'UNAVAILABLE'
      )
        continue;
      st.state = 'FAILED';
      st.error = describeError(result.error);
      st.finishedAt = ctx.deps.now();
      continue;
    }
    applyStatus(ctx, st, result.value);
    if (result.value.state !== 'SUCCEEDED') continue;
    // On screen at once: the statement succeeded and its results are on their way.
    showStatements(ctx, runId, statements);
    if (st.table && !st.readBack) {
      // The results are in the table: read them back.
      const back = await api.executeStatement({
        warehouseId: run.workspace.warehouseId,
        statement: selectTableStatement(st.table),
      });
      st.readBack = true;
      if (back.ok) applyStatus(ctx, st, back.value);
      else {
        st.state = 'FAILED';
        st.error = describeError(back.error);
        st.finishedAt = ctx.deps.now();
      }
      if (!(back.ok && back.value.state === 'SUCCEEDED')) continue;
      showStatements(ctx, runId, statements);
      await fetchResults(ctx, run, st, back.value);
      continue;
    }
    await fetchResults(ctx, run, st, result.value);
  }
  showStatements(ctx, runId, statements);
  const finished = statements.every(isFinalState);
  if (finished) {
    ctx.set({ phase: 'done' });
    await saveRun(ctx, { status: 'done' });
    await saveStatements(ctx);
    return;
  }
  await saveStatements(ctx);
  schedulePoll(ctx, runId, Math.min(POLL_MAX_MS, Math.round(lastMs * 1.5)));
}

/** Puts copies of `statements` on screen (the run `runId`, while it is the one shown). */
function showStatements(
  ctx: EvalContext,
  runId: string,
  statements: readonly WorkspaceStatementRecord[],
): void {
  const copies = statements.map((x) => ({ ...x }));
  ctx.set((s) =>
    s.run?.id === runId && s.run.workspace
      ? { run: { ...s.run, workspace: { ...s.run.workspace, statements: copies } } }
      : {},
  );
}

/** Result chunks fetched at once (each a bridge call and an HTTP request of ~500 rows). */
export const CHUNK_FETCHES = 4;

/** The results of one chunk's rows, for the variant of `st`; rows matching no dataset row are counted. */
function chunkResults(
  run: EvalRunRecord,
  st: WorkspaceStatementRecord,
  columns: StatementStatus['columns'],
  rows: readonly (readonly (string | null)[])[],
  byId: Map<string, number> | null,
  idColumn: string,
  at: number,
): { results: EvalResultRecord[]; unmatched: number } {
  const results: EvalResultRecord[] = [];
  let unmatched = 0;
  for (const r of readEvalResults(columns ?? [], rows, idColumn)) {
    const rowIndex = byId
      ? byId.get(r.id ?? '')
      : r.id !== null && /^\d+$/.test(r.id)
        ? Number(r.id)
        : undefined;
    if (rowIndex === undefined || rowIndex >= run.rowCount) {
      unmatched += 1;
      continue;
    }
    const failed = r.answer.errorMessage !== null;
    results.push({
      runId: run.id,
      rowIndex,
      variantId: st.variantId,
      status: failed ? 'error' : 'done',
      output: r.answer.result ?? '',
      finishReason: null,
      metrics: null,
      costUsd: null,
      error: failed ? { code: 'SERVER', message: r.answer.errorMessage ?? '' } : null,
      finishedAt: at,
    });
  }
  return { results, unmatched };
}

/**
 * Fetches every chunk of a succeeded statement and keeps its rows as results. The manifest
 * names the chunks, so CHUNK_FETCHES of them are fetched at once; each chunk, as it lands, is
 * kept (one store update) and written to the database in one bulk write while the next ones
 * are on their way. Without a chunk count, the chunks are followed one by one.
 */
async function fetchResults(
  ctx: EvalContext,
  run: EvalRunRecord,
  st: WorkspaceStatementRecord,
  status: StatementStatus,
): Promise<void> {
  const source = run.workspace?.source;
  if (!source) return;
  const runRows = ctx.get().runRows;
  const byId =
    source.kind === 'table' ? new Map(runRows.map((row, i) => [row[source.idColumn] ?? '', i])) : null;
  const at = ctx.deps.now();
  let unmatched = 0;
  const writes: Promise<void>[] = [];
  const take = (rows: readonly (readonly (string | null)[])[]) => {
    const chunk = chunkResults(run, st, status.columns, rows, byId, source.idColumn, at);
    unmatched += chunk.unmatched;
    if (chunk.results.length === 0) return;
    keepAll(ctx, chunk.results);
    refresh(ctx);
    writes.push(ctx.deps.repos().runs.putResults(chunk.results));
  };
  const fetchChunk = async (chunkIndex: number) =>
    value(await ctx.deps.getSqlApi().getResultChunk({ statementId: status.statementId, chunkIndex }));
  try {
    // The columns are checked before any row is kept.
    readEvalResults(status.columns ?? [], [], source.idColumn);
    if (status.firstChunk) take(status.firstChunk.rows);
    const total = status.totalChunkCount;
    if (total !== undefined && (status.firstChunk?.nextChunkIndex ?? 1) === 1) {
      // Chunks 1… (or 0… without a first chunk), CHUNK_FETCHES at a time.
      let next = status.firstChunk ? 1 : 0;
      const worker = async () => {
        while (next < total) {
          const index = next;
          next += 1;
          take((await fetchChunk(index)).rows);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CHUNK_FETCHES, Math.max(0, total - next)) }, worker));
    } else {
      let next = status.firstChunk?.nextChunkIndex;
      if (!status.firstChunk && (total ?? 0) > 0) next = 0;
      while (next !== undefined) {
        const chunk = await fetchChunk(next);
        take(chunk.rows);
        next = chunk.nextChunkIndex;
      }
    }
    await Promise.all(writes);
    st.finishedAt = at;
    if (unmatched > 0)
      st.error = `${unmatched} result row${unmatched === 1 ? '' : 's'} matched no row of the dataset (by ${source.idColumn}).`;
  } catch (err) {
    await Promise.allSettled(writes);
    st.state = 'FAILED';
    st.error = `The results could not be read: ${message(err)}`;
    st.finishedAt = ctx.deps.now();
  }
}

/** Keeps results in the session with running totals (as the local path's keep does). */
function keepAll(ctx: EvalContext, results: readonly EvalResultRecord[]): void {
  const { totals } = ctx.session;
  for (const r of results) {
    const key = resultKey(r.rowIndex, r.variantId);
    const before = ctx.session.results.get(key);
    if (before) {
      if (before.status === 'done') totals.done -= 1;
      else totals.failed -= 1;
    }
    if (r.status === 'done') totals.done += 1;
    else totals.failed += 1;
    ctx.session.results.set(key, r);
    ctx.session.settledSinceStart += 1;
  }
}

/** Follows a workspace run again after a reload (its statements run on the server meanwhile). */
export function resumeWorkspacePolling(ctx: EvalContext): void {
  const run = ctx.get().run;
  if (!run?.workspace) return;
  // A statement with no id was being submitted when the page went away: nothing can follow it,
  // and sending it again could run it twice. It ends here, in words, instead of waiting forever.
  const statements = run.workspace.statements.map((st) =>
    isFinalState(st) || st.statementId
      ? st
      : {
          ...st,
          state: 'FAILED' as const,
          error:
            'The page reloaded while this statement was being submitted, so its id was never saved and it cannot be followed. Run again (the workspace may have run it meanwhile).',
          finishedAt: ctx.deps.now(),
        },
  );
  ctx.set({ phase: 'running', run: { ...run, workspace: { ...run.workspace, statements } } });
  schedulePoll(ctx, run.id, 0);
}

/** Cancels every unfinished statement of the run on screen; results fetched so far stay. */
export async function cancelWorkspaceRun(ctx: EvalContext): Promise<void> {
  const run = ctx.get().run;
  if (!run?.workspace) return;
  ctx.session.stopPoll?.();
  ctx.session.stopPoll = null;
  ctx.set({ phase: 'cancelled' });
  const api = ctx.deps.getSqlApi();
  const statements = run.workspace.statements.map((st) => ({ ...st }));
  for (const st of statements) {
    if (isFinalState(st) || !st.statementId) continue;
    const result = await api.cancelStatement({ statementId: st.statementId });
    if (!result.ok) st.error = `Cancelling failed: ${describeError(result.error)}`;
    st.state = 'CANCELED';
    st.finishedAt = ctx.deps.now();
  }
  await saveRun(ctx, { status: 'cancelled', workspace: { ...run.workspace, statements } });
  refresh(ctx);
}

/** The statements of a run (or of the plan) as one .sql file. */
export function sqlFile(
  entries: readonly { label: string; sql: string; edited: boolean }[],
  header: string,
): string {
  const parts = [`-- ${header}`];
  for (const e of entries) parts.push(`-- ${e.label}${e.edited ? ' (edited)' : ''}\n${e.sql.trim()};`);
  return `${parts.join('\n\n')}\n`;
}
