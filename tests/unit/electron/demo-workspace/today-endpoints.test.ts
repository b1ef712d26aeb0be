import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  AGENT,
  ask,
  CLAUDE,
  GPT_5_5,
  GPT_OSS,
  get,
  json,
  LLAMA_3_3,
  MAVERICK,
  post,
  startFast,
} from './helpers';

/** Today's endpoints in the listing, and the chat models that answer like the brief's. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

const PAY_PER_TOKEN = [LLAMA_3_3, CLAUDE, GPT_OSS, GPT_5_5, MAVERICK];

describe("today's endpoints in the listing", () => {
  it('lists them as Databricks-hosted foundation models, a current chat model first', async () => {
    const { endpoints } = await json(await get(ws, '/api/2.0/serving-endpoints'));
    expect(endpoints[0].name).toBe(LLAMA_3_3);
    expect(endpoints[0].task).toBe('llm/v1/chat');
    for (const name of PAY_PER_TOKEN) {
      const endpoint = endpoints.find((e: { name: string }) => e.name === name);
      expect(endpoint).toMatchObject({
        endpoint_type: 'FOUNDATION_MODEL_API',
        task: 'llm/v1/chat',
        creator: 'system',
        permission_level: 'CAN_QUERY',
        state: { ready: 'READY' },
      });
    }
  });

  it('describes GPT OSS 120B with a served entity that has only a name', async () => {
    const endpoint = await json(await get(ws, `/api/2.0/serving-endpoints/${GPT_OSS}`));
    expect(endpoint.config.served_entities).toEqual([{ name: GPT_OSS }]);
    const claude = await json(await get(ws, `/api/2.0/serving-endpoints/${CLAUDE}`));
    expect(claude.config.served_entities[0].foundation_model.display_name).toBe('Claude Sonnet 4.6');
  });

  it('describes the agent as a custom endpoint with task agent/v1/responses', async () => {
    const endpoint = await json(await get(ws, `/api/2.0/serving-endpoints/${AGENT}`));
    expect(endpoint).toMatchObject({ task: 'agent/v1/responses', endpoint_type: 'CUSTOM_MODEL' });
    expect(endpoint.config.served_entities[0]).toMatchObject({
      entity_name: 'main.demo.support_agent',
      entity_version: '2',
    });
  });

  it('offers them in the OpenAI model list', async () => {
    const { data } = await json(await get(ws, '/serving-endpoints/models'));
    const ids = data.map((m: { id: string }) => m.id);
    for (const name of [...PAY_PER_TOKEN, AGENT]) expect(ids).toContain(name);
  });
});

describe('plain chat on the current Llama models', () => {
  it.each([
    [LLAMA_3_3, 'meta-llama-3.3-70b-instruct-121024'],
    [MAVERICK, 'llama-4-maverick-17b-128e-instruct'],
  ])('%s answers string content with its served model id', async (endpoint, model) => {
    const res = await post(ws, `/serving-endpoints/${endpoint}/invocations`, ask('Explain tides'));
    expect(res.headers.get('served-model-name')).toBe(model);
    const body = await json(res);
    expect(typeof body.choices[0].message.content).toBe('string');
    expect(body.usage.completion_tokens_details).toBeUndefined();
  });

  it('refuses reasoning_effort on a model that does not reason', async () => {
    const res = await post(
      ws,
      `/serving-endpoints/${LLAMA_3_3}/invocations`,
      ask('Hi', { reasoning_effort: 'low' }),
    );
    expect(res.status).toBe(400);
    expect((await json(res)).message).toBe(`reasoning_effort is not supported by ${LLAMA_3_3}.`);
  });

  it('checks the context window of each model (200k for Claude)', async () => {
    const res = await post(
      ws,
      `/serving-endpoints/${CLAUDE}/invocations`,
      ask('Hi', { max_tokens: 131_072 }),
    );
    expect(res.status).toBe(200);
    const over = await post(ws, `/serving-endpoints/${LLAMA_3_3}/invocations`, ask('x, '.repeat(100_000)));
    expect(over.status).toBe(400);
    expect((await json(over)).message).toMatch(/Input is too long.*131072/);
  });
});
