import type { DemoEndpoint } from './endpoint-types';

/**
 * The endpoints a workspace serves today, beside the brief's 2024 catalogue: current
 * pay-per-token models (reasoning, a Responses-only GPT) and a Mosaic AI agent. Names,
 * context windows and reasoning options follow the public Databricks docs; prices live in
 * the app's editable table, not here.
 */

/** The current chat models, first in the listing: the first one is what a new chat picks. */
export const TODAY_CHAT_ENDPOINTS: readonly DemoEndpoint[] = [
  {
    name: 'databricks-meta-llama-3-3-70b-instruct',
    task: 'llm/v1/chat',
    servedModel: 'meta-llama-3.3-70b-instruct-121024',
    displayName: 'Meta Llama 3.3 70B Instruct',
    contextWindow: 131_072,
    kind: 'pay-per-token',
    createdAt: 1_733_875_200_000,
  },
  {
    name: 'databricks-claude-sonnet-4-6',
    task: 'llm/v1/chat',
    servedModel: 'claude-sonnet-4-6',
    displayName: 'Claude Sonnet 4.6',
    contextWindow: 200_000,
    kind: 'pay-per-token',
    // Hybrid: plain answers unless `thinking` (chat) or `reasoning.effort` (Responses) asks.
    reasoning: { chatParam: 'thinking', efforts: ['low', 'medium', 'high'], defaultEffort: null },
    apis: { chat: true, responses: true },
    createdAt: 1_771_372_800_000,
  },
  {
    name: 'databricks-gpt-oss-120b',
    task: 'llm/v1/chat',
    servedModel: 'gpt-oss-120b',
    displayName: 'GPT OSS 120B',
    contextWindow: 131_072,
    kind: 'pay-per-token',
    // Reasoning-only: every answer reasons, at medium effort unless told otherwise.
    reasoning: { chatParam: 'reasoning_effort', efforts: ['low', 'medium', 'high'], defaultEffort: 'medium' },
    apis: { chat: true, responses: true },
    // Some of today's endpoints describe their served entity by name only.
    bareEntity: true,
    createdAt: 1_754_524_800_000,
  },
  {
    name: 'databricks-gpt-5-5',
    task: 'llm/v1/chat',
    servedModel: 'gpt-5.5',
    displayName: 'GPT-5.5',
    contextWindow: 272_000,
    kind: 'pay-per-token',
    // Like GPT-5.1/5.2, no reasoning unless an effort is given.
    reasoning: { chatParam: null, efforts: ['none', 'low', 'medium', 'high'], defaultEffort: 'none' },
    apis: { chat: false, responses: true },
    createdAt: 1_776_643_200_000,
  },
  {
    name: 'databricks-llama-4-maverick',
    task: 'llm/v1/chat',
    servedModel: 'llama-4-maverick-17b-128e-instruct',
    displayName: 'Llama 4 Maverick',
    contextWindow: 131_072,
    kind: 'pay-per-token',
    createdAt: 1_743_897_600_000,
  },
];

/**
 * A Mosaic AI agent (custom endpoint, task `agent/v1/responses`): it looks an order up with a
 * tool and answers from the result. Listed after the completions model so that the completion
 * pane, which also offers task-less and agent endpoints, keeps its default pick.
 */
export const SUPPORT_AGENT: DemoEndpoint = {
  name: 'demo-support-agent',
  task: 'agent/v1/responses',
  servedModel: 'support_agent-2',
  displayName: 'Support agent (demo)',
  contextWindow: 131_072,
  kind: 'custom',
  entity: { name: 'main.demo.support_agent', version: '2', workloadType: 'CPU' },
  reasoning: { chatParam: null, efforts: ['low', 'medium', 'high'], defaultEffort: 'low' },
  apis: { chat: false, responses: true },
  createdAt: 1_760_000_000_000,
};
