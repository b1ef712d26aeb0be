import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import {
  createRequest,
  defaultServedEntityName,
  normaliseOptimizationInfo,
  updateRequest,
} from '../../../../../electron/services/workspace-client/provisioning-api';
import { createWorkspaceClient } from '../../../../../electron/services/workspace-client/workspace-client';
import { type StudioError, StudioFailure } from '../../../../../shared/errors';

/* Provisioned-throughput calls of the workspace client: pure body builders, a scripted server, the demo. */

const LLAMA = 'system.ai.meta_llama_3_1_70b_instruct';

async function failureOf(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof StudioFailure) return err.error;
    throw err;
  }
  throw new Error('expected a StudioFailure');
}

describe('provisioning bodies', () => {
  it('uses /pt with model units, the general route with a throughput band', () => {
    expect(
      createRequest('my-llama-pt', { entityName: LLAMA, entityVersion: '1', provisionedModelUnits: 1 }),
    ).toEqual({
      path: '/api/2.0/serving-endpoints/pt',
      body: {
        name: 'my-llama-pt',
        config: {
          served_entities: [
            {
              name: 'meta_llama_3_1_70b_instruct-1',
              entity_name: LLAMA,
              entity_version: '1',
              provisioned_model_units: 1,
            },
          ],
        },
      },
    });
    const band = {
      entityName: 'system.ai.dbrx_instruct',
      entityVersion: '2',
      maxProvisionedThroughput: 1200,
      scaleToZero: true,
    };
    expect(createRequest('b', band)).toEqual({
      path: '/api/2.0/serving-endpoints',
      body: {
        name: 'b',
        config: {
          served_entities: [
            {
              name: 'dbrx_instruct-2',
              entity_name: 'system.ai.dbrx_instruct',
              entity_version: '2',
              min_provisioned_throughput: 0,
              max_provisioned_throughput: 1200,
              scale_to_zero_enabled: true,
            },
          ],
        },
      },
    });
    expect(
      updateRequest('a b', {
        entityName: LLAMA,
        entityVersion: '1',
        provisionedModelUnits: 2,
        servedEntityName: 'x',
      }),
    ).toEqual({
      path: '/api/2.0/serving-endpoints/pt/a%20b/config',
      body: {
        config: {
          served_entities: [
            { name: 'x', entity_name: LLAMA, entity_version: '1', provisioned_model_units: 2 },
          ],
        },
      },
    });
    expect(updateRequest('b', band).path).toBe('/api/2.0/serving-endpoints/b/config');
    expect(updateRequest('b', band).body).toHaveProperty('served_entities');
  });

  it('refuses a config with no size or with both forms, before any request', () => {
    const base = { entityName: LLAMA, entityVersion: '1' };
    expect(() => createRequest('x', base)).toThrow(/Choose a size/);
    expect(() =>
      createRequest('x', { ...base, provisionedModelUnits: 1, maxProvisionedThroughput: 980 }),
    ).toThrow(/not both/);
  });

  it('derives a valid served-entity name', () => {
    expect(defaultServedEntityName('main.team.my.model', '12')).toBe('model-12');
    expect(defaultServedEntityName('weird name!', '1')).toBe('weird_name_-1');
    expect(defaultServedEntityName('x'.repeat(80), '1')).toHaveLength(63);
  });

  it('normalises both optimization-info forms and tolerates odd bodies', () => {
    expect(
      normaliseOptimizationInfo({ optimizable: true, model_type: 'llama', throughput_chunk_size: 980 }),
    ).toEqual({
      optimizable: true,
      modelType: 'llama',
      throughputChunkSize: 980,
      modelUnitChunkSize: null,
    });
    expect(
      normaliseOptimizationInfo({ optimizable: true, model_type: 'llama', model_unit_chunk_size: 2 }),
    ).toMatchObject({
      throughputChunkSize: null,
      modelUnitChunkSize: 2,
    });
    expect(
      normaliseOptimizationInfo({ optimizable: 'true', throughput_chunk_size: '490', extra: [1] }),
    ).toMatchObject({
      optimizable: true,
      modelType: null,
      throughputChunkSize: 490,
    });
    // Optimizable without any chunk: a model-unit model.
    expect(normaliseOptimizationInfo({ optimizable: true, throughput_chunk_size: -5 })).toMatchObject({
      throughputChunkSize: null,
      modelUnitChunkSize: 1,
    });
    expect(() => normaliseOptimizationInfo({ name: 'x', config: {}, state: {} })).toThrow(
      expect.objectContaining({
        error: expect.objectContaining({
          code: 'BAD_RESPONSE',
          message: expect.stringMatching(/fields: name, config, state/),
        }),
      }),
    );
    expect(normaliseOptimizationInfo({})).toEqual({
      optimizable: false,
      modelType: null,
      throughputChunkSize: null,
      modelUnitChunkSize: null,
    });
    expect(
      normaliseOptimizationInfo({ optimizable: false, throughput_chunk_size: 980 }).throughputChunkSize,
    ).toBeNull();
    expect(() => normaliseOptimizationInfo([1])).toThrow(/unexpected shape/);
  });
});

describe('against a scripted server', () => {
  let server: Server;
  let host: string;
  let seen: { method: string; url: string; body: string }[];
  let reply: (res: ServerResponse) => void;

  beforeEach(async () => {
    seen = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body });
        reply(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const client = () =>
    createWorkspaceClient({ host, getToken: async () => 'dapi-x' }, { sleep: async () => {} });
  const answer = (status: number, body: string) => (res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);

  it('maps a 409 to CONFLICT quoting the server', async () => {
    reply = answer(
      409,
      JSON.stringify({
        error_code: 'RESOURCE_ALREADY_EXISTS',
        message: "Endpoint with name 'my-llama-pt' already exists.",
      }),
    );
    const error = await failureOf(
      client().createProvisionedEndpoint({
        name: 'my-llama-pt',
        entityName: LLAMA,
        entityVersion: '1',
        provisionedModelUnits: 1,
      }),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, serverCode: 'RESOURCE_ALREADY_EXISTS' });
    expect(error.serverMessage).toBe("Endpoint with name 'my-llama-pt' already exists.");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/2.0/serving-endpoints/pt' });
  });

  it('sends PUT and DELETE, accepts an empty delete answer and an unnamed update answer', async () => {
    reply = answer(200, '');
    await client().deleteEndpoint('gone');
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/api/2.0/serving-endpoints/gone', body: '' });
    reply = answer(200, JSON.stringify({ state: { ready: 'READY', config_update: 'IN_PROGRESS' } }));
    const updated = await client().updateProvisionedEndpoint('p', {
      entityName: LLAMA,
      entityVersion: '1',
      maxProvisionedThroughput: 980,
    });
    expect(seen[1]).toMatchObject({ method: 'PUT', url: '/api/2.0/serving-endpoints/p/config' });
    expect(JSON.parse(seen[1]?.body ?? '')).toHaveProperty('served_entities');
    expect(updated).toMatchObject({ name: 'p', configUpdate: 'IN_PROGRESS' });
  });

  it('reports a non-JSON optimization answer as BAD_RESPONSE and keeps the raw endpoint JSON', async () => {
    reply = answer(200, '<html>proxy</html>');
    expect((await failureOf(client().getOptimizationInfo(LLAMA, '1'))).code).toBe('BAD_RESPONSE');
    expect(seen[0]?.url).toBe(`/api/2.0/serving-endpoints/get-model-optimization-info/${LLAMA}/1`);
    const raw = {
      name: 'e',
      future: { x: 1 },
      config: { served_entities: [{ entity_name: 'm', provisioned_model_units: 1 }] },
    };
    reply = answer(200, JSON.stringify(raw));
    const details = await client().getEndpointRaw('e');
    expect(details.raw).toEqual(raw);
    expect(details.endpoint).toMatchObject({ name: 'e', kind: 'provisioned-throughput', entityName: 'm' });
  });
});

describe('against the demo workspace', () => {
  let demo: DemoWorkspace;
  beforeAll(async () => {
    demo = await startDemoWorkspace({ port: 0, ttftMs: 0, tokensPerSec: 100_000 });
    demo.configure({ ptProvisionMs: 50, ptUpdateMs: 50 });
  });
  afterAll(() => demo.close());
  const client = () =>
    createWorkspaceClient({ host: demo.url, getToken: async () => demo.token }, { sleep: async () => {} });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

  it('reads optimization info in both forms; unknown models are NOT_FOUND', async () => {
    expect(await client().getOptimizationInfo(LLAMA, '1')).toEqual({
      optimizable: true,
      modelType: 'llama',
      throughputChunkSize: null,
      modelUnitChunkSize: 1,
    });
    expect(await client().getOptimizationInfo('system.ai.mixtral_8x7b_instruct_v0_1', '1')).toMatchObject({
      throughputChunkSize: 970,
      modelUnitChunkSize: null,
    });
    expect((await failureOf(client().getOptimizationInfo('system.ai.none', '1'))).code).toBe('NOT_FOUND');
  });

  it('creates with units, scales, and deletes; details carry the raw JSON', async () => {
    const c = client();
    const created = await c.createProvisionedEndpoint({
      name: 'units-pt',
      entityName: LLAMA,
      entityVersion: '1',
      provisionedModelUnits: 1,
    });
    expect(created).toMatchObject({
      name: 'units-pt',
      ready: 'NOT_READY',
      configUpdate: 'IN_PROGRESS',
      provisionedUnits: 1,
    });
    await settle();
    const ready = await c.getEndpointRaw('units-pt');
    expect(ready.endpoint).toMatchObject({
      ready: 'READY',
      configUpdate: 'NOT_UPDATING',
      entityName: LLAMA,
      entityVersion: '1',
      scaleToZero: false,
    });
    expect(ready.raw).toMatchObject({ name: 'units-pt', config: { config_version: 1 } });
    const scaling = await c.updateProvisionedEndpoint('units-pt', {
      entityName: LLAMA,
      entityVersion: '1',
      provisionedModelUnits: 2,
    });
    expect(scaling).toMatchObject({ ready: 'READY', configUpdate: 'IN_PROGRESS', provisionedUnits: 1 });
    await settle();
    expect(await c.getEndpoint('units-pt')).toMatchObject({
      configUpdate: 'NOT_UPDATING',
      provisionedUnits: 2,
    });
    await c.deleteEndpoint('units-pt');
    expect((await failureOf(c.getEndpoint('units-pt'))).code).toBe('NOT_FOUND');
  });

  it('creates with a throughput band through the older API', async () => {
    const c = client();
    const band = {
      entityName: 'system.ai.dbrx_instruct',
      entityVersion: '1',
      minProvisionedThroughput: 0,
      maxProvisionedThroughput: 1200,
      scaleToZero: true,
    };
    const created = await c.createProvisionedEndpoint({ name: 'band-pt', ...band });
    expect(created).toMatchObject({
      kind: 'provisioned-throughput',
      minThroughput: 0,
      maxThroughput: 1200,
      scaleToZero: true,
    });
    const refused = await failureOf(
      c.createProvisionedEndpoint({ name: 'band-2', ...band, maxProvisionedThroughput: 1000 }),
    );
    expect(refused).toMatchObject({ code: 'BAD_PARAMETER', status: 400 });
    expect(refused.serverMessage).toMatch(/multiple of 600/);
  });

  it('surfaces a failed update as UPDATE_FAILED with the server message', async () => {
    const c = client();
    await c.createProvisionedEndpoint({
      name: 'fail-pt',
      entityName: LLAMA,
      entityVersion: '1',
      provisionedModelUnits: 1,
    });
    await settle();
    demo.configure({ ptFailNext: { kind: 'update', message: 'Quota exceeded for model units.' } });
    await c.updateProvisionedEndpoint('fail-pt', {
      entityName: LLAMA,
      entityVersion: '1',
      provisionedModelUnits: 4,
    });
    await settle();
    expect(await c.getEndpoint('fail-pt')).toMatchObject({
      ready: 'READY',
      configUpdate: 'UPDATE_FAILED',
      provisionedUnits: 1,
      stateMessage: 'Quota exceeded for model units.',
    });
  });
});
