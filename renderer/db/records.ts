import type { GenerationParams, Metrics } from '../../shared/domain';
import type { StudioError } from '../../shared/errors';

/*
 * What the renderer keeps in IndexedDB (Dexie database `serving-studio`). These types are
 * the contract between the database layer (renderer/db/), the chat store, the sidebar and
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

/** One of n choices of an answer. */
export interface ChoiceRecord {
  text: string;
  finishReason: string | null;
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
}

/** Error kept on a message, minus anything not in the error contract. */
export type StoredError = StudioError;
