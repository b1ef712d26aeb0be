import type { GenerationParams, Metrics, OutputItem, ReasoningItem } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';

/*
 * What the renderer keeps in IndexedDB (Dexie database `serving-studio`). These types are
 * the contract between the database layer (renderer/core/db/), the chat store, the sidebar and
 * the parameter/preset/price UI. Never a token or secret in any record.
 */

/** A conversation: its settings and which branch is on screen. */
export interface ConversationRecord {
  id: string;
  title: string;
  createdAt: number;
  /** Bumped on every new message; the sidebar sorts by it, newest first. */
  updatedAt: number;
  /** The workspace profile it was held on (null for none). */
  workspaceId: string | null;
  endpoint: string | null;
  systemPrompt: string;
  params: GenerationParams;
  /**
   * The leaf of the branch on screen: the visible conversation is the path from the root to
   * this message. Null for an empty conversation.
   */
  activeLeafId: string | null;
}

/**
 * Where an answer is. `streaming` is only ever seen on disk when the app closed mid-stream:
 * on load such messages become `interrupted` (partial text kept, Continue/Retry offered).
 */
export type MessageStatus = 'done' | 'streaming' | 'stopped' | 'interrupted' | 'error';

/**
 * One of n choices of an answer. Each choice reasons on its own, so its reasoning and agent
 * output items live with it, exactly as received (signatures intact: the next turn sends
 * them back).
 */
export interface ChoiceRecord {
  text: string;
  finishReason: string | null;
  /** The reasoning that led to this choice's text, absent when the model did not reason. */
  reasoning?: ReasoningItem[];
  /** An agent's tool calls and their outputs, in order, absent when there were none. */
  items?: OutputItem[];
}

/**
 * One message in the conversation tree. Messages with the same `parentId` are siblings:
 * regenerating an answer or editing a user message adds a sibling (a branch); nothing is
 * overwritten.
 */
export interface MessageRecord {
  id: string;
  conversationId: string;
  /** Null for the first message of the conversation. */
  parentId: string | null;
  role: 'user' | 'assistant';
  /** The text shown: for an assistant message, the selected choice's text. */
  content: string;
  createdAt: number;
  // ---- assistant messages only
  status?: MessageStatus;
  /** All n choices (length 1 when n is unset or 1). */
  choices?: ChoiceRecord[];
  /** The choice that continues the conversation. */
  selectedChoice?: number;
  endpoint?: string;
  /** The parameters the request was sent with. */
  params?: GenerationParams;
  /** The served model's own id. */
  model?: string | null;
  metrics?: Metrics | null;
  error?: StudioError | null;
  /** True for the demo workspace's synthetic models. */
  synthetic?: boolean;
  /** US dollars, from the price table at the time of the answer; null when no price is known. */
  costUsd?: number | null;
  // ---- user messages only
  /** The pictures sent with the text, in order; their bytes are in the `images` table (same ids). */
  attachments?: ImageAttachment[];
}

/**
 * What a message keeps about a picture it carries: the bytes sent live in the `images` table
 * under the same id (never base64 inside the message), the original's size stays visible.
 */
export interface ImageAttachment {
  id: string;
  /** The file's name ("pasted image" for a paste without one). */
  name: string;
  /** The type of the bytes sent (a re-encoded picture may differ from the original). */
  mime: string;
  /** The size sent, in pixels and bytes. */
  width: number;
  height: number;
  bytes: number;
  /** The original's size, before any scaling. */
  originalWidth: number;
  originalHeight: number;
  originalBytes: number;
}

/**
 * The bytes of one attached picture (schema 4). `ownerId` is the conversation (or comparison)
 * it belongs to: deleting that deletes its pictures.
 */
export interface ImageRecord {
  id: string;
  ownerId: string;
  mime: string;
  blob: Blob;
}

/** A picture in an export file: its bytes as base64 (lossless), keyed by the same id. */
export interface ExportedImage {
  id: string;
  ownerId: string;
  mime: string;
  /** Base64 of the exact bytes stored. */
  data: string;
}

/** A saved system prompt + parameters. */
export interface PresetRecord {
  id: string;
  name: string;
  systemPrompt: string;
  params: GenerationParams;
  createdAt: number;
  updatedAt: number;
}

/** A user-edited price for one endpoint (defaults live in shared/pricing.ts). */
export interface PriceRecord {
  /** Primary key: the endpoint name. */
  endpoint: string;
  /** US dollars per million input tokens. */
  inputPerMillion: number;
  /** US dollars per million output tokens (0 for embeddings). */
  outputPerMillion: number;
  updatedAt: number;
}

/** One run of the Completion pane: a raw prompt and its n completions. */
export interface CompletionRunRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  workspaceId: string | null;
  endpoint: string;
  prompt: string;
  params: GenerationParams;
  status: MessageStatus;
  choices: ChoiceRecord[];
  model?: string | null;
  metrics: Metrics | null;
  error: StudioError | null;
  synthetic: boolean;
  costUsd: number | null;
}

/**
 * Every response's usage, recorded once when it finishes (chat, completion, compare,
 * embeddings): the Endpoints pane turns it into monthly volume, cost per day and budgets.
 */
export interface UsageRecord {
  id: string;
  /** When the response finished (epoch ms). */
  at: number;
  workspaceId: string | null;
  endpoint: string;
  source: 'chat' | 'completion' | 'compare' | 'embeddings' | 'evaluate';
  promptTokens: number;
  completionTokens: number;
  /** Null when no price was known. */
  costUsd: number | null;
}

/** One pane of a comparison: an endpoint and its own parameters (or the shared ones). */
export interface ComparePaneSetup {
  id: string;
  endpoint: string | null;
  /** When true the pane uses the comparison's shared parameters and ignores `params`. */
  inheritParams: boolean;
  params: GenerationParams;
}

/** A reusable comparison setup (no outputs). */
export interface CompareSetupRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  systemPrompt: string;
  sharedParams: GenerationParams;
  panes: ComparePaneSetup[];
}

/** One answer in one pane of a saved comparison. */
export interface CompareAnswer {
  /** Index of the user turn it answers. */
  turn: number;
  content: string;
  status: MessageStatus;
  finishReason: string | null;
  model?: string | null;
  metrics: Metrics | null;
  error: StudioError | null;
  costUsd: number | null;
  /** The answer's reasoning, absent when the model did not reason (as on a chat choice). */
  reasoning?: ReasoningItem[];
  /** An agent's tool calls and outputs, in order. */
  items?: OutputItem[];
  /** The parameters it was sent with (its response format decides how it is judged). */
  params?: GenerationParams;
}

/** A whole comparison: setup, the user's turns and every pane's answers. */
export interface ComparisonRecord {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  workspaceId: string | null;
  systemPrompt: string;
  sharedParams: GenerationParams;
  panes: (ComparePaneSetup & { answers: CompareAnswer[] })[];
  /** The user messages, in order (every pane got the same ones). */
  turns: string[];
  /** The pictures sent with each turn (same index as `turns`; absent when none had any). */
  turnImages?: ImageAttachment[][];
  blind: boolean;
}

/** A blind-mode vote: which pane's endpoint won one turn (null winner = tie). */
export interface VoteRecord {
  id: string;
  comparisonId: string;
  turn: number;
  at: number;
  /** The endpoints that took part, one per pane. */
  endpoints: string[];
  /** The winning endpoint, or null for a tie. */
  winner: string | null;
}

/** The JSON export of everything (also what import reads back). */
export interface StudioExport {
  format: 'serving-studio-export';
  /** The database schema version the data was written with. */
  schemaVersion: number;
  exportedAt: number;
  conversations: ConversationRecord[];
  messages: MessageRecord[];
  presets: PresetRecord[];
  prices: PriceRecord[];
  /** Schema 3 and later. */
  completionRuns?: CompletionRunRecord[];
  usage?: UsageRecord[];
  compareSetups?: CompareSetupRecord[];
  comparisons?: ComparisonRecord[];
  votes?: VoteRecord[];
  /** Schema 4 and later: the attached pictures' bytes. */
  images?: ExportedImage[];
}

/** Error kept on a message, minus anything not in the error contract. */
export type StoredError = StudioError;
