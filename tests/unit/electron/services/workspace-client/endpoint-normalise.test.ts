import { describe, expect, it } from 'vitest';
import {
  knownContextWindow,
  normaliseEndpoint,
} from '../../../../../electron/services/workspace-client/endpoint-normalise';
import { endpointSchema } from '../../../../../shared/domain';

const payPerToken = {
  name: 'databricks-meta-llama-3-1-70b-instruct',
  creator: 'system',
  creation_timestamp: 1_720_000_000_000,
  task: 'llm/v1/chat',
  endpoint_type: 'FOUNDATION_MODEL_API',
  state: { ready: 'READY', config_update: 'NOT_UPDATING' },
  config: {
    served_entities: [
      {
        name: 'databricks-meta-llama-3-1-70b-instruct',
        foundation_model: {
          name: 'databricks-meta-llama-3-1-70b-instruct',
          display_name: 'Meta Llama 3.1 70B Instruct',
          docs: 'https://docs.databricks.com/',
        },
      },
    ],
  },
  permission_level: 'CAN_QUERY',
  some_future_field: { anything: true },
};

describe('normaliseEndpoint', () => {
  it('pay-per-token foundation model', () => {
    const e = normaliseEndpoint(payPerToken);
    expect(e).toEqual({
      name: 'databricks-meta-llama-3-1-70b-instruct',
      kind: 'pay-per-token',
      task: 'llm/v1/chat',
      taskKind: 'chat',
      ready: 'READY',
      configUpdate: 'NOT_UPDATING',
      model: 'databricks-meta-llama-3-1-70b-instruct',
      displayName: 'Meta Llama 3.1 70B Instruct',
      creator: 'system',
      createdAt: 1_720_000_000_000,
      contextWindow: 131_072,
      provisionedUnits: null,
      warnings: [],
      entityName: null,
      entityVersion: null,
      minThroughput: null,
      maxThroughput: null,
      scaleToZero: null,
      stateMessage: null,
    });
    expect(endpointSchema.safeParse(e).success).toBe(true);
  });

  it('external model', () => {
    const e = normaliseEndpoint({
      name: 'openai-gpt',
      task: 'llm/v1/completions',
      state: { ready: 'NOT_READY', config_update: 'IN_PROGRESS' },
      config: {
        served_entities: [
          { external_model: { provider: 'openai', name: 'gpt-4o-mini', task: 'llm/v1/chat' } },
        ],
      },
    });
    expect(e).toMatchObject({
      kind: 'external',
      model: 'gpt-4o-mini',
      taskKind: 'completions',
      ready: 'NOT_READY',
      configUpdate: 'IN_PROGRESS',
    });
    expect(e.contextWindow).toBeNull();
    expect(e.warnings).toEqual([]);
  });

  it('provisioned throughput with model units (even when a foundation_model object is present)', () => {
    const e = normaliseEndpoint({
      name: 'my-llama-pt',
      task: 'llm/v1/chat',
      state: { ready: 'READY' },
      config: {
        served_entities: [
          {
            entity_name: 'system.ai.meta_llama_3_1_70b_instruct',
            entity_version: '2',
            provisioned_model_units: 1,
            foundation_model: { name: 'meta-llama-3-1-70b' },
          },
        ],
      },
    });
    expect(e).toMatchObject({ kind: 'provisioned-throughput', provisionedUnits: 1, contextWindow: 131_072 });
  });

  it('provisioned throughput with min/max throughput (older form), and legacy served_models', () => {
    const e = normaliseEndpoint({
      name: 'pt-old',
      config: {
        served_models: [
          {
            model_name: 'system.ai.dbrx_instruct',
            min_provisioned_throughput: 0,
            max_provisioned_throughput: 970,
          },
        ],
      },
    });
    expect(e).toMatchObject({
      kind: 'provisioned-throughput',
      provisionedUnits: 970,
      model: 'system.ai.dbrx_instruct',
      contextWindow: 32_768,
    });
    expect(e.ready).toBe('UNKNOWN');
  });

  it('custom model (entity_name + workload_size), no task', () => {
    const e = normaliseEndpoint({
      name: 'fraud-model',
      state: { ready: 'READY' },
      config: {
        served_entities: [{ entity_name: 'main.default.fraud', entity_version: '3', workload_size: 'Small' }],
      },
    });
    expect(e).toMatchObject({
      kind: 'custom',
      task: null,
      taskKind: 'other',
      model: 'main.default.fraud',
      contextWindow: null,
    });
  });

  it('embeddings task and a server-declared context window', () => {
    const e = normaliseEndpoint({
      name: 'databricks-gte-large-en',
      task: 'llm/v1/embeddings',
      config: {
        served_entities: [{ foundation_model: { name: 'databricks-gte-large-en', context_window: 8000 } }],
      },
    });
    expect(e).toMatchObject({ taskKind: 'embeddings', contextWindow: 8000 });
    expect(knownContextWindow('databricks-bge-large-en')).toBe(512);
  });

  it('unknown kind falls back to the endpoint_type hint, else unknown with a warning', () => {
    expect(
      normaliseEndpoint({ name: 'a', endpoint_type: 'EXTERNAL_MODEL', config: { served_entities: [] } }).kind,
    ).toBe('external');
    const e = normaliseEndpoint({ name: 'b', config: { served_entities: [{ mystery: 1 }] } });
    expect(e.kind).toBe('unknown');
    expect(e.warnings.join(' ')).toMatch(/kind/);
  });

  it('agent and unknown tasks map to other', () => {
    expect(normaliseEndpoint({ name: 'agent', task: 'agent/v1/responses' }).taskKind).toBe('other');
  });

  it('uses pending_config for an endpoint still being created', () => {
    const e = normaliseEndpoint({
      name: 'creating',
      state: { ready: 'NOT_READY', config_update: 'IN_PROGRESS' },
      pending_config: { served_entities: [{ entity_name: 'system.ai.x', provisioned_model_units: 2 }] },
    });
    expect(e).toMatchObject({ kind: 'provisioned-throughput', provisionedUnits: 2 });
  });

  it.each([
    null,
    undefined,
    42,
    'endpoint',
    [],
    [1, 2],
    {},
    { name: 7, task: 3, state: 'READY', config: 'nope', creation_timestamp: 'yesterday' },
    { name: 'x', state: { ready: true, config_update: 5 }, config: { served_entities: 'all of them' } },
    {
      name: 'x',
      config: {
        served_entities: [null, 3, 'a', { foundation_model: 'llama', provisioned_model_units: 'two' }],
      },
    },
    { name: 'x', creator: { id: 1 }, creation_timestamp: '1720000000000', config: null },
    {
      name: 'x',
      state: { ready: 'WARMING' },
      config: { served_entities: [{ foundation_model: { name: 5, display_name: [] } }] },
    },
  ])('never throws on garbage (%j) and says what was odd', (raw) => {
    const e = normaliseEndpoint(raw);
    expect(endpointSchema.safeParse(e).success).toBe(true);
    expect(e.warnings.length).toBeGreaterThan(0);
  });

  it('keeps what it can from mistyped fields', () => {
    const e = normaliseEndpoint({
      name: 'x',
      creation_timestamp: '1720000000000',
      state: { ready: 'WARMING' },
      config: { served_entities: [{ entity_name: 'm', provisioned_model_units: '2' }] },
    });
    expect(e).toMatchObject({
      createdAt: 1_720_000_000_000,
      ready: 'UNKNOWN',
      kind: 'provisioned-throughput',
      provisionedUnits: 2,
    });
    expect(e.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/creation_timestamp/), expect.stringMatching(/WARMING/)]),
    );
  });

  it('fills the served-entity details of a provisioned endpoint', () => {
    const units = normaliseEndpoint({
      name: 'my-llama-pt',
      state: { ready: 'READY', config_update: 'NOT_UPDATING' },
      config: {
        served_entities: [
          {
            name: 'meta_llama_3_1_70b_instruct-1',
            entity_name: 'system.ai.meta_llama_3_1_70b_instruct',
            entity_version: '1',
            provisioned_model_units: 2,
            scale_to_zero_enabled: false,
            state: { deployment: 'DEPLOYMENT_READY', deployment_state_message: '' },
          },
        ],
      },
    });
    expect(units).toMatchObject({
      kind: 'provisioned-throughput',
      entityName: 'system.ai.meta_llama_3_1_70b_instruct',
      entityVersion: '1',
      provisionedUnits: 2,
      minThroughput: null,
      maxThroughput: null,
      scaleToZero: false,
      stateMessage: null,
      warnings: [],
    });
    const band = normaliseEndpoint({
      name: 'b',
      config: {
        served_models: [
          {
            model_name: 'main.x.m',
            model_version: 4,
            min_provisioned_throughput: 0,
            max_provisioned_throughput: 1200,
            scale_to_zero_enabled: 'true',
          },
        ],
      },
    });
    expect(band).toMatchObject({
      entityName: 'main.x.m',
      entityVersion: '4',
      minThroughput: 0,
      maxThroughput: 1200,
      scaleToZero: true,
    });
  });

  it('reads an update failure from the pending served entity, preferring it over progress messages', () => {
    const failed = normaliseEndpoint({
      name: 'p',
      state: { ready: 'READY', config_update: 'UPDATE_FAILED' },
      config: {
        served_entities: [
          { entity_name: 'm', provisioned_model_units: 1, state: { deployment: 'DEPLOYMENT_READY' } },
        ],
      },
      pending_config: {
        served_entities: [
          {
            entity_name: 'm',
            provisioned_model_units: 2,
            state: { deployment: 'DEPLOYMENT_CREATING', deployment_state_message: 'Working.' },
          },
          {
            entity_name: 'm',
            provisioned_model_units: 2,
            state: { deployment: 'DEPLOYMENT_FAILED', deployment_state_message: ' No capacity. ' },
          },
        ],
      },
    });
    expect(failed).toMatchObject({
      configUpdate: 'UPDATE_FAILED',
      provisionedUnits: 1,
      stateMessage: 'No capacity.',
    });
    const creating = normaliseEndpoint({
      name: 'c',
      state: { ready: 'NOT_READY', config_update: 'IN_PROGRESS' },
      config: {},
      pending_config: {
        served_entities: [
          {
            entity_name: 'm',
            provisioned_model_units: 1,
            state: { deployment_state_message: 'Provisioning.' },
          },
        ],
      },
    });
    expect(creating).toMatchObject({
      kind: 'provisioned-throughput',
      provisionedUnits: 1,
      stateMessage: 'Provisioning.',
    });
    // Odd state shapes are skipped quietly.
    const odd = normaliseEndpoint({
      name: 'o',
      config: { served_entities: [{ state: 'broken' }, { state: { deployment_state_message: 7 } }] },
    });
    expect(odd.stateMessage).toBeNull();
    expect(endpointSchema.safeParse(odd).success).toBe(true);
  });
});

describe("today's catalog: served entities with only a name", () => {
  const nameOnly = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    task: 'llm/v1/chat',
    state: { ready: 'READY', config_update: 'NOT_UPDATING' },
    config: { served_entities: [{ name }] },
    ...extra,
  });

  it('is pay-per-token by endpoint_type, with the context window from the capability table', () => {
    const e = normaliseEndpoint(nameOnly('claude-for-us', { endpoint_type: 'FOUNDATION_MODEL_API' }));
    // The served entity's name is the model: here it names no known family, so no window.
    expect(e).toMatchObject({ kind: 'pay-per-token', model: 'claude-for-us', warnings: [] });
    const sonnet = normaliseEndpoint(
      nameOnly('databricks-claude-sonnet-4-6', { endpoint_type: 'FOUNDATION_MODEL_API' }),
    );
    expect(sonnet).toMatchObject({
      kind: 'pay-per-token',
      model: 'databricks-claude-sonnet-4-6',
      contextWindow: 200_000,
      warnings: [],
    });
    expect(endpointSchema.safeParse(sonnet).success).toBe(true);
  });

  it('is pay-per-token by a databricks- name when endpoint_type is absent', () => {
    expect(normaliseEndpoint(nameOnly('databricks-gpt-oss-120b'))).toMatchObject({
      kind: 'pay-per-token',
      contextWindow: 131_072,
      warnings: [],
    });
    expect(normaliseEndpoint(nameOnly('databricks-gpt-5-5'))).toMatchObject({
      kind: 'pay-per-token',
      contextWindow: 272_000,
      warnings: [],
    });
  });

  it('stays unknown, with its warning, for a name-only entity of anything else', () => {
    const e = normaliseEndpoint(nameOnly('team-bot'));
    expect(e.kind).toBe('unknown');
    expect(e.model).toBeNull();
    expect(e.warnings.join(' ')).toMatch(/kind/);
  });

  it('keeps the other kinds first: provisioned throughput and custom models with a databricks- name', () => {
    const pt = normaliseEndpoint({
      name: 'databricks-mine',
      config: {
        served_entities: [{ name: 'x', entity_name: 'system.ai.llama', provisioned_model_units: 2 }],
      },
    });
    expect(pt.kind).toBe('provisioned-throughput');
    const custom = normaliseEndpoint({
      name: 'databricks-custom',
      config: { served_entities: [{ name: 'x', entity_name: 'main.m', workload_size: 'Small' }] },
    });
    expect(custom).toMatchObject({ kind: 'custom', model: 'main.m' });
  });

  it('reads context windows from the shared table (knownContextWindow is a thin wrapper)', () => {
    expect(knownContextWindow('databricks-gemini-2-5-pro')).toBe(1_000_000);
    expect(knownContextWindow('system.ai.meta_llama_3_3_70b_instruct')).toBe(131_072);
    expect(knownContextWindow('my-model')).toBeNull();
    expect(knownContextWindow(null)).toBeNull();
  });
});
