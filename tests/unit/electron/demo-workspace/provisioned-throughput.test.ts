import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { ask, get, invocations, json, post, send, startFast } from './helpers';

/* The demo workspace's provisioned-throughput lifecycle, over HTTP as a client sees it. */

const LLAMA = 'system.ai.meta_llama_3_1_70b_instruct';
const DBRX = 'system.ai.dbrx_instruct';
const BASE = '/api/2.0/serving-endpoints';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());
beforeEach(async () => {
  await post(ws, '/__demo/reset', {});
  ws.configure({ ttftMs: 0, tokensPerSec: 1_000_000, ptProvisionMs: 150, ptUpdateMs: 150 });
});

const ptBody = (name: string, units: unknown, entity: Record<string, unknown> = {}) => ({
  name,
  config: {
    served_entities: [{ entity_name: LLAMA, entity_version: '1', provisioned_model_units: units, ...entity }],
  },
});
const describeOf = async (name: string) => json(await get(ws, `${BASE}/${name}`));

/** Polls GET until `done(body)`; fails after 5 s. */
// biome-ignore lint/suspicious/noExplicitAny: endpoint JSON is asserted field by field.
async function waitFor(name: string, done: (body: any) => boolean) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const body = await describeOf(name);
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(body.state)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const settled = (body: { state: { config_update: string } }) => body.state.config_update !== 'IN_PROGRESS';

describe('get-model-optimization-info', () => {
  const info = (model: string, version: string) =>
    get(ws, `${BASE}/get-model-optimization-info/${model}/${version}`);

  it('answers a model-unit chunk for newer models and a throughput chunk for older ones', async () => {
    expect(await json(await info(LLAMA, '1'))).toEqual({
      optimizable: true,
      model_type: 'llama',
      model_unit_chunk_size: 1,
    });
    expect(await json(await info(DBRX, '2'))).toEqual({
      optimizable: true,
      model_type: 'dbrx',
      throughput_chunk_size: 600,
    });
  });

  it('says optimizable false for a model that exists but cannot be provisioned', async () => {
    expect(await json(await info('main.demo.llama_3_1_8b_completions', '3'))).toEqual({ optimizable: false });
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for an unknown model or version', async () => {
    for (const res of [await info('system.ai.nope', '1'), await info(LLAMA, '9'), await info(LLAMA, 'x')]) {
      expect(res.status).toBe(404);
      expect((await json(res)).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    }
  });
});

describe('model-unit lifecycle (POST /pt, PUT /pt/{name}/config, DELETE)', () => {
  it('creates, comes up, answers chat, scales, and is deleted', async () => {
    ws.configure({ ptProvisionMs: 200, ptUpdateMs: 200 });
    const created = await post(ws, `${BASE}/pt`, ptBody('my-llama-pt', 1));
    expect(created.status).toBe(200);
    const body = await json(created);
    expect(body.state).toEqual({ ready: 'NOT_READY', config_update: 'IN_PROGRESS' });
    expect(body.config).toBeUndefined();
    expect(body.pending_config.served_entities[0]).toMatchObject({
      entity_name: LLAMA,
      entity_version: '1',
      provisioned_model_units: 1,
      name: 'meta_llama_3_1_70b_instruct-1',
      state: { deployment: 'DEPLOYMENT_CREATING' },
    });
    // Listed at once, not yet serving.
    const list = await json(await get(ws, BASE));
    expect(list.endpoints.map((e: { name: string }) => e.name)).toContain('my-llama-pt');
    const early = await post(ws, invocations('my-llama-pt'), ask('Hi'));
    expect(early.status).toBe(503);

    const ready = await waitFor('my-llama-pt', settled);
    expect(ready.state).toEqual({ ready: 'READY', config_update: 'NOT_UPDATING' });
    expect(ready.pending_config).toBeUndefined();
    expect(ready.config.served_entities[0]).toMatchObject({
      provisioned_model_units: 1,
      scale_to_zero_enabled: false,
    });
    expect(ready.task).toBe('llm/v1/chat');

    const chat = await post(ws, invocations('my-llama-pt'), ask('Hello there', { max_tokens: 20 }));
    expect(chat.status).toBe(200);
    const answer = await json(chat);
    expect(answer.model).toBe('meta_llama_3_1_70b_instruct-1');
    expect(answer.choices[0].message.content.length).toBeGreaterThan(0);

    const scaled = await send(ws, 'PUT', `${BASE}/pt/my-llama-pt/config`, {
      config: { served_entities: [{ entity_name: LLAMA, entity_version: '1', provisioned_model_units: 2 }] },
    });
    expect(scaled.status).toBe(200);
    const during = await json(scaled);
    expect(during.state).toEqual({ ready: 'READY', config_update: 'IN_PROGRESS' });
    expect(during.config.served_entities[0].provisioned_model_units).toBe(1);
    expect(during.pending_config.served_entities[0].provisioned_model_units).toBe(2);
    // Still serving during a scale; a second update must wait.
    expect((await post(ws, invocations('my-llama-pt'), ask('Still there?'))).status).toBe(200);
    const busy = await send(ws, 'PUT', `${BASE}/pt/my-llama-pt/config`, ptBody('x', 3));
    expect(busy.status).toBe(409);
    expect((await json(busy)).error_code).toBe('RESOURCE_CONFLICT');

    const after = await waitFor('my-llama-pt', settled);
    expect(after.state).toEqual({ ready: 'READY', config_update: 'NOT_UPDATING' });
    expect(after.config.served_entities[0].provisioned_model_units).toBe(2);
    expect(after.config.config_version).toBe(2);

    const deleted = await send(ws, 'DELETE', `${BASE}/my-llama-pt`);
    expect(deleted.status).toBe(200);
    expect(await json(deleted)).toEqual({});
    const gone = await get(ws, `${BASE}/my-llama-pt`);
    expect(gone.status).toBe(404);
    expect(await json(gone)).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
    expect((await post(ws, invocations('my-llama-pt'), ask('Hi'))).status).toBe(404);
    expect((await send(ws, 'DELETE', `${BASE}/my-llama-pt`)).status).toBe(404);
  });

  it('answers 409 RESOURCE_ALREADY_EXISTS for a duplicate name, with Databricks’ message', async () => {
    expect((await post(ws, `${BASE}/pt`, ptBody('my-llama-pt', 1))).status).toBe(200);
    const again = await post(ws, `${BASE}/pt`, ptBody('my-llama-pt', 2));
    expect(again.status).toBe(409);
    expect(await json(again)).toEqual({
      error_code: 'RESOURCE_ALREADY_EXISTS',
      message: "Endpoint with name 'my-llama-pt' already exists.",
    });
    const fixed = await post(ws, `${BASE}/pt`, ptBody('databricks-dbrx-instruct', 1));
    expect(fixed.status).toBe(409);
  });

  it('uses the served entity name it was given, and answers 0 ms configs at once', async () => {
    ws.configure({ ptProvisionMs: 0 });
    const res = await post(
      ws,
      `${BASE}/pt`,
      ptBody('instant', 1, { name: 'llama-a', scale_to_zero_enabled: true }),
    );
    const body = await json(res);
    expect(body.state).toEqual({ ready: 'READY', config_update: 'NOT_UPDATING' });
    expect(body.config.served_entities[0]).toMatchObject({ name: 'llama-a', scale_to_zero_enabled: true });
  });
});

describe('throughput-band lifecycle (POST /serving-endpoints, PUT /{name}/config)', () => {
  it('creates with min/max multiples of the chunk and scales through the general config route', async () => {
    const create = await post(ws, BASE, {
      name: 'dbrx_band',
      config: {
        served_entities: [
          {
            entity_name: DBRX,
            entity_version: '1',
            min_provisioned_throughput: 0,
            max_provisioned_throughput: 1200,
            scale_to_zero_enabled: true,
          },
        ],
      },
    });
    expect(create.status).toBe(200);
    const ready = await waitFor('dbrx_band', settled);
    expect(ready.config.served_entities[0]).toMatchObject({
      entity_name: DBRX,
      min_provisioned_throughput: 0,
      max_provisioned_throughput: 1200,
      scale_to_zero_enabled: true,
    });
    expect(ready.config.served_entities[0].provisioned_model_units).toBeUndefined();
    // The general route takes the bare config.
    const update = await send(ws, 'PUT', `${BASE}/dbrx_band/config`, {
      served_entities: [
        {
          entity_name: DBRX,
          entity_version: '1',
          min_provisioned_throughput: 600,
          max_provisioned_throughput: 1800,
        },
      ],
    });
    expect(update.status).toBe(200);
    const after = await waitFor('dbrx_band', settled);
    expect(after.config.served_entities[0]).toMatchObject({
      min_provisioned_throughput: 600,
      max_provisioned_throughput: 1800,
      scale_to_zero_enabled: false,
    });
  });

  it('accepts provisioned_model_units through the general create route too', async () => {
    expect((await post(ws, BASE, ptBody('general-units', 2))).status).toBe(200);
  });
});

describe('validation', () => {
  async function expect400(res: Response, pattern: RegExp) {
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(body.message).toMatch(pattern);
  }
  const band = (min: unknown, max: unknown, entity = DBRX) => ({
    name: 'band',
    config: {
      served_entities: [
        {
          entity_name: entity,
          entity_version: '1',
          min_provisioned_throughput: min,
          max_provisioned_throughput: max,
        },
      ],
    },
  });

  it('refuses bad endpoint names', async () => {
    for (const name of ['-bad', 'has space', 'a'.repeat(64), 'dot.name', ''])
      await expect400(await post(ws, `${BASE}/pt`, ptBody(name, 1)), /name/);
  });

  it('refuses model units that are not a positive integer (or not a multiple of the chunk)', async () => {
    for (const units of [0, -1, 1.5, '2', null, undefined])
      await expect400(
        await post(ws, `${BASE}/pt`, ptBody('u', units)),
        /provisioned_model_units must be a positive integer/,
      );
    const big = ptBody('big', 3, { entity_name: 'system.ai.meta_llama_3_1_405b_instruct' });
    await expect400(await post(ws, `${BASE}/pt`, big), /multiple of 2/);
  });

  it('refuses throughput that is not a multiple of the chunk, or a min above the max', async () => {
    await expect400(
      await post(ws, BASE, band(0, 1000)),
      /max_provisioned_throughput must be a positive multiple of 600/,
    );
    await expect400(
      await post(ws, BASE, band(100, 1200)),
      /min_provisioned_throughput must be a multiple of 600/,
    );
    await expect400(await post(ws, BASE, band(0, 0)), /positive multiple/);
    await expect400(await post(ws, BASE, band(1800, 1200)), /cannot exceed/);
  });

  it('refuses the wrong sizing form for a model', async () => {
    const pt = await post(ws, `${BASE}/pt`, ptBody('x', 1, { entity_name: DBRX }));
    await expect400(pt, /throughput bands/);
    await expect400(await post(ws, BASE, band(0, 1200, LLAMA)), /model units/);
  });

  it('refuses unknown and non-optimizable models', async () => {
    await expect400(
      await post(ws, `${BASE}/pt`, ptBody('x', 1, { entity_name: 'system.ai.nope' })),
      /does not exist/,
    );
    await expect400(await post(ws, `${BASE}/pt`, ptBody('x', 1, { entity_version: '42' })), /does not exist/);
    const custom = ptBody('x', 1, { entity_name: 'main.demo.llama_3_1_8b_completions' });
    await expect400(await post(ws, `${BASE}/pt`, custom), /not eligible/);
    await expect400(await post(ws, `${BASE}/pt`, { name: 'x', config: {} }), /served_entities/);
  });

  it('answers 404 for updates of unknown endpoints and 403 for the fixed ones', async () => {
    const missing = await send(ws, 'PUT', `${BASE}/pt/nobody/config`, ptBody('nobody', 1));
    expect(missing.status).toBe(404);
    expect((await json(missing)).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const fixed = await send(ws, 'PUT', `${BASE}/databricks-dbrx-instruct/config`, ptBody('x', 1));
    expect(fixed.status).toBe(403);
    expect((await send(ws, 'DELETE', `${BASE}/databricks-dbrx-instruct`)).status).toBe(403);
  });
});

describe('failures on demand (ptFailNext)', () => {
  it('fails the next update with the configured message in pending_config, keeping the old size', async () => {
    ws.configure({ ptProvisionMs: 0, ptUpdateMs: 100 });
    await post(ws, `${BASE}/pt`, ptBody('my-llama-pt', 1));
    ws.configure({ ptFailNext: { kind: 'update', message: 'Not enough capacity for 2 units.' } });
    const update = await send(ws, 'PUT', `${BASE}/pt/my-llama-pt/config`, ptBody('', 2));
    expect((await json(update)).state.config_update).toBe('IN_PROGRESS');
    const failed = await waitFor('my-llama-pt', settled);
    expect(failed.state).toEqual({ ready: 'READY', config_update: 'UPDATE_FAILED' });
    expect(failed.config.served_entities[0].provisioned_model_units).toBe(1);
    expect(failed.pending_config.served_entities[0]).toMatchObject({
      provisioned_model_units: 2,
      state: {
        deployment: 'DEPLOYMENT_FAILED',
        deployment_state_message: 'Not enough capacity for 2 units.',
      },
    });
    expect((await post(ws, invocations('my-llama-pt'), ask('Hi'))).status).toBe(200);
    // Consumed once: the retry succeeds.
    await send(ws, 'PUT', `${BASE}/pt/my-llama-pt/config`, ptBody('', 2));
    const retried = await waitFor('my-llama-pt', settled);
    expect(retried.state.config_update).toBe('NOT_UPDATING');
    expect(retried.config.served_entities[0].provisioned_model_units).toBe(2);
    expect(retried.pending_config).toBeUndefined();
  });

  it('fails a creation: NOT_READY and UPDATE_FAILED, and the endpoint refuses queries', async () => {
    ws.configure({ ptProvisionMs: 50, ptFailNext: { kind: 'create', endpoint: 'doomed' } });
    await post(ws, `${BASE}/pt`, ptBody('lucky', 1));
    await post(ws, `${BASE}/pt`, ptBody('doomed', 1));
    const failed = await waitFor('doomed', settled);
    expect(failed.state).toEqual({ ready: 'NOT_READY', config_update: 'UPDATE_FAILED' });
    expect(failed.pending_config.served_entities[0].state.deployment_state_message).toMatch(/capacity/);
    expect((await waitFor('lucky', settled)).state.ready).toBe('READY');
    const query = await post(ws, invocations('doomed'), ask('Hi'));
    expect(query.status).toBe(400);
    expect((await json(query)).error_code).toBe('INVALID_STATE');
  });

  it('validates the knobs and reports them in the config', async () => {
    const bad = await post(ws, '/__demo/config', { ptFailNext: { kind: 'delete' } });
    expect(bad.status).toBe(400);
    expect((await post(ws, '/__demo/config', { ptUpdateMs: -1 })).status).toBe(400);
    const ok = await post(ws, '/__demo/config', { ptUpdateMs: 5, ptFailNext: { kind: 'update' } });
    expect(await json(ok)).toMatchObject({ ptUpdateMs: 5, ptFailNext: { kind: 'update' } });
    expect(await json(await post(ws, '/__demo/config', { ptFailNext: null }))).toMatchObject({
      ptFailNext: null,
    });
  });
});

describe('the built-in provisioned endpoint and reset', () => {
  it('lists demo-llama-3-1-8b-pt as provisioned, lets it scale, and reset restores it', async () => {
    const seeded = await describeOf('demo-llama-3-1-8b-pt');
    expect(seeded.config.served_entities[0]).toMatchObject({
      entity_name: 'system.ai.meta_llama_3_1_8b_instruct',
      provisioned_model_units: 1,
    });
    expect((await post(ws, invocations('demo-llama-3-1-8b-pt'), ask('Hi'))).status).toBe(200);
    await send(ws, 'DELETE', `${BASE}/demo-llama-3-1-8b-pt`);
    await post(ws, `${BASE}/pt`, ptBody('temp', 1));
    await post(ws, '/__demo/reset', {});
    expect((await get(ws, `${BASE}/demo-llama-3-1-8b-pt`)).status).toBe(200);
    expect((await get(ws, `${BASE}/temp`)).status).toBe(404);
  });
});
