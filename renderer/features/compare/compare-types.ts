import type { Endpoint, GenerationParams, Metrics } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent } from '../../../shared/stream-events';
import type { CompareSetupRecord, ComparisonRecord, UsageRecord, VoteRecord } from '../../core/db/records';
import type { PreparedImage } from '../../core/images';
import type { WithCommonDeps } from '../../core/store-deps';
import type { FrameClock } from '../../core/stream/frame-batcher';
import type { StreamApi, StreamGroup, StreamHandle } from '../../core/stream/stream-client';
import type { PaneLink } from './compare-events';
import type { PaneState } from './compare-model';
import type { SweepParam } from './sweep';

/*
 * The compare store's types: its state and actions, what it needs from outside (test
 * doubles in unit tests), and the private bookkeeping its action modules share.
 */

/** The repositories the store uses (renderer/core/db/compare-repo.ts). */
export interface CompareRepos {
  setups: {
    list(): Promise<CompareSetupRecord[]>;
    get(id: string): Promise<CompareSetupRecord | undefined>;
    put(r: CompareSetupRecord): Promise<void>;
    remove(id: string): Promise<void>;
  };
  comparisons: {
    list(): Promise<ComparisonRecord[]>;
    get(id: string): Promise<ComparisonRecord | undefined>;
    put(r: ComparisonRecord): Promise<void>;
    remove(id: string): Promise<void>;
  };
  votes: {
    add(vote: Omit<VoteRecord, 'id'>): Promise<VoteRecord>;
    list(): Promise<VoteRecord[]>;
  };
}

/** What the store needs from the outside world. */
export interface CompareDeps {
  getApi: () => StreamApi;
  repos: () => CompareRepos;
  recordUsage: (entry: Omit<UsageRecord, 'id'>) => Promise<unknown>;
  /** Cost in USD of a finished answer; null when no price is known. */
  costOf: (endpoint: string, metrics: Metrics) => number | null;
  isDemoWorkspace: () => boolean;
  workspaceId: () => string | null;
  /** Told when the server answered that a pane's endpoint does not exist (or its model was retired). */
  onEndpointGone?: (endpoint: string, error: StudioError) => void;
  /** The endpoint as listed (what it can do, its protocol); undefined when not listed. */
  endpointInfo?: (name: string) => Endpoint | undefined;
  readPreference?: (key: string) => string | null;
  writePreference?: (key: string, value: string | null) => void;
  clock?: FrameClock;
  now?: () => number;
  newId?: () => string;
  /** Randomness for the blind shuffle (injectable so tests are repeatable). */
  random?: () => number;
}

/** The comparison's state and actions. Only these actions call the bridge or the database. */
export interface CompareState {
  comparisonId: string;
  title: string;
  createdAt: number;
  systemPrompt: string;
  sharedParams: GenerationParams;
  panes: PaneState[];
  /** The user's messages, in order; every pane got the same ones. */
  turns: string[];
  draft: string;
  /** The pictures attached to the draft (already scaled down). */
  draftImages: PreparedImage[];
  /** Why the last files could not be attached, or null. */
  attachError: string | null;
  blind: boolean;
  /** Blind mode's display order (pane ids), shuffled once per turn. */
  order: string[];
  /** Every stored vote (the leaderboard), oldest first. */
  votes: VoteRecord[];
  /** "Retrying in 2s…" per pane id while the privileged side waits before a retry. */
  notices: Record<string, string | null>;
  /** True when the answers come from the demo workspace's synthetic models. */
  synthetic: boolean;
  setups: CompareSetupRecord[];
  comparisons: ComparisonRecord[];
  /** A database failure, shown above the panes. */
  error: string | null;
  initialised: boolean;

  /** Restores the last setup, loads saved setups, comparisons and votes (once). */
  init(): Promise<void>;
  setSystemPrompt(text: string): void;
  setSharedParams(params: GenerationParams): void;
  setDraft(text: string): void;
  attachImages(files: readonly File[]): Promise<void>;
  removeDraftImage(id: string): void;
  dismissAttachError(): void;
  addPane(endpoint: string | null): void;
  removePane(id: string): void;
  movePane(id: string, by: -1 | 1): void;
  setPaneEndpoint(id: string, endpoint: string): void;
  setPaneParams(id: string, params: GenerationParams): void;
  setPaneInherit(id: string, inherit: boolean): void;
  /** Replaces the panes by one pane per value of `param` on `endpoint`. */
  applySweep(endpoint: string, param: SweepParam, values: number[]): void;
  setBlind(on: boolean): void;
  /** Sends the draft to every pane with an endpoint; no-op while a pane streams. */
  send(): Promise<void>;
  stopPane(id: string): Promise<void>;
  /** The user's results for a pane's waiting tool calls: its answer goes on. False when it can't now. */
  submitToolResults(paneId: string, turn: number, results: Readonly<Record<string, string>>): boolean;
  stopAll(): Promise<void>;
  /** Blind mode: votes for the pane `paneId` (null for a tie) on the last turn; reveals names. */
  vote(paneId: string | null): Promise<void>;
  /** Starts a new comparison with the same setup. */
  newComparison(): void;
  saveSetup(name: string): Promise<void>;
  loadSetup(id: string): Promise<void>;
  openComparison(id: string): Promise<void>;
  /** Applies a batch of stream events (called once per animation frame). */
  applyEvents(events: StreamEvent[]): void;
}

/** Pictures per turn as sent (data URLs), for the comparison they were sent in. */
export interface SentImages {
  comparisonId: string;
  /** Index = turn; an empty list for a turn without pictures. */
  turns: { url: string }[][];
}

/** Bookkeeping that is not UI state. */
export interface CompareSession {
  /** Stream id → the pane and turn it writes into. */
  links: Map<string, PaneLink>;
  /** The stream of each pane (by pane id) while it streams. */
  streams: Map<string, StreamHandle>;
  /** The pictures sent in this comparison's turns (kept for the session, not saved). */
  images?: SentImages;
}

type SetState = (partial: Partial<CompareState> | ((s: CompareState) => Partial<CompareState>)) => void;

/** What the action modules work with. */
export interface CompareContext {
  set: SetState;
  get: () => CompareState;
  /** The store's dependencies, defaults resolved once (see core/store-deps.ts). */
  deps: WithCommonDeps<CompareDeps>;
  session: CompareSession;
  /** Every pane's stream; their events reach `applyEvents` together, once per frame at most. */
  streams: StreamGroup;
  now: () => number;
  newId: () => string;
}
