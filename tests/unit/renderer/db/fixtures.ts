import type {
  ConversationRecord,
  MessageRecord,
  PresetRecord,
  PriceRecord,
} from '../../../../renderer/db/records';
import type { Metrics } from '../../../../shared/domain';

/** Shared test data for the database tests. */

let counter = 0;
/** A database name no other test uses (fake-indexeddb is process-wide). */
export const uniqueName = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2)}`;

export const METRICS: Metrics = {
  startedAt: 1_700_000_000_000,
  firstByteMs: 80,
  ttftMs: 120,
  totalMs: 2_000,
  tokensPerSec: 45.25,
  promptTokens: 12,
  completionTokens: 340,
  usageReported: true,
  retries: 0,
};

export function conversation(id: string, patch: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id,
    title: `Conversation ${id}`,
    createdAt: 1_000,
    updatedAt: 1_000,
    workspaceId: 'demo',
    endpoint: 'databricks-meta-llama-3-1-70b-instruct',
    systemPrompt: '',
    params: { temperature: 0 },
    activeLeafId: null,
    ...patch,
  };
}

export function user(
  id: string,
  conversationId: string,
  parentId: string | null,
  content: string,
  createdAt: number,
): MessageRecord {
  return { id, conversationId, parentId, role: 'user', content, createdAt };
}

export function answer(
  id: string,
  conversationId: string,
  parentId: string,
  content: string,
  createdAt: number,
  patch: Partial<MessageRecord> = {},
): MessageRecord {
  return {
    id,
    conversationId,
    parentId,
    role: 'assistant',
    content,
    createdAt,
    status: 'done',
    choices: [{ text: content, finishReason: 'stop' }],
    selectedChoice: 0,
    endpoint: 'databricks-meta-llama-3-1-70b-instruct',
    params: { temperature: 0 },
    model: 'meta-llama-3.1-70b',
    metrics: METRICS,
    error: null,
    synthetic: true,
    costUsd: 0.00123,
    ...patch,
  };
}

export const PRESET: PresetRecord = {
  id: 'p1',
  name: 'Precise',
  systemPrompt: 'Be precise.',
  params: { temperature: 0, max_tokens: 256, stop: ['END'] },
  createdAt: 5,
  updatedAt: 6,
};

export const PRICE: PriceRecord = {
  endpoint: 'databricks-dbrx-instruct',
  inputPerMillion: 0.75,
  outputPerMillion: 2.25,
  updatedAt: 7,
};
