import { create } from 'zustand';
import type { EvalRunRecord, EvalVariant } from '../../core/db/eval-records';
import { withCommonDeps } from '../../core/store-deps';
import { createStreamGroup } from '../../core/stream/stream-client';
import { estimateRun, rowMessages } from './eval-cost';
import { expectedColumn } from './eval-dataset';
import { runJudge } from './eval-judge';
import { applyBatch, cancel, noTotals, pause, refresh, saveRun, startQueue, variantParams } from './eval-run';
import {
  importDataset,
  isBusy,
  MAX_VARIANTS,
  MIN_VARIANTS,
  openRun,
  recalledRunId,
  recalledSetup,
  refreshLists,
  rememberRun,
  rememberSetup,
  removeDataset,
  runProblem,
  selectDataset,
} from './eval-setup';
import type { EvalContext, EvaluateDeps, EvaluateState } from './eval-types';
import { resultKey } from './eval-types';
import {
  cancelWorkspaceRun,
  emptyWarehouseView,
  emptyWorkspaceSetup,
  loadWarehouses,
  planWorkspaceRun,
  startWarehouse,
  startWorkspaceRun,
} from './eval-workspace';
import type { SqlApi } from './eval-workspace-types';

export type { EvalRepos, EvaluateDeps, EvaluateState } from './eval-types';

/*
 * The Evaluate store, built by a factory so unit tests give it a StudioApi double, in-memory
 * repositories, a manual frame clock and fake timers. `evaluate-store.ts` creates the app's
 * instance. The run lives in eval-run.ts (queue, streams, saving), the setup in eval-setup.ts.
 */

const defaultSetTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, Math.max(0, ms));
  return () => clearTimeout(timer);
};

/** The SQL methods when none were given: each says the workspace path is unavailable. */
const noSqlApi = (): SqlApi => {
  const no = async () =>
    ({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'This workspace has no SQL warehouses.' },
    }) as const;
  return {
    listWarehouses: no,
    getWarehouse: no,
    startWarehouse: no,
    uploadFile: no,
    executeStatement: no,
    getStatement: no,
    getResultChunk: no,
    cancelStatement: no,
  };
};

/** Creates an Evaluate store bound to `deps`. */
export function createEvaluateStore(input: EvaluateDeps) {
  const deps = {
    ...withCommonDeps(input),
    setTimer: input.setTimer ?? defaultSetTimer,
    getSqlApi: input.getSqlApi ?? noSqlApi,
    sqlUnavailable:
      input.sqlUnavailable ?? (() => (input.getSqlApi ? null : 'This workspace has no SQL warehouses.')),
  };
  return create<EvaluateState>()((set, get) => {
    const streams = createStreamGroup(deps.getApi, (events) => get().applyEvents(events), {
      clock: deps.clock,
    });
    const ctx: EvalContext = {
      set,
      get,
      deps,
      streams,
      session: {
        results: new Map(),
        pending: new Map(),
        live: new Map(),
        stops: new Map(),
        scheduler: null,
        totals: noTotals(),
        stopPoll: null,
        startedAt: 0,
        settledSinceStart: 0,
      },
    };
    const newVariant = (endpoint: string | null = null): EvalVariant => ({
      id: deps.newId(),
      endpoint,
      params: {},
    });
    /** Changes the setup (never while a run is busy) and remembers it. */
    const edit = (patch: (s: EvaluateState) => Partial<EvaluateState>) => {
      if (isBusy(get())) return;
      set(patch);
      rememberSetup(ctx);
    };
    const editVariant = (id: string, patch: Partial<EvalVariant>) =>
      edit((s) => ({ variants: s.variants.map((v) => (v.id === id ? { ...v, ...patch } : v)) }));

    /** Starts a new run of the current setup on the chosen dataset. */
    async function startRun(): Promise<void> {
      const s = get();
      if (!s.dataset || runProblem(ctx)) return;
      const at = deps.now();
      const run: EvalRunRecord = {
        id: deps.newId(),
        name: `${s.dataset.name} · ${new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`,
        createdAt: at,
        updatedAt: at,
        where: 'local',
        workspaceId: deps.workspaceId(),
        datasetId: s.dataset.id,
        datasetName: s.dataset.name,
        rowCount: s.rows.length,
        columns: s.dataset.columns,
        template: { ...s.template },
        // Each variant keeps the parameters it was sent with, whatever the setup becomes.
        variants: s.variants.map((v) => ({ ...v, params: variantParams(ctx, v) })),
        scorers: s.scorers.map((sc) => ({ ...sc })),
        status: 'running',
        synthetic: deps.isDemoWorkspace(),
      };
      ctx.session.results = new Map();
      ctx.session.pending = new Map();
      ctx.session.totals = noTotals();
      set({ run, runRows: s.rows, confirm: null, compareRun: null });
      rememberRun(ctx, run.id);
      startQueue(ctx);
    }

    return {
      template: { system: '', user: '' },
      variants: [newVariant()],
      scorers: [],
      where: 'local',
      datasets: [],
      dataset: null,
      rows: [],
      importing: false,
      importError: null,
      runs: [],
      run: null,
      runRows: [],
      resultsVersion: 0,
      phase: 'idle',
      progress: null,
      confirm: null,
      compareRun: null,
      judging: null,
      workspaceSetup: emptyWorkspaceSetup(),
      warehouses: emptyWarehouseView(),
      workspaceError: null,
      uploading: false,
      error: null,
      initialised: false,

      async init() {
        if (get().initialised) return;
        const recalled = recalledSetup(ctx);
        set({
          initialised: true,
          ...(recalled
            ? {
                template: recalled.template,
                variants: recalled.variants,
                scorers: recalled.scorers,
                where: recalled.where === 'workspace' && !deps.sqlUnavailable() ? 'workspace' : 'local',
                workspaceSetup: { ...emptyWorkspaceSetup(), ...recalled.workspace },
              }
            : {}),
        });
        await refreshLists(ctx);
        if (get().where === 'workspace') void loadWarehouses(ctx);
        if (recalled?.datasetId) await selectDataset(ctx, recalled.datasetId);
        const runId = recalledRunId(ctx);
        if (runId) await openRun(ctx, runId);
      },
      setTemplate: (patch) => edit((s) => ({ template: { ...s.template, ...patch } })),
      addVariant: () =>
        edit((s) =>
          s.variants.length >= MAX_VARIANTS
            ? {}
            : {
                variants: [
                  ...s.variants,
                  {
                    ...newVariant(s.variants.at(-1)?.endpoint ?? null),
                    params: { ...(s.variants.at(-1)?.params ?? {}) },
                  },
                ],
              },
        ),
      removeVariant: (id) =>
        edit((s) =>
          s.variants.length <= MIN_VARIANTS ? {} : { variants: s.variants.filter((v) => v.id !== id) },
        ),
      setVariantEndpoint: (id, endpoint) => editVariant(id, { endpoint }),
      setVariantParams: (id, params) => editVariant(id, { params }),
      setWhere(where) {
        if (where === 'workspace' && deps.sqlUnavailable()) return;
        edit(() => ({ where }));
        if (where === 'workspace' && !get().warehouses.list && !get().warehouses.loading)
          void loadWarehouses(ctx);
      },
      setWorkspaceSetup: (patch) =>
        edit((s) => ({ workspaceSetup: { ...s.workspaceSetup, ...patch }, workspaceError: null })),
      editStatement: (variantId, sql) =>
        edit((s) => {
          const edits = { ...s.workspaceSetup.edits };
          if (sql === null) delete edits[variantId];
          else edits[variantId] = sql;
          return { workspaceSetup: { ...s.workspaceSetup, edits } };
        }),
      loadWarehouses: () => loadWarehouses(ctx),
      sqlUnavailable: () => deps.sqlUnavailable(),
      startWarehouse: (id) => startWarehouse(ctx, id),
      workspacePlan: () => planWorkspaceRun(ctx),
      addScorer(scorer) {
        set((s) => ({ scorers: [...s.scorers, scorer] }));
        syncScorers();
      },
      updateScorer(id, patch) {
        set((s) => ({
          scorers: s.scorers.map((sc) => (sc.id === id ? ({ ...sc, ...patch } as typeof sc) : sc)),
        }));
        syncScorers();
      },
      removeScorer(id) {
        set((s) => ({ scorers: s.scorers.filter((sc) => sc.id !== id) }));
        syncScorers();
      },
      importDataset: (fileName, text) => importDataset(ctx, fileName, text),
      selectDataset: (id) => selectDataset(ctx, id),
      removeDataset: (id) => removeDataset(ctx, id),
      runProblem: () => runProblem(ctx),
      async requestRun() {
        const s = get();
        if (runProblem(ctx)) return;
        // The workspace's engine makes the calls: no requests from here to estimate or confirm.
        if (s.where === 'workspace') return startWorkspaceRun(ctx);
        const estimate = estimateRun(s.template, s.rows, s.variants, deps.priceFor);
        if (estimate.needsConfirmation) set({ confirm: estimate });
        else await startRun();
      },
      confirmRun: () => startRun(),
      dismissConfirm: () => set({ confirm: null }),
      pause: () => (get().run?.where === 'workspace' ? undefined : pause(ctx)),
      async resume() {
        const { run, phase } = get();
        if (!run || (phase !== 'paused' && phase !== 'pausing')) return;
        const scheduler = ctx.session.scheduler;
        if (scheduler && scheduler.state === 'paused') {
          ctx.session.startedAt = deps.now();
          ctx.session.settledSinceStart = 0;
          set({ phase: 'running' });
          void saveRun(ctx, { status: 'running' });
          scheduler.start();
        } else startQueue(ctx);
      },
      cancel: () => (get().run?.where === 'workspace' ? cancelWorkspaceRun(ctx) : cancel(ctx)),
      openRun: (id) => openRun(ctx, id),
      async removeRun(id) {
        if (get().run?.id === id && isBusy(get())) return;
        try {
          await deps.repos().runs.remove(id);
          set((s) => ({
            runs: s.runs.filter((r) => r.id !== id),
            ...(s.run?.id === id ? { run: null, runRows: [], progress: null, phase: 'idle' as const } : {}),
            ...(s.compareRun?.run.id === id ? { compareRun: null } : {}),
          }));
          if (get().run === null) rememberRun(ctx, null);
        } catch (err) {
          set({ error: `The run could not be deleted: ${err instanceof Error ? err.message : String(err)}` });
        }
      },
      async setCompareRun(id) {
        if (!id) {
          set({ compareRun: null });
          return;
        }
        try {
          const repos = deps.repos();
          const run = await repos.runs.get(id);
          if (!run) return;
          const [results, rows] = await Promise.all([
            repos.runs.results(id),
            repos.datasets.rows(run.datasetId),
          ]);
          set({ compareRun: { run, results, rows } });
        } catch (err) {
          set({ error: `The run could not be read: ${err instanceof Error ? err.message : String(err)}` });
        }
      },
      async runJudge(scorerId) {
        const scorer = get().run?.scorers.find((s) => s.id === scorerId);
        if (scorer?.kind === 'judge' && scorer.endpoint && scorer.rubric.trim()) await runJudge(ctx, scorer);
      },
      resultOf: (rowIndex, variantId) => ctx.session.results.get(resultKey(rowIndex, variantId)),
      allResults: () => [...ctx.session.results.values()],
      openRowInChat(rowIndex, variantId) {
        const { run, runRows } = get();
        const variant = run?.variants.find((v) => v.id === variantId);
        const values = runRows[rowIndex];
        if (!run || !variant?.endpoint || !values || !deps.openInChat) return false;
        const [first, second] = rowMessages(run.template, values);
        const system = second ? (first?.content ?? '') : '';
        const user = second ? second.content : (first?.content ?? '');
        return deps.openInChat(variant.endpoint, {
          systemPrompt: system,
          draft: user,
          params: variant.params,
        });
      },
      dismissError: () => set({ error: null }),
      applyEvents: (events) => applyBatch(ctx, events),
    };

    /** The scorers belong to the setup and to the run on screen (rescored at once, never re-run). */
    function syncScorers(): void {
      rememberSetup(ctx);
      const { run, scorers } = get();
      if (run) void saveRun(ctx, { scorers });
      refresh(ctx);
    }
  });
}

/** The expected value of a row of the run on screen, or null. */
export function expectedOf(
  run: EvalRunRecord | null,
  rows: readonly Record<string, string>[],
  rowIndex: number,
): string | null {
  const key = run ? expectedColumn(run.columns) : null;
  return key ? (rows[rowIndex]?.[key] ?? null) : null;
}
