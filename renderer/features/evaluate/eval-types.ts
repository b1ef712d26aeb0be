import type { Endpoint, GenerationParams, Metrics } from '../../../shared/domain';
import type { EvalTemplate } from '../../../shared/eval-template';
import type { Price } from '../../../shared/pricing';
import type {
  EvalDatasetRecord,
  EvalResultRecord,
  EvalRunRecord,
  EvalVariant,
  ScorerConfig,
} from '../../core/db/eval-records';
import type { UsageRecord } from '../../core/db/records';
import type { WithCommonDeps } from '../../core/store-deps';
import type { FrameClock } from '../../core/stream/frame-batcher';
import type { StreamApi, StreamGroup } from '../../core/stream/stream-client';
import type { RunEstimate } from './eval-cost';
import type { EvalScheduler } from './eval-scheduler';
import type { SqlApi, WarehouseView, WorkspaceSetup } from './eval-workspace-types';

/*
 * The Evaluate store's types: its state and actions, what it needs from outside (doubles in
 * unit tests), and the bookkeeping its action modules share.
 */

/** The storage the store uses (renderer/core/db/eval-repo.ts). */
export interface EvalRepos {
  datasets: {
    list(): Promise<EvalDatasetRecord[]>;
    get(id: string): Promise<EvalDatasetRecord | undefined>;
    add(dataset: EvalDatasetRecord, rows: readonly Record<string, string>[]): Promise<void>;
    rows(datasetId: string): Promise<Record<string, string>[]>;
    remove(id: string): Promise<void>;
  };
  runs: {
    list(): Promise<EvalRunRecord[]>;
    get(id: string): Promise<EvalRunRecord | undefined>;
    put(run: EvalRunRecord): Promise<void>;
    putResults(results: readonly EvalResultRecord[]): Promise<void>;
    results(runId: string): Promise<EvalResultRecord[]>;
    remove(runId: string): Promise<void>;
  };
}

/** What the store needs from the outside world. */
export interface EvaluateDeps {
  getApi: () => StreamApi;
  repos: () => EvalRepos;
  recordUsage: (entry: Omit<UsageRecord, 'id'>) => Promise<unknown>;
  /** Cost in USD of a finished answer; null when no price is known. */
  costOf: (endpoint: string, metrics: Metrics) => number | null;
  /** The price in effect for an endpoint (the worst-case estimate). */
  priceFor: (endpoint: string) => Price | null;
  isDemoWorkspace: () => boolean;
  workspaceId: () => string | null;
  /** The endpoint as listed (what it can do); undefined when not listed. */
  endpointInfo?: (name: string) => Endpoint | undefined;
  /** Opens a row in chat with its variables filled (core/open-endpoint.ts in the app). */
  openInChat?: (
    endpoint: string,
    seed: { systemPrompt: string; draft: string; params: GenerationParams },
  ) => boolean;
  readPreference?: (key: string) => string | null;
  writePreference?: (key: string, value: string | null) => void;
  clock?: FrameClock;
  now?: () => number;
  newId?: () => string;
  /** The Databricks SQL bridge methods (the workspace path). */
  getSqlApi?: () => SqlApi;
  /** Why the current workspace can't run SQL (an OpenAI-compatible server, none connected), or null. */
  sqlUnavailable?: () => string | null;
  /** Timers of the run queue (tests pass fake ones). */
  setTimer?: (run: () => void, ms: number) => () => void;
}

/** Where a run's requests are made: this machine, or the workspace's SQL engine (ai_query). */
export type RunWhere = 'local' | 'workspace';

/** The run on screen, as the progress bar shows it. */
export interface RunProgress {
  total: number;
  done: number;
  failed: number;
  inFlight: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number | null;
  /** Milliseconds left at the pace since the run (re)started; null before the first result. */
  etaMs: number | null;
  /** Concurrency per endpoint (adaptive) and when a 429 holds it. */
  limits: {
    endpoint: string;
    limit: number;
    /** Starts per second learned from 429s (null: not paced). */
    pace?: number | null;
    inFlight: number;
    blockedUntil: number;
    rateLimited: number;
  }[];
}

/** What the queue of the run on screen is doing. */
export type RunPhase = 'idle' | 'running' | 'pausing' | 'paused' | 'done' | 'cancelled';

/** The Evaluate view's state and actions. Only these actions call the bridge or the database. */
export interface EvaluateState {
  template: EvalTemplate;
  variants: EvalVariant[];
  scorers: ScorerConfig[];
  where: RunWhere;
  datasets: EvalDatasetRecord[];
  /** The dataset chosen for the next run. */
  dataset: EvalDatasetRecord | null;
  /** Its rows (values by column), loaded from the database. */
  rows: Record<string, string>[];
  importing: boolean;
  importError: string | null;
  runs: EvalRunRecord[];
  /** The run on screen (running, paused or saved). */
  run: EvalRunRecord | null;
  /** The rows of the run on screen (its dataset's). */
  runRows: Record<string, string>[];
  /** Bumped whenever a result of the run on screen changes (results live outside the state). */
  resultsVersion: number;
  phase: RunPhase;
  progress: RunProgress | null;
  /** The estimate waiting for the user's confirmation before a run starts. */
  confirm: RunEstimate | null;
  /** A saved run shown beside the one on screen (its summary). */
  compareRun: { run: EvalRunRecord; results: EvalResultRecord[]; rows: Record<string, string>[] } | null;
  /** The LLM judge's pass in progress. */
  judging: { scorerId: string; done: number; total: number } | null;
  /** The workspace path's settings for the next run. */
  workspaceSetup: WorkspaceSetup;
  /** The SQL warehouses as the picker shows them. */
  warehouses: WarehouseView;
  /** Why the last workspace run could not start (e.g. the upload was refused), in the workspace's words. */
  workspaceError: string | null;
  /** True while the dataset is uploaded to the volume. */
  uploading: boolean;
  error: string | null;
  initialised: boolean;

  init(): Promise<void>;
  setTemplate(patch: Partial<EvalTemplate>): void;
  addVariant(): void;
  removeVariant(id: string): void;
  setVariantEndpoint(id: string, endpoint: string): void;
  setVariantParams(id: string, params: GenerationParams): void;
  setWhere(where: RunWhere): void;
  setWorkspaceSetup(patch: Partial<WorkspaceSetup>): void;
  /** Runs variant `variantId` with `sql` instead of the generated statement (null: back to generated). */
  editStatement(variantId: string, sql: string | null): void;
  loadWarehouses(): Promise<void>;
  /** Why the workspace path is unavailable here (an OpenAI-compatible server), or null. */
  sqlUnavailable(): string | null;
  startWarehouse(id: string): Promise<void>;
  /** The statement of each variant as it would run now (or why not). */
  workspacePlan(): import('./eval-workspace-types').WorkspacePlan;
  addScorer(scorer: ScorerConfig): void;
  updateScorer(id: string, patch: Partial<ScorerConfig>): void;
  removeScorer(id: string): void;
  importDataset(fileName: string, text: string): Promise<boolean>;
  selectDataset(id: string): Promise<void>;
  removeDataset(id: string): Promise<void>;
  /** Why Run is disabled (template, dataset, variants, scorers), or null. */
  runProblem(): string | null;
  /** Estimates the run; starts it at once below the threshold, else waits for `confirmRun`. */
  requestRun(): Promise<void>;
  confirmRun(): Promise<void>;
  dismissConfirm(): void;
  pause(): void;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  openRun(id: string): Promise<void>;
  removeRun(id: string): Promise<void>;
  setCompareRun(id: string | null): Promise<void>;
  /** Runs the judge scorer `scorerId` on the answers it has no verdict for. */
  runJudge(scorerId: string): Promise<void>;
  /** The result of row `rowIndex` for `variantId` in the run on screen. */
  resultOf(rowIndex: number, variantId: string): EvalResultRecord | undefined;
  /** Every result of the run on screen. */
  allResults(): EvalResultRecord[];
  /** Opens row `rowIndex` of the run on screen in chat, with variant `variantId`'s endpoint and parameters. */
  openRowInChat(rowIndex: number, variantId: string): boolean;
  dismissError(): void;
  /** Applies a batch of stream events (once per animation frame). */
  applyEvents(events: import('../../../shared/stream-events').StreamEvent[]): void;
}

/** One live request: the task it answers and the text so far. */
export interface LiveRequest {
  kind: 'answer' | 'judge';
  rowIndex: number;
  variantId: string;
  endpoint: string;
  text: string;
  /** Tool calls the answer made (function_call items). */
  toolCalls: { name: string; arguments: string }[];
  lastSeq: number;
}

/** Bookkeeping that is not UI state. */
export interface EvalSession {
  /** Results of the run on screen by `${rowIndex}:${variantId}`. */
  results: Map<string, EvalResultRecord>;
  /** An attempt's result, built at its end, until the queue says it is final (not retried). */
  pending: Map<string, EvalResultRecord>;
  /** Stream id → its request. */
  live: Map<string, LiveRequest>;
  /** The open streams, to stop them on cancel. */
  stops: Map<string, () => Promise<void>>;
  scheduler: EvalScheduler | null;
  /** Running totals of `results` (kept as results land: no pass over every result per update). */
  totals: RunTotals;
  /** Stops the next poll of a workspace run. */
  stopPoll: (() => void) | null;
  /** When the queue (re)started and how many results it has settled since (the ETA). */
  startedAt: number;
  settledSinceStart: number;
}

type SetState = (partial: Partial<EvaluateState> | ((s: EvaluateState) => Partial<EvaluateState>)) => void;

/** What the action modules work with. */
export interface EvalContext {
  set: SetState;
  get: () => EvaluateState;
  deps: WithCommonDeps<EvaluateDeps> & {
    setTimer: (run: () => void, ms: number) => () => void;
    getSqlApi: () => SqlApi;
    sqlUnavailable: () => string | null;
  };
  session: EvalSession;
  streams: StreamGroup;
}

/** Sums over a run's results. */
export interface RunTotals {
  done: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number | null;
}

/** The key of a result in the session's map. */
export const resultKey = (rowIndex: number, variantId: string) => `${rowIndex}:${variantId}`;
