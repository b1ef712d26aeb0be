import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudioServices, type StudioServices } from '../../../../../electron/services/studio-services';
import type { SecretStore, Session } from '../../../../../electron/services/types';
import type { Endpoint } from '../../../../../shared/domain';
import type { Result, StudioError } from '../../../../../shared/errors';
import { isTerminalEvent, type StreamEvent } from '../../../../../shared/stream-events';

/*
 * The endpoint-management channels through the router against the embedded demo workspace:
 * the brief's provisioned-throughput walk-through end to end.
 */

const LLAMA = 'system.ai.meta_llama_3_1_70b_instruct';

const noSecrets: SecretStore = {
  isAvailable: async () => true,
  set: async () => {},
  get: async () => null,
  remove: async () => {},
  has: async () => false,
};

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
function error(result: Result<unknown>): StudioError {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('endpoint handlers × demo workspace', () => {
  let dir: string;
  let services: StudioServices;
  let events: StreamEvent[];
  let demoHost: string;
  const session: Session = { id: 'w1', emit: (event) => events.push(event) };
  const call = (channel: string, payload?: unknown) => services.router.handle(channel, payload, session);

  async function configureDemo(patch: unknown): Promise<void> {
    const res = await fetch(`${demoHost}/__demo/config`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
    expect(res.status).toBe(200);
  }

  /** Polls getEndpoint until the update settles, as the UI does (faster). */
  async function waitSettled(name: string): Promise<Endpoint> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const endpoint = value<Endpoint>(await call('endpoints:get', { name }));
      if (endpoint.configUpdate !== 'IN_PROGRESS') return endpoint;
      if (Date.now() > deadline) throw new Error('the endpoint never settled');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeEach(async () => {
    events = [];
    dir = await mkdtemp(path.join(tmpdir(), 'studio-endpoints-'));
    services = await createStudioServices({
      userDataDir: dir,
      mode: 'browser',
      version: '0',
      secretStore: noSecrets,
    });
    demoHost = value<{ host: string }>(await call('workspaces:use-demo')).host;
    await configureDemo({ ttftMs: 0, tokensPerSec: 100_000, ptProvisionMs: 150, ptUpdateMs: 150 });
  });
  afterEach(async () => {
    await services.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates my-llama-pt, waits for READY, chats, scales to 2 units, deletes it', async () => {
    const info = value(
      await call('endpoints:get-optimization-info', { entityName: LLAMA, entityVersion: '1' }),
    );
    expect(info).toEqual({
      optimizable: true,
      modelType: 'llama',
      throughputChunkSize: null,
      modelUnitChunkSize: 1,
    });

    const request = { name: 'my-llama-pt', entityName: LLAMA, entityVersion: '1', provisionedModelUnits: 1 };
    const created = value<Endpoint>(await call('endpoints:create-pt', request));
    expect(created).toMatchObject({ name: 'my-llama-pt', ready: 'NOT_READY', configUpdate: 'IN_PROGRESS' });

    const ready = await waitSettled('my-llama-pt');
    expect(ready).toMatchObject({
      ready: 'READY',
      configUpdate: 'NOT_UPDATING',
      kind: 'provisioned-throughput',
      taskKind: 'chat',
      provisionedUnits: 1,
      entityName: LLAMA,
      entityVersion: '1',
      scaleToZero: false,
      contextWindow: 131_072,
    });
    const { endpoints } = value<{ endpoints: Endpoint[] }>(await call('endpoints:list'));
    expect(endpoints.find((e) => e.name === 'my-llama-pt')).toMatchObject({ kind: 'provisioned-throughput' });

    const messages = [{ role: 'user', content: 'Hello, provisioned llama.' }];
    const { streamId } = value<{ streamId: string }>(
      await call('chat:start', {
        streamId: randomUUID(),
        endpoint: 'my-llama-pt',
        messages,
        params: { max_tokens: 30 },
      }),
    );
    const deadline = Date.now() + 5_000;
    while (!events.some((e) => e.streamId === streamId && isTerminalEvent(e)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.filter((e) => e.streamId === streamId).at(-1)?.type).toBe('done');
    expect(events.some((e) => e.type === 'delta' && e.text.length > 0)).toBe(true);

    const scaling = value<Endpoint>(
      await call('endpoints:update-pt', { ...request, provisionedModelUnits: 2 }),
    );
    expect(scaling).toMatchObject({ ready: 'READY', configUpdate: 'IN_PROGRESS' });
    expect(await waitSettled('my-llama-pt')).toMatchObject({
      configUpdate: 'NOT_UPDATING',
      provisionedUnits: 2,
    });

    const details = value<{ endpoint: Endpoint; raw: { config: { config_version: number } } }>(
      await call('endpoints:get-details', { name: 'my-llama-pt' }),
    );
    expect(details.endpoint.provisionedUnits).toBe(2);
    expect(details.raw.config.config_version).toBe(2);

    expect(value(await call('endpoints:delete', { name: 'my-llama-pt' }))).toEqual({ deleted: true });
    expect(error(await call('endpoints:get', { name: 'my-llama-pt' }))).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
    // The cache forgot it: chat asks the server and hears its 404 too, in its own words.
    const goneId = randomUUID();
    value(await call('chat:start', { streamId: goneId, endpoint: 'my-llama-pt', messages }));
    const goneBy = Date.now() + 5_000;
    while (!events.some((e) => e.streamId === goneId && isTerminalEvent(e)) && Date.now() < goneBy)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events.find((e) => e.streamId === goneId && isTerminalEvent(e))).toMatchObject({
      type: 'error',
      error: { code: 'NOT_FOUND', serverMessage: "Endpoint with name 'my-llama-pt' does not exist." },
    });
    expect(error(await call('endpoints:delete', { name: 'my-llama-pt' })).code).toBe('NOT_FOUND');
  });

  it('answers CONFLICT with the server message for a duplicate name', async () => {
    const request = { name: 'my-llama-pt', entityName: LLAMA, entityVersion: '1', provisionedModelUnits: 1 };
    value(await call('endpoints:create-pt', request));
    const duplicate = error(await call('endpoints:create-pt', request));
    expect(duplicate).toMatchObject({ code: 'CONFLICT', status: 409, serverCode: 'RESOURCE_ALREADY_EXISTS' });
    expect(duplicate.serverMessage).toBe("Endpoint with name 'my-llama-pt' already exists.");
  });

  it('reports a failing update as UPDATE_FAILED with its message', async () => {
    const request = { name: 'my-llama-pt', entityName: LLAMA, entityVersion: '1', provisionedModelUnits: 1 };
    value(await call('endpoints:create-pt', request));
    await waitSettled('my-llama-pt');
    await configureDemo({ ptFailNext: { kind: 'update', message: 'Not enough GPUs for 2 model units.' } });
    value(await call('endpoints:update-pt', { ...request, provisionedModelUnits: 2 }));
    expect(await waitSettled('my-llama-pt')).toMatchObject({
      ready: 'READY',
      configUpdate: 'UPDATE_FAILED',
      provisionedUnits: 1,
      stateMessage: 'Not enough GPUs for 2 model units.',
    });
  });

  it('validates requests before calling the server, and passes on its 400s and 404s', async () => {
    const badName = error(
      await call('endpoints:create-pt', {
        name: '-x',
        entityName: LLAMA,
        entityVersion: '1',
        provisionedModelUnits: 1,
      }),
    );
    expect(badName.code).toBe('INVALID_REQUEST');
    const zero = error(
      await call('endpoints:create-pt', {
        name: 'x',
        entityName: LLAMA,
        entityVersion: '1',
        provisionedModelUnits: 0,
      }),
    );
    expect(zero.code).toBe('INVALID_REQUEST');
    const noSize = error(
      await call('endpoints:create-pt', { name: 'x', entityName: LLAMA, entityVersion: '1' }),
    );
    expect(noSize).toMatchObject({ code: 'INVALID_INPUT' });
    const wrongForm = error(
      await call('endpoints:create-pt', {
        name: 'x',
        entityName: LLAMA,
        entityVersion: '1',
        maxProvisionedThroughput: 980,
      }),
    );
    expect(wrongForm).toMatchObject({ code: 'BAD_PARAMETER', status: 400 });
    const unknown = error(
      await call('endpoints:get-optimization-info', { entityName: 'system.ai.none', entityVersion: '1' }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    const missing = error(
      await call('endpoints:update-pt', {
        name: 'nobody',
        entityName: LLAMA,
        entityVersion: '1',
        provisionedModelUnits: 1,
      }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });
});
