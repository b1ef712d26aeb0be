import { type EvalTemplate, templateProblem } from '../../../shared/eval-template';
import { validateParams } from '../../../shared/limits';
import type { EvalRunRecord, EvalVariant, ScorerConfig } from '../../core/db/eval-records';
import { endpointCapabilities } from '../../core/endpoint-capabilities';
import { DatasetError, datasetFormat, parseDataset } from './eval-dataset';
import { refresh, totalsOf } from './eval-run';
import { scorerName, scorerProblem } from './eval-scorers';
import type { EvalContext, EvaluateState } from './eval-types';
import { resultKey } from './eval-types';
import { resumeWorkspacePolling, workspaceProblem } from './eval-workspace';
import type { WorkspaceSetup } from './eval-workspace-types';

/*
 * The Evaluate view's setup (template, variants, scorers, dataset) and its saved runs: what
 * is remembered between sessions, dataset import, and opening a saved run.
 */

const SETUP_KEY = 'evaluate.setup';
const RUN_KEY = 'evaluate.run';

/** Fewest and most variants. */
export const MIN_VARIANTS = 1;
export const MAX_VARIANTS = 6;

/** The setup as remembered (a preference: small, no rows). */
interface RememberedSetup {
  template: EvalTemplate;
  variants: EvalVariant[];
  scorers: ScorerConfig[];
  datasetId: string | null;
  where?: 'local' | 'workspace';
  workspace?: WorkspaceSetup;
}

/** Remembers the setup for the next session. */
export function rememberSetup(ctx: EvalContext): void {
  const s = ctx.get();
  const setup: RememberedSetup = {
    template: s.template,
    variants: s.variants,
    scorers: s.scorers,
    datasetId: s.dataset?.id ?? null,
    where: s.where,
    workspace: s.workspaceSetup,
  };
  ctx.deps.writePreference(SETUP_KEY, JSON.stringify(setup));
}

/** The remembered setup, or null (none, or unreadable). */
export function recalledSetup(ctx: EvalContext): RememberedSetup | null {
  const text = ctx.deps.readPreference(SETUP_KEY);
  if (!text) return null;
  try {
    const setup = JSON.parse(text) as RememberedSetup;
    return Array.isArray(setup.variants) && setup.variants.length > 0 && setup.template ? setup : null;
  } catch {
    return null;
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Loads the dataset list and the run list. */
export async function refreshLists(ctx: EvalContext): Promise<void> {
  try {
    const repos = ctx.deps.repos();
    const [datasets, runs] = await Promise.all([repos.datasets.list(), repos.runs.list()]);
    ctx.set({ datasets, runs });
  } catch (err) {
    ctx.set({ error: `Saved datasets and runs could not be read: ${message(err)}` });
  }
}

/** Parses and stores a file as a dataset, then chooses it. False (with the reason shown) when refused. */
export async function importDataset(ctx: EvalContext, fileName: string, text: string): Promise<boolean> {
  ctx.set({ importing: true, importError: null });
  try {
    const format = datasetFormat(fileName, text);
    const parsed = parseDataset(text, format);
    const dataset = {
      id: ctx.deps.newId(),
      name: fileName,
      format,
      columns: parsed.columns,
      rowCount: parsed.rows.length,
      createdAt: ctx.deps.now(),
    };
    await ctx.deps.repos().datasets.add(dataset, parsed.rows);
    ctx.set((s) => ({ datasets: [dataset, ...s.datasets], dataset, rows: parsed.rows, importing: false }));
    rememberSetup(ctx);
    return true;
  } catch (err) {
    const why =
      err instanceof DatasetError ? err.message : `The dataset could not be stored: ${message(err)}`;
    ctx.set({ importing: false, importError: `${fileName}: ${why}` });
    return false;
  }
}

/** Chooses a stored dataset for the next run (loads its rows). */
export async function selectDataset(ctx: EvalContext, id: string): Promise<void> {
  try {
    const repos = ctx.deps.repos();
    const dataset = await repos.datasets.get(id);
    if (!dataset) {
      ctx.set({ dataset: null, rows: [] });
      return;
    }
    const rows = await repos.datasets.rows(id);
    ctx.set({ dataset, rows, importError: null });
    rememberSetup(ctx);
  } catch (err) {
    ctx.set({ error: `The dataset could not be read: ${message(err)}` });
  }
}

/** Deletes a dataset with its runs. */
export async function removeDataset(ctx: EvalContext, id: string): Promise<void> {
  if (ctx.get().run?.datasetId === id && isBusy(ctx.get())) return;
  try {
    await ctx.deps.repos().datasets.remove(id);
    ctx.set((s) => ({
      dataset: s.dataset?.id === id ? null : s.dataset,
      rows: s.dataset?.id === id ? [] : s.rows,
      run: s.run?.datasetId === id ? null : s.run,
      progress: s.run?.datasetId === id ? null : s.progress,
      phase: s.run?.datasetId === id ? 'idle' : s.phase,
    }));
    await refreshLists(ctx);
    rememberSetup(ctx);
  } catch (err) {
    ctx.set({ error: `The dataset could not be deleted: ${message(err)}` });
  }
}

/** Whether the run on screen is running or still finishing requests. */
export const isBusy = (s: Pick<EvaluateState, 'phase'>) => s.phase === 'running' || s.phase === 'pausing';

/** Why Run is disabled, or null. */
export function runProblem(ctx: EvalContext): string | null {
  const s = ctx.get();
  if (isBusy(s)) return 'A run is in progress.';
  if (s.judging) return 'The judge is still grading the last run.';
  const template = templateProblem(s.template, s.dataset ? s.dataset.columns : null);
  if (template) return template;
  if (s.where === 'workspace') {
    const problem = workspaceProblem(ctx);
    if (problem) return problem;
  }
  for (const [i, v] of s.variants.entries()) {
    if (!v.endpoint) return `Variant ${i + 1} has no endpoint.`;
    const info = ctx.deps.endpointInfo?.(v.endpoint);
    const capabilities = endpointCapabilities(info ?? { name: v.endpoint });
    const problem = validateParams(v.params, 'chat', info?.contextWindow ?? null, capabilities)[0];
    if (problem) return `Variant ${i + 1}: ${problem}`;
  }
  for (const scorer of s.scorers) {
    if (scorer.kind === 'judge') continue;
    const problem = scorerProblem(scorer);
    if (problem) return `${scorerName(scorer)}: ${problem}`;
  }
  return null;
}

/** Shows a saved run: its results and its dataset's rows. A run found "running" was interrupted: paused. */
export async function openRun(ctx: EvalContext, id: string): Promise<void> {
  if (isBusy(ctx.get())) return;
  try {
    const repos = ctx.deps.repos();
    const run = await repos.runs.get(id);
    if (!run) return;
    const [results, runRows] = await Promise.all([
      repos.runs.results(id),
      repos.datasets.rows(run.datasetId),
    ]);
    const { session } = ctx;
    session.scheduler = null;
    session.results = new Map(results.map((r) => [resultKey(r.rowIndex, r.variantId), r]));
    session.totals = totalsOf(results);
    // A workspace run goes on on the server: its polling resumes. A local one waits for Resume.
    const resumesOnServer = run.status === 'running' && run.where === 'workspace';
    const status = run.status === 'running' && !resumesOnServer ? 'paused' : run.status;
    const shown: EvalRunRecord = { ...run, status };
    if (status !== run.status) await repos.runs.put(shown);
    ctx.set({ run: shown, runRows, phase: status, scorers: shown.scorers });
    ctx.deps.writePreference(RUN_KEY, id);
    refresh(ctx);
    if (resumesOnServer) resumeWorkspacePolling(ctx);
  } catch (err) {
    ctx.set({ error: `The run could not be opened: ${message(err)}` });
  }
}

/** The run shown last time, to open again. */
export const recalledRunId = (ctx: EvalContext) => ctx.deps.readPreference(RUN_KEY);

/** Remembers the run on screen. */
export const rememberRun = (ctx: EvalContext, id: string | null) => ctx.deps.writePreference(RUN_KEY, id);
