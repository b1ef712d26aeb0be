import type { GenerationParams, Metrics } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent } from '../../../shared/stream-events';
import type { CompletionRunRecord, UsageRecord } from '../../core/db/records';
import type { SaverTimers, ThrottledSaver } from '../../core/db/throttled-saver';
import type { WithCommonDeps } from '../../core/store-deps';
import type { FrameClock } from '../../core/stream/frame-batcher';
import type { StreamApi, StreamGroup, StreamHandle } from '../../core/stream/stream-client';
import type { RunLink } from './completion-events';
import type { StopCheck } from './stop-check';

/* The completion store's types: state and actions, what it needs from outside, bookkeeping. */

/** The completion-runs repository (renderer/core/db/completion-runs-repo.ts). */
export interface RunsRepo {
  /** Newest first. */
  list(): Promise<CompletionRunRecord[]>;
  get(id: string): Promise<CompletionRunRecord | undefined>;
  put(run: CompletionRunRecord): Promise<unknown>;
  remove(id: string): Promise<unknown>;
}

/** What the store needs from the outside world (test doubles in unit tests). */
export interface CompletionStoreDeps {
  getApi: () => StreamApi;
  repo: () => RunsRepo;
  /** Records one finished run's usage (renderer/core/db/usage-repo.ts `recordUsage`). */
  recordUsage: (entry: Omit<UsageRecord, 'id'>) => Promise<unknown>;
  /** Whether the current workspace is the demo one (its runs are labelled synthetic). */
  isDemoWorkspace: () => boolean;
  workspaceId: () => string | null;
  /** The endpoint's context window when known (limits max_tokens). */
  contextWindow?: (endpoint: string) => number | null;
  /** Cost in USD of a finished run; null when no price is known. */
  costOf?: (endpoint: string, metrics: Metrics) => number | null;
  readPreference?: (key: string) => string | null;
  writePreference?: (key: string, value: string | null) => void;
  clock?: FrameClock;
  saverTimers?: SaverTimers;
  saveIntervalMs?: number;
  now?: () => number;
  newId?: () => string;
}

/** Loading state of the run history. */
export type HistoryStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Completion state and actions. */
export interface CompletionState {
  endpoint: string | null;
  prompt: string;
  params: GenerationParams;
  /** The run on screen: the one streaming, the last one, or one reopened from history. */
  run: CompletionRunRecord | null;
  /** The choice Append uses. */
  selectedChoice: number;
  /** True from Send until the stream's terminal event. */
  streaming: boolean;
  retryNotice: string | null;
  /** A request refused before any stream started (shown inline; the prompt stays). */
  failure: StudioError | null;
  /** Saved runs, newest first. */
  runs: CompletionRunRecord[];
  historyStatus: HistoryStatus;
  historyError: string | null;
  /** What re-runs without stop sequences found, per `runId:choice` (this session only). */
  stopChecks: Record<string, StopCheck>;

  setEndpoint(endpoint: string): void;
  setPrompt(prompt: string): void;
  setParams(params: GenerationParams): void;
  selectChoice(index: number): void;
  send(): Promise<void>;
  stop(): Promise<void>;
  /** Appends the selected choice's text to the prompt (to continue from it). */
  append(): void;
  loadHistory(): Promise<void>;
  /** Shows a saved run and restores its endpoint, prompt and parameters. */
  openRun(id: string): Promise<void>;
  removeRun(id: string): Promise<void>;
  dismissFailure(): void;
  /** Re-runs choice `index` without stop sequences to tell a stop sequence from the model's end. */
  checkStop(index: number): Promise<void>;
  /** One frame's stream events (from the stream group). */
  applyEvents(events: StreamEvent[]): void;
}

/** The store's private bookkeeping. */
export interface CompletionSession {
  /** The run's stream and how far it got, while it streams. */
  stream: StreamHandle | null;
  link: RunLink | null;
  lastNow: number;
}

/** What the action modules work on. */
export interface CompletionContext {
  set: (patch: Partial<CompletionState> | ((s: CompletionState) => Partial<CompletionState>)) => void;
  get: () => CompletionState;
  /** The store's dependencies, defaults resolved once (see core/store-deps.ts). */
  deps: WithCommonDeps<CompletionStoreDeps>;
  /** The run's stream; its events reach `applyEvents` once per frame at most. */
  streams: StreamGroup;
  saver: ThrottledSaver<CompletionRunRecord>;
  session: CompletionSession;
}
