import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { evalDatasetsRepo, evalRunsRepo } from '../../../../../renderer/core/db/eval-repo';
import { createEvaluateStore } from '../../../../../renderer/features/evaluate/create-evaluate-store';
import type { SqlApi } from '../../../../../renderer/features/evaluate/eval-workspace-types';
import { ok, type Result } from '../../../../../shared/errors';
import type { StatementStatus } from '../../../../../shared/sql-schemas';
import { fakeStreamApi, manualClock } from '../../core/stream/fake-stream-api';
import { uniqueName } from '../../db/fixtures';

/*
 * The workspace runner on a Databricks SQL double: upload once, one statement per variant,
 * polling until SUCCEEDED, rows read across chunks into the results (a row's errorMessage a
 * failed cell), cancel, resume after a reload, and errors in the workspace's words.
 */

const answer = (result: string | null, errorMessage: string | null = null) =>
  JSON.stringify({ result, errorMessage });

/** A Databricks SQL double: statements go PENDING → RUNNING → SUCCEEDED over `polls` polls. */
function fakeSql(options: { polls?: number; uploadError?: string; failWith?: string } = {}) {
  const uploads: { path: string; content: string }[] = [];
  const executed: { warehouseId: string; statement: string }[] = [];
  const cancelled: string[] = [];
  const polls = new Map<string, number>();
  const failure = <T>(message: string, serverCode = 'PERMISSION_DENIED'): Result<T> => ({
    ok: false,
    error: { code: 'PERMISSION', message, serverMessage: message, serverCode },
  });
  const status = (id: string): StatementStatus => {
    const n = polls.get(id) ?? 0;
    if (cancelled.includes(id)) return { statementId: id, state: 'CANCELED' };
    if (options.failWith)
      return { statementId: id, state: 'FAILED', error: { code: 'BAD_REQUEST', message: options.failWith } };
    if (n < (options.polls ?? 2)) return { statementId: id, state: n === 0 ? 'PENDING' : 'RUNNING' };
    // Rows 0 and 1 in the first chunk, row 2 (failed) in the second.
    const variant = Number(id.slice(1));
    return {
      statementId: id,
      state: 'SUCCEEDED',
      columns: [
        { name: '_row', typeName: 'STRING' },
        { name: 'response', typeName: 'STRING' },
      ],
      totalRowCount: 3,
      totalChunkCount: 2,
      firstChunk: {
        chunkIndex: 0,
        rowOffset: 0,
        rows: [
          ['0', answer(`A${variant}`)],
          ['1', answer(`B${variant}`)],
        ],
        nextChunkIndex: 1,
      },
    };
  };
  const api: SqlApi = {
    listWarehouses: async () =>
      ok({
        warehouses: [
          { id: 'w1', name: 'Starter', state: 'RUNNING', clusterSize: 'Small' },
          { id: 'w2', name: 'Stopped', state: 'STOPPED', clusterSize: 'Small' },
        ],
      }),
    getWarehouse: async ({ id }) => ok({ id, name: 'Stopped', state: 'RUNNING', clusterSize: 'Small' }),
    startWarehouse: async ({ id }) => ok({ id, name: 'Stopped', state: 'STARTING', clusterSize: 'Small' }),
    uploadFile: async (req) => {
      if (options.uploadError) return failure(options.uploadError);
      uploads.push(req);
      return ok({ path: req.path, bytes: req.content.length });
    },
    executeStatement: async (req) => {
      executed.push(req);
      const id = `s${executed.length}`;
      return ok({ statementId: id, state: 'PENDING' });
    },
    getStatement: async ({ statementId }) => {
      const s = status(statementId);
      polls.set(statementId, (polls.get(statementId) ?? 0) + 1);
      return ok(s);
    },
    getResultChunk: async ({ statementId, chunkIndex }) =>
      ok({
        chunkIndex,
        rowOffset: 2,
        rows: [['2', answer(null, `[AI_FUNCTION_HTTP_REQUEST_ERROR] row failed in ${statementId}`)]],
      }),
    cancelStatement: async ({ statementId }) => {
      cancelled.push(statementId);
      return ok({ cancelled: true });
    },
  };
  return { api, uploads, executed, cancelled };
}

/**
 * Advances the fake clock by `ms` in steps, letting IndexedDB (real setImmediate) answer in
 * between, so a poll that saves before scheduling the next one is followed.
 */
async function pass(ms: number) {
  for (let t = 0; t < ms; t += 250) {
    await vi.advanceTimersByTimeAsync(250);
    for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function setup(
  sql: ReturnType<typeof fakeSql>,
  db = openStudioDatabase(uniqueName('evalws')),
  prefs = new Map<string, string>(),
  unavailable: string | null = null,
) {
  const fake = fakeStreamApi();
  const { clock } = manualClock();
  let ids = 0;
  const store = createEvaluateStore({
    getApi: () => fake.api,
    getSqlApi: () => sql.api,
    sqlUnavailable: () => unavailable,
    repos: () => ({ datasets: evalDatasetsRepo(db), runs: evalRunsRepo(db) }),
    recordUsage: async () => undefined,
    costOf: () => null,
    priceFor: () => null,
    isDemoWorkspace: () => true,
    workspaceId: () => 'demo',
    readPreference: (k) => prefs.get(k) ?? null,
    writePreference: (k, v) => (v === null ? prefs.delete(k) : prefs.set(k, v)),
    clock,
    now: () => Date.now(),
    newId: () => `id${++ids}-${Math.random().toString(36).slice(2, 6)}`,
  });
  return { store, db, prefs, fake };
}

async function prepare(store: ReturnType<typeof setup>['store']) {
  await store.getState().init();
  await store.getState().importDataset('capitals.csv', 'country,expected\nFrance,A1\nItaly,B1\nSpain,C1\n');
  store.getState().setTemplate({ system: 'Be brief.', user: "Capital of {{country}}? It's a test." });
  store.getState().setVariantEndpoint(store.getState().variants[0]?.id ?? '', 'model-a');
  store.getState().addVariant();
  store.getState().setVariantEndpoint(store.getState().variants[1]?.id ?? '', 'model-b');
  store.getState().addScorer({ id: 'exact', kind: 'exact', caseSensitive: true });
  store.getState().setWhere('workspace');
  await vi.advanceTimersByTimeAsync(0);
}

describe('the workspace runner', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('uploads once, runs one statement per variant, polls and reads every chunk into the results', async () => {
    const sql = fakeSql();
    const { store, db } = setup(sql);
    await prepare(store);
    expect(store.getState().workspaceSetup.warehouseId).toBe('w1');
    expect(store.getState().runProblem()).toBeNull();
    const plan = store.getState().workspacePlan();
    expect(plan.statements).toHaveLength(2);
    expect(plan.statements[0]?.sql).toContain("ai_query(\n    'model-a'");
    expect(plan.statements[0]?.sql).toContain("It\\'s a test.");
    expect(plan.statements[0]?.sql).toContain("read_files('/Volumes/main/default/evaluations/capitals.csv'");

    await store.getState().requestRun();
    expect(sql.uploads).toHaveLength(1);
    expect(sql.uploads[0]?.content.split('\r\n')[0]).toBe('_row,country,expected');
    expect(sql.uploads[0]?.content.split('\r\n')[1]).toBe('0,France,A1');
    expect(sql.executed.map((e) => e.warehouseId)).toEqual(['w1', 'w1']);
    expect(store.getState().run).toMatchObject({ where: 'workspace', status: 'running' });
    expect(store.getState().run?.workspace?.statements.map((s) => s.statementId)).toEqual(['s1', 's2']);

    await pass(1_000);
    expect(store.getState().run?.workspace?.statements[0]?.state).toBe('PENDING');
    await pass(10_000);
    expect(store.getState().phase).toBe('done');
    const [v1, v2] = store.getState().run?.variants ?? [];
    expect(store.getState().resultOf(0, v1?.id ?? '')).toMatchObject({
      status: 'done',
      output: 'A1',
      metrics: null,
    });
    expect(store.getState().resultOf(1, v2?.id ?? '')).toMatchObject({ status: 'done', output: 'B2' });
    expect(store.getState().resultOf(2, v1?.id ?? '')).toMatchObject({
      status: 'error',
      error: { message: '[AI_FUNCTION_HTTP_REQUEST_ERROR] row failed in s1' },
    });
    expect(store.getState().progress).toMatchObject({ total: 6, done: 4, failed: 2 });
    const runId = store.getState().run?.id ?? '';
    expect(await evalRunsRepo(db).results(runId)).toHaveLength(6);
    expect((await evalRunsRepo(db).get(runId))?.status).toBe('done');
  });

  it('runs an edited statement as edited, and resumes polling after a reload', async () => {
    const sql = fakeSql({ polls: 3 });
    const t = setup(sql);
    await prepare(t.store);
    const first = t.store.getState().variants[0]?.id ?? '';
    t.store.getState().editStatement(first, 'SELECT 1 AS edited_one');
    expect(t.store.getState().workspacePlan().statements[0]).toMatchObject({
      edited: true,
      sql: 'SELECT 1 AS edited_one',
    });
    await t.store.getState().requestRun();
    expect(sql.executed[0]?.statement).toBe('SELECT 1 AS edited_one');
    expect(t.store.getState().run?.workspace?.statements[0]?.edited).toBe(true);
    const runId = t.store.getState().run?.id ?? '';

    // A reload: the new store finds the run running and follows the saved statements.
    const again = setup(sql, t.db, t.prefs);
    await again.store.getState().init();
    expect(again.store.getState()).toMatchObject({ phase: 'running', run: { id: runId } });
    await pass(20_000);
    expect(again.store.getState().phase).toBe('done');
    expect(sql.executed).toHaveLength(2);
    expect(again.store.getState().progress).toMatchObject({ done: 4, failed: 2 });
  });

  it('after a reload mid-submission, follows the statement it has an id for and fails the other in words', async () => {
    const sql = fakeSql({ polls: 1 });
    let calls = 0;
    // The second statement's submission never answers: the page reloads meanwhile.
    const gated = {
      ...sql,
      api: {
        ...sql.api,
        executeStatement: (request: Parameters<SqlApi['executeStatement']>[0]) =>
          calls++ === 1 ? new Promise<never>(() => undefined) : sql.api.executeStatement(request),
      },
    };
    const t = setup(gated);
    await prepare(t.store);
    void t.store.getState().requestRun();
    await vi.waitFor(() => expect(calls).toBe(2));
    await pass(0);

    const again = setup(sql, t.db, t.prefs);
    await again.store.getState().init();
    await pass(20_000);
    const statements = again.store.getState().run?.workspace?.statements ?? [];
    expect(statements.map((st) => st.state)).toEqual(['SUCCEEDED', 'FAILED']);
    expect(statements[1]?.error).toMatch(/^The page reloaded while this statement was being submitted/);
    expect(again.store.getState().phase).toBe('done');
  });

  it('cancels the running statements; shows the upload refusal and a failed statement in the workspace words', async () => {
    const sql = fakeSql({ polls: 100 });
    const { store } = setup(sql);
    await prepare(store);
    await store.getState().requestRun();
    await pass(1_000);
    await store.getState().cancel();
    expect(sql.cancelled).toEqual(['s1', 's2']);
    expect(store.getState()).toMatchObject({ phase: 'cancelled', run: { status: 'cancelled' } });
    expect(store.getState().run?.workspace?.statements.map((s) => s.state)).toEqual(['CANCELED', 'CANCELED']);

    const refused = fakeSql({
      uploadError: 'User does not have WRITE VOLUME on Volume main.default.reference.',
    });
    const r = setup(refused);
    await prepare(r.store);
    r.store.getState().setWorkspaceSetup({ volumePath: '/Volumes/main/default/reference/q.csv' });
    await r.store.getState().requestRun();
    expect(r.store.getState().workspaceError).toContain(
      'User does not have WRITE VOLUME on Volume main.default.reference.',
    );
    expect(r.store.getState().run).toBeNull();
    expect(refused.executed).toHaveLength(0);

    const failing = fakeSql({
      failWith: "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601",
    });
    const f = setup(failing);
    await prepare(f.store);
    await f.store.getState().requestRun();
    await pass(1_000);
    expect(f.store.getState().phase).toBe('done');
    expect(f.store.getState().run?.workspace?.statements[0]?.error).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601",
    );
  });

  it('refuses a bad volume path in words, and is unavailable (with the reason) on an OpenAI-compatible server', async () => {
    const { store } = setup(fakeSql());
    await prepare(store);
    store.getState().setWorkspaceSetup({ volumePath: '/Volumes/main/default/../x.csv' });
    expect(store.getState().runProblem()).toMatch(/".." segment/);
    store
      .getState()
      .setWorkspaceSetup({ volumePath: '', source: 'table', tableName: 'main.default', tableIdColumn: 'id' });
    expect(store.getState().runProblem()).toMatch(/not a Unity Catalog name/);

    const o = setup(fakeSql(), undefined, undefined, 'An OpenAI-compatible server has no SQL warehouses.');
    await o.store.getState().init();
    o.store.getState().setWhere('workspace');
    expect(o.store.getState().where).toBe('local');
    expect(o.store.getState().sqlUnavailable()).toMatch(/OpenAI-compatible/);
  });

  it('starts a stopped warehouse and follows it until it runs', async () => {
    const { store } = setup(fakeSql());
    await prepare(store);
    const started = store.getState().startWarehouse('w2');
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().warehouses).toMatchObject({ starting: 'w2' });
    expect(store.getState().warehouses.list?.find((w) => w.id === 'w2')?.state).toBe('STARTING');
    await pass(1_000);
    await started;
    expect(store.getState().warehouses.starting).toBeNull();
    expect(store.getState().warehouses.list?.find((w) => w.id === 'w2')?.state).toBe('RUNNING');
  });
});
