import type { ChatMessage, Endpoint, GenerationParams, Metrics } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent } from '../../../shared/stream-events';
import type { ConversationRecord, ImageRecord, MessageRecord } from '../../core/db/records';
import type { SaverTimers, ThrottledSaver } from '../../core/db/throttled-saver';
import type { UsageEntry } from '../../core/db/usage-repo';
import type { PreparedImage } from '../../core/images';
import type { WithCommonDeps } from '../../core/store-deps';
import type { FrameClock } from '../../core/stream/frame-batcher';
import type { StreamApi, StreamGroup, StreamHandle } from '../../core/stream/stream-client';
import type { Overflow } from './chat-errors';
import type { StreamLink } from './chat-events';
import type { ChildrenIndex, MessageMap } from './chat-tree';

/*
 * The chat store's types: its state and actions, what it needs from outside, and the
 * private bookkeeping its action modules share.
 */

/** The part of the conversations repository the chat uses (renderer/core/db/conversations-repo.ts). */
export interface ChatRepo {
  get(id: string): Promise<ConversationRecord | undefined>;
  create(init: Partial<ConversationRecord>): Promise<unknown>;
  update(id: string, patch: Partial<ConversationRecord>): Promise<unknown>;
  messages(conversationId: string): Promise<MessageRecord[]>;
  putMessages(messages: MessageRecord[]): Promise<unknown>;
  /** Deletes messages and the pictures only they carried; resolves to those pictures (for undo). */
  deleteMessages(ids: string[]): Promise<ImageRecord[] | undefined>;
  putImages(images: ImageRecord[]): Promise<unknown>;
  images(ids: readonly string[]): Promise<ImageRecord[]>;
}

/** What the store needs from the outside world (test doubles in unit tests). */
export interface ChatStoreDeps {
  getApi: () => StreamApi;
  repo: () => ChatRepo;
  /** Whether the current workspace is the demo one (its answers are labelled synthetic). */
  isDemoWorkspace: () => boolean;
  workspaceId?: () => string | null;
  /** The endpoint as listed (for its context window). */
  endpointInfo?: (name: string) => Endpoint | undefined;
  /** Why `endpoint` can't be used (gone from the workspace), or null: nothing is sent to it then. */
  missingReason?: (endpoint: string) => string | null;
  /** Told when the server answered that `endpoint` does not exist (or its model was retired). */
  onEndpointGone?: (endpoint: string, error: StudioError) => void;
  /** Cost in USD of a finished answer; null when no price is known. */
  costOf?: (endpoint: string, metrics: Metrics) => number | null;
  /** Records a finished request's usage (once per request; renderer/core/db/usage-repo.ts). */
  recordUsage?: (entry: UsageEntry) => unknown;
  writeClipboard?: (text: string) => Promise<void>;
  /** Called after a conversation was created or changed (the sidebar refreshes). */
  onConversationChanged?: (id: string) => void;
  /** Preference storage for the last used settings; defaults to localStorage. */
  readPreference?: (key: string) => string | null;
  writePreference?: (key: string, value: string | null) => void;
  clock?: FrameClock;
  saverTimers?: SaverTimers;
  saveIntervalMs?: number;
  now?: () => number;
  newId?: () => string;
}

/** What Retry does again after a failed turn. */
export type RetrySpec = { kind: 'send' } | { kind: 'answer'; parentId: string };

/** A request that failed before any text: shown above the composer with its actions. */
export interface TurnFailure {
  error: StudioError;
  retry: RetrySpec;
  /** When it failed (epoch ms). */
  at: number;
  /** When the server said a retry may succeed (epoch ms), for the countdown; null when it did not say. */
  retryAfter: number | null;
  endpoint: string;
  /** For CONTEXT_TOO_LONG: by how much. */
  overflow: Overflow | null;
}

/** The last deleted subtree, for Undo. */
export interface DeletedBranch {
  messages: MessageRecord[];
  /** The pictures deleted with it. */
  images?: ImageRecord[];
  leafBefore: string | null;
}

/** The chat's state and actions. Only these actions call the bridge or the database. */
export interface ChatState {
  conversationId: string | null;
  title: string;
  endpoint: string | null;
  systemPrompt: string;
  params: GenerationParams;
  /** Every message of the current conversation, all branches. */
  messages: MessageMap;
  children: ChildrenIndex;
  activeLeafId: string | null;
  /** The visible thread: ids from the root to the active leaf. */
  thread: string[];
  /** The composer's text. */
  draft: string;
  /** The pictures attached to the draft (already scaled down), in order. */
  draftImages: PreparedImage[];
  /** Why the last files could not be attached (each named), or null. */
  attachError: string | null;
  /** The assistant message being streamed; null when idle. */
  activeId: string | null;
  /** "Retrying in 2s (…)" while the privileged side waits before a retry. */
  retryNotice: string | null;
  failure: TurnFailure | null;
  /** The message to scroll to and highlight (search hit). */
  highlightId: string | null;
  /** Leave the oldest turns out of what is sent so the request fits the window. */
  trimToFit: boolean;
  /** Characters per token, calibrated by the last overflow. */
  charsPerToken: number;
  /** How many messages the last request left out (trimming). */
  lastDropped: number;
  deleted: DeletedBranch | null;
  /** Bumped to ask the composer / endpoint picker to take the focus. */
  composerFocus: number;
  pickerFocus: number;
  /** Whether the parameters panel is open. */
  paramsOpen: boolean;
  /** Tool results being typed: answer id → call id → text (kept until they are sent). */
  toolDrafts: Record<string, Record<string, string>>;
  loading: boolean;
  /** The preset new conversations start from (its name, for the menu), or null: server defaults. */
  defaultPreset: { id: string; name: string } | null;
  /** Chooses (null: clears) the preset new conversations start from. */
  setDefaultPreset(
    preset: { id: string; name: string; systemPrompt: string; params: GenerationParams } | null,
  ): void;

  setEndpoint(name: string | null): void;
  setSystemPrompt(text: string): void;
  setParams(params: GenerationParams): void;
  setDraft(text: string): void;
  /** Checks, scales and attaches pictures to the draft; problems go to `attachError`. */
  attachImages(files: readonly File[]): Promise<void>;
  removeDraftImage(id: string): void;
  dismissAttachError(): void;
  /** The stored pictures with these ids (a message's thumbnails). */
  loadImages(ids: readonly string[]): Promise<ImageRecord[]>;
  /** Sends the draft under the active leaf; no-op while streaming, without endpoint/text or with invalid params. */
  send(): Promise<void>;
  stop(): Promise<void>;
  /** A new answer (sibling) to the user message before `messageId` (default: the last answer). */
  regenerate(messageId?: string): Promise<void>;
  /** A new user message beside `messageId` with `text`, and its answer. */
  editAndResend(messageId: string, text: string): Promise<void>;
  /** Continues a stopped / interrupted / failed answer, appending to it. */
  continueAnswer(messageId: string): Promise<void>;
  /**
   * Answers the pending tool calls of the answer's choice on screen (call id → result) and
   * continues the same answer; false when it could not start (the drafts are kept).
   */
  submitToolResults(messageId: string, results: Record<string, string>): Promise<boolean>;
  /** Remembers a tool result being typed. */
  setToolDraft(messageId: string, callId: string, text: string): void;
  switchBranch(messageId: string, direction: -1 | 1): void;
  selectChoice(messageId: string, index: number): void;
  deleteMessage(messageId: string): Promise<void>;
  undoDelete(): Promise<void>;
  copyMessage(messageId: string): Promise<void>;
  copyLastAnswer(): Promise<void>;
  focusComposer(): void;
  focusEndpointPicker(): void;
  setParamsOpen(open: boolean): void;
  openConversation(id: string, focusMessageId?: string): Promise<void>;
  newConversation(): void;
  /** Reopens the conversation open before the last reload, if any. */
  restoreLast(): Promise<void>;
  retryFailure(): Promise<void>;
  /** Turns trimming on and retries the failed request. */
  trimAndRetry(): Promise<void>;
  setTrimToFit(on: boolean): void;
  /** Switches the conversation to `endpoint` and retries the failed request. */
  retryWithEndpoint(endpoint: string): Promise<void>;
  dismissFailure(): void;
  /** Applies a batch of stream events (called once per animation frame). */
  applyEvents(events: StreamEvent[]): void;
}

/** The turn being streamed (one at a time). */
export interface ActiveTurn {
  messageId: string;
  stream: StreamHandle;
  endpoint: string;
  request: ChatMessage[];
  retry: RetrySpec;
  /** 'continue' appends to an existing answer: a failure never removes it. */
  mode: 'new' | 'continue';
}

/** Bookkeeping that is not UI state (never rendered, so kept out of the store). */
export interface ChatSession {
  /** Stream id → the message it writes into. */
  links: Map<string, StreamLink>;
  turn: ActiveTurn | null;
  lastNow: number;
}

type SetState = (partial: Partial<ChatState> | ((s: ChatState) => Partial<ChatState>)) => void;

/** What the action modules work with. */
export interface ChatContext {
  set: SetState;
  get: () => ChatState;
  /** The store's dependencies, defaults resolved once (see core/store-deps.ts). */
  deps: WithCommonDeps<ChatStoreDeps>;
  session: ChatSession;
  /** The store's streams; their events reach `applyEvents` once per frame at most. */
  streams: StreamGroup;
  saver: ThrottledSaver<MessageRecord>;
  /** Called when an answer's request ended well (the tool loop may go on in mock mode). */
  afterAnswer?: (messageId: string) => void;
}
