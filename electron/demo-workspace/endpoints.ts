import type { DemoEndpoint } from './endpoint-types';
import { SUPPORT_AGENT, TODAY_CHAT_ENDPOINTS } from './today-endpoints';

/**
 * The demo workspace's serving endpoints and how they are described by
 * `GET /api/2.0/serving-endpoints[/{name}]`, shaped like a real workspace's answer.
 */

export type { DemoEndpoint, DemoTask, ReasoningEffort, ReasoningSupport } from './endpoint-types';

export const speaksChat = (endpoint: DemoEndpoint): boolean => endpoint.apis?.chat ?? true;

/** Whether the endpoint answers the Responses API. */
export const speaksResponses = (endpoint: DemoEndpoint): boolean => endpoint.apis?.responses ?? false;

const FOUNDATION_CREATED = 1_721_944_442_000;

/** The brief's 2024 catalogue (kept: its examples must keep working). */
const BRIEF_ENDPOINTS: readonly DemoEndpoint[] = [
  {
    name: 'databricks-dbrx-instruct',
    task: 'llm/v1/chat',
    servedModel: 'dbrx-instruct-032724',
    displayName: 'DBRX Instruct',
    contextWindow: 32_768,
    kind: 'pay-per-token',
    createdAt: 1_711_584_000_000,
  },
  {
    name: 'databricks-meta-llama-3-1-70b-instruct',
    task: 'llm/v1/chat',
    servedModel: 'meta-llama-3.1-70b-instruct-072424',
    displayName: 'Meta Llama 3.1 70B Instruct',
    contextWindow: 131_072,
    kind: 'pay-per-token',
    createdAt: FOUNDATION_CREATED,
  },
  {
    name: 'databricks-meta-llama-3-1-405b-instruct',
    task: 'llm/v1/chat',
    servedModel: 'meta-llama-3.1-405b-instruct-072424',
    displayName: 'Meta Llama 3.1 405B Instruct',
    contextWindow: 131_072,
    kind: 'pay-per-token',
    createdAt: FOUNDATION_CREATED,
  },
  {
    name: 'databricks-mixtral-8x7b-instruct',
    task: 'llm/v1/chat',
    servedModel: 'mixtral-8x7b-instruct-v0.1',
    displayName: 'Mixtral-8x7B Instruct',
    contextWindow: 32_768,
    kind: 'pay-per-token',
    createdAt: 1_703_000_000_000,
  },
  {
    name: 'databricks-bge-large-en',
    task: 'llm/v1/embeddings',
    servedModel: 'bge-large-en-v1.5',
    displayName: 'BGE Large (En)',
    contextWindow: 512,
    kind: 'pay-per-token',
    embeddingProfile: 'bge',
    createdAt: 1_700_000_000_000,
  },
  {
    name: 'databricks-gte-large-en',
    task: 'llm/v1/embeddings',
    servedModel: 'gte-large-en-v1.5',
    displayName: 'GTE Large (En)',
    contextWindow: 8192,
    kind: 'pay-per-token',
    embeddingProfile: 'gte',
    createdAt: 1_715_000_000_000,
  },
  {
    name: 'demo-llama-3-1-8b-completions',
    task: 'llm/v1/completions',
    servedModel: 'meta-llama-3.1-8b-072424',
    displayName: 'Llama 3.1 8B (completions)',
    contextWindow: 8192,
    kind: 'custom',
    createdAt: 1_730_000_000_000,
  },
  {
    name: 'demo-llama-3-1-8b-pt',
    task: 'llm/v1/chat',
    servedModel: 'meta_llama_3_1_8b_instruct-1',
    displayName: 'Llama 3.1 8B Instruct (provisioned)',
    contextWindow: 131_072,
    kind: 'provisioned-throughput',
    createdAt: 1_731_000_000_000,
  },
];

/**
 * Every built-in endpoint in listing order: today's chat models first (a new chat picks the
 * first ready one), then the brief's, then the agent. Provisioned ones are listed last anyway.
 */
export const DEMO_ENDPOINTS: readonly DemoEndpoint[] = [
  ...TODAY_CHAT_ENDPOINTS,
  ...BRIEF_ENDPOINTS,
  SUPPORT_AGENT,
];

/** Looks an endpoint up by name. */
export function findEndpoint(name: string): DemoEndpoint | undefined {
  return DEMO_ENDPOINTS.find((endpoint) => endpoint.name === name);
}

function servedEntity(endpoint: DemoEndpoint): Record<string, unknown> {
  if (endpoint.kind === 'pay-per-token') {
    // Clients must then recognise a foundation model from its name and endpoint_type.
    if (endpoint.bareEntity) return { name: endpoint.name };
    return {
      name: endpoint.name,
      foundation_model: {
        name: endpoint.name,
        display_name: endpoint.displayName,
        docs: 'https://docs.databricks.com/machine-learning/foundation-models/index.html',
        description: `${endpoint.displayName} served by the local demo workspace (synthetic answers).`,
      },
    };
  }
  const ready = { deployment: 'DEPLOYMENT_READY', deployment_state_message: '' };
  if (endpoint.kind === 'provisioned-throughput') {
    return {
      name: endpoint.servedModel,
      entity_name: 'system.ai.meta_llama_3_1_8b_instruct',
      entity_version: '1',
      provisioned_model_units: 1,
      scale_to_zero_enabled: false,
      state: ready,
    };
  }
  const entity = endpoint.entity ?? {
    name: 'main.demo.llama_3_1_8b_completions',
    version: '3',
    workloadType: 'GPU_MEDIUM',
  };
  return {
    name: endpoint.servedModel,
    entity_name: entity.name,
    entity_version: entity.version,
    workload_size: 'Small',
    workload_type: entity.workloadType,
    scale_to_zero_enabled: false,
    state: ready,
  };
}

const ENDPOINT_TYPES: Record<DemoEndpoint['kind'], string | undefined> = {
  'pay-per-token': 'FOUNDATION_MODEL_API',
  custom: 'CUSTOM_MODEL',
  // Provisioned-throughput endpoints carry no endpoint_type in real answers; clients must
  // recognise them from provisioned_model_units.
  'provisioned-throughput': undefined,
};

/** The endpoint as a real workspace describes it. */
export function describeEndpoint(endpoint: DemoEndpoint): Record<string, unknown> {
  const entity = servedEntity(endpoint);
  const description: Record<string, unknown> = {
    name: endpoint.name,
    id: `demo${endpoint.createdAt.toString(16)}`,
    creator: endpoint.kind === 'pay-per-token' ? 'system' : 'demo.user@example.com',
    creation_timestamp: endpoint.createdAt,
    last_updated_timestamp: endpoint.createdAt,
    state: { ready: 'READY', config_update: 'NOT_UPDATING' },
    config: {
      served_entities: [entity],
      traffic_config: { routes: [{ served_model_name: entity.name, traffic_percentage: 100 }] },
      config_version: 1,
    },
    task: endpoint.task,
    permission_level: endpoint.kind === 'pay-per-token' ? 'CAN_QUERY' : 'CAN_MANAGE',
    route_optimized: false,
  };
  const type = ENDPOINT_TYPES[endpoint.kind];
  if (type) description.endpoint_type = type;
  return description;
}
