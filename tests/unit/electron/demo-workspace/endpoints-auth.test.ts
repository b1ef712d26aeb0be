import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { get, invocations, json, LLAMA_70B, post, startFast } from './helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

describe('auth', () => {
  it('answers 401 UNAUTHENTICATED without a bearer token', async () => {
    const res = await get(ws, '/api/2.0/serving-endpoints', null);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await json(res)).toMatchObject({ error_code: 'UNAUTHENTICATED' });
  });

  it('answers 403 PERMISSION_DENIED for a wrong token', async () => {
    const res = await post(ws, invocations(LLAMA_70B), { messages: [] }, { token: 'dapi-wrong' });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body.error_code).toBe('PERMISSION_DENIED');
    expect(typeof body.message).toBe('string');
  });

  it('rotates the accepted token over POST /__demo/config: the old one then gets 403', async () => {
    const rotated = await post(ws, '/__demo/config', { token: 'dapi-rotated' });
    expect(rotated.status).toBe(200);
    expect((await get(ws, '/api/2.0/serving-endpoints')).status).toBe(403);
    expect((await get(ws, '/api/2.0/serving-endpoints', 'dapi-rotated')).status).toBe(200);
    // null returns to the token the server started with.
    expect((await post(ws, '/__demo/config', { token: null }, { token: 'dapi-rotated' })).status).toBe(200);
    expect((await get(ws, '/api/2.0/serving-endpoints')).status).toBe(200);
    expect((await post(ws, '/__demo/config', { token: '' })).status).toBe(400);
  });

  it('returns the url without a trailing slash and the default token', () => {
    expect(ws.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ws.token).toBe('demo-token');
    expect(ws.port).toBeGreaterThan(0);
  });
});

describe('endpoint listing', () => {
  it('lists every demo endpoint with realistic fields', async () => {
    const res = await get(ws, '/api/2.0/serving-endpoints');
    expect(res.status).toBe(200);
    const { endpoints } = (await json(res)) as { endpoints: Record<string, unknown>[] };
    const names = endpoints.map((e) => e.name);
    expect(names).toEqual([
      'databricks-meta-llama-3-3-70b-instruct',
      'databricks-claude-sonnet-4-6',
      'databricks-gpt-oss-120b',
      'databricks-gpt-5-5',
      'databricks-llama-4-maverick',
      'databricks-dbrx-instruct',
      'databricks-meta-llama-3-1-70b-instruct',
      'databricks-meta-llama-3-1-405b-instruct',
      'databricks-mixtral-8x7b-instruct',
      'databricks-bge-large-en',
      'databricks-gte-large-en',
      'demo-llama-3-1-8b-completions',
      'demo-support-agent',
      'demo-llama-3-1-8b-pt',
    ]);
    for (const endpoint of endpoints) {
      expect(endpoint).toMatchObject({ state: { ready: 'READY', config_update: 'NOT_UPDATING' } });
      expect(typeof endpoint.creator).toBe('string');
      expect(typeof endpoint.creation_timestamp).toBe('number');
      expect(typeof endpoint.permission_level).toBe('string');
      expect(['llm/v1/chat', 'llm/v1/completions', 'llm/v1/embeddings', 'agent/v1/responses']).toContain(
        endpoint.task,
      );
    }
  });

  it('describes a pay-per-token endpoint with its foundation model', async () => {
    const res = await get(ws, `/api/2.0/serving-endpoints/${LLAMA_70B}`);
    const endpoint = await json(res);
    expect(endpoint).toMatchObject({
      name: LLAMA_70B,
      task: 'llm/v1/chat',
      endpoint_type: 'FOUNDATION_MODEL_API',
      config: {
        served_entities: [
          { foundation_model: { name: LLAMA_70B, display_name: 'Meta Llama 3.1 70B Instruct' } },
        ],
      },
    });
  });

  it('describes the provisioned-throughput endpoint with model units and entity', async () => {
    const endpoint = await json(await get(ws, '/api/2.0/serving-endpoints/demo-llama-3-1-8b-pt'));
    expect(endpoint.config.served_entities[0]).toMatchObject({
      provisioned_model_units: 1,
      entity_name: 'system.ai.meta_llama_3_1_8b_instruct',
      entity_version: '1',
    });
    expect(endpoint.task).toBe('llm/v1/chat');
  });

  it('describes embeddings and completions endpoints by task', async () => {
    const bge = await json(await get(ws, '/api/2.0/serving-endpoints/databricks-bge-large-en'));
    expect(bge.task).toBe('llm/v1/embeddings');
    const completions = await json(await get(ws, '/api/2.0/serving-endpoints/demo-llama-3-1-8b-completions'));
    expect(completions.task).toBe('llm/v1/completions');
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for an unknown endpoint', async () => {
    const res = await get(ws, '/api/2.0/serving-endpoints/no-such-endpoint');
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
    const invoke = await post(ws, invocations('no-such-endpoint'), {
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(invoke.status).toBe(404);
    expect((await json(invoke)).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('answers unknown routes and wrong methods with a 404 envelope', async () => {
    for (const res of [await get(ws, '/api/2.0/nothing'), await get(ws, invocations(LLAMA_70B))]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await json(res)).toMatchObject({ error_code: 'ENDPOINT_NOT_FOUND' });
    }
  });
});
