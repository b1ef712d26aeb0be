import type {
  CompareSetupRecord,
  ComparisonRecord,
  CompletionRunRecord,
  ConversationRecord,
  MessageRecord,
  PresetRecord,
  PriceRecord,
  UsageRecord,
  VoteRecord,
} from '../../../../renderer/core/db/records';
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

export const COMPLETION_RUN: CompletionRunRecord = {
  id: 'run1',
  createdAt: 10,
  updatedAt: 20,
  workspaceId: 'demo',
  endpoint: 'demo-llama-3-1-8b-completions',
  prompt: 'Once upon a time',
  params: { temperature: 0, n: 2 },
  status: 'done',
  choices: [
    { text: ' there was', finishReason: 'length' },
    { text: ' a fox', finishReason: 'stop' },
  ],
  model: 'llama-8b',
  metrics: METRICS,
  error: null,
  synthetic: true,
  costUsd: 0.0004,
};

export function usage(id: string, at: number, patch: Partial<UsageRecord> = {}): UsageRecord {
  return {
    id,
    at,
    workspaceId: 'demo',
    endpoint: 'databricks-dbrx-instruct',
    source: 'chat',
    promptTokens: 10,
    completionTokens: 20,
    costUsd: 0.001,
    ...patch,
  };
}

export const COMPARE_SETUP: CompareSetupRecord = {
  id: 'setup1',
  name: 'Llama vs DBRX',
  createdAt: 1,
  updatedAt: 2,
  systemPrompt: 'Be fair.',
  sharedParams: { temperature: 0.5 },
  panes: [
    { id: 'p1', endpoint: 'databricks-dbrx-instruct', inheritParams: true, params: {} },
    { id: 'p2', endpoint: null, inheritParams: false, params: { max_tokens: 64 } },
  ],
};

export const COMPARISON: ComparisonRecord = {
  id: 'cmp1',
  title: 'Haiku',
  createdAt: 3,
  updatedAt: 4,
  workspaceId: null,
  systemPrompt: '',
  sharedParams: {},
  turns: ['Write a haiku'],
  blind: true,
  panes: [
    {
      id: 'p1',
      endpoint: 'databricks-dbrx-instruct',
      inheritParams: true,
      params: {},
      answers: [
        {
          turn: 0,
          content: 'Autumn moonlight',
          status: 'done',
          finishReason: 'stop',
          model: 'dbrx',
          metrics: METRICS,
          error: null,
          costUsd: 0.0002,
        },
      ],
    },
    {
      id: 'p2',
      endpoint: 'databricks-mixtral-8x7b-instruct',
      inheritParams: true,
      params: {},
      answers: [
        {
          turn: 0,
          content: '',
          status: 'error',
          finishReason: null,
          metrics: null,
          error: { code: 'RATE_LIMITED', message: 'Slow down', status: 429 },
          costUsd: null,
        },
      ],
    },
  ],
};

export const VOTE: VoteRecord = {
  id: 'v1',
  comparisonId: 'cmp1',
  turn: 0,
  at: 5,
  endpoints: ['databricks-dbrx-instruct', 'databricks-mixtral-8x7b-instruct'],
  winner: 'databricks-dbrx-instruct',
};
