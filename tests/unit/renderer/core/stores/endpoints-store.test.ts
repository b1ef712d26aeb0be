import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Endpoint } from '../../../../../shared/domain';
import { fail, ok, type StudioError } from '../../../../../shared/errors';

/* The endpoints store's "gone" endpoints: what the server said about endpoints a pane remembers. */

const api = vi.hoisted(() => ({
  listEndpoints: vi.fn(),
  getEndpoint: vi.fn(),
}));
vi.mock('../../../../../renderer/core/bridge', () => ({ getStudioApi: () => api }));

const { useEndpointsStore } = await import('../../../../../renderer/core/stores/endpoints-store');

const LLAMA = {
  name: 'databricks-meta-llama-3-3-70b-instruct',
  taskKind: 'chat',
  ready: 'READY',
} as Endpoint;
const RETIRED = 'databricks-dbrx-instruct';
const notFound: StudioError = {
  code: 'NOT_FOUND',
  message: `The endpoint "${RETIRED}" was not found in this workspace.`,
  serverMessage: `Endpoint with name '${RETIRED}' does not exist.`,
  status: 404,
};

const store = () => useEndpointsStore.getState();

describe('endpoints store: gone endpoints', () => {
  beforeEach(async () => {
    api.listEndpoints.mockReset().mockResolvedValue(ok({ endpoints: [LLAMA] }));
    api.getEndpoint.mockReset();
    await store().load('ws-1', true);
  });

  it("asks the server once about a missing endpoint and keeps its 404 in the server's words", async () => {
    api.getEndpoint.mockResolvedValue(fail('NOT_FOUND', notFound.message, notFound));
    await store().explainMissing(RETIRED);
    await store().explainMissing(RETIRED);
    expect(api.getEndpoint).toHaveBeenCalledTimes(1);
    expect(store().gone[RETIRED]).toMatchObject({ code: 'NOT_FOUND', serverMessage: notFound.serverMessage });
  });

  it('adds an endpoint the lookup finds after all; other failures say nothing about it', async () => {
    api.getEndpoint.mockResolvedValueOnce(ok({ ...LLAMA, name: 'new-endpoint' }));
    await store().explainMissing('new-endpoint');
    expect(store().endpoints.map((e) => e.name)).toContain('new-endpoint');
    api.getEndpoint.mockResolvedValueOnce(fail('NETWORK', 'offline'));
    await store().explainMissing('other');
    expect(store().gone).toEqual({});
  });

  it('remembers only NOT_FOUND answers, and forgets them when the list is loaded again', async () => {
    store().markGone(LLAMA.name, { code: 'RATE_LIMITED', message: 'slow down' });
    expect(store().gone).toEqual({});
    store().markGone(LLAMA.name, notFound);
    expect(Object.keys(store().gone)).toEqual([LLAMA.name]);
    await store().load('ws-1', true);
    expect(store().gone).toEqual({});
  });
});

describe('endpoints store: an answer already asked for', () => {
  it("takes the pending answer (the start's early call) instead of asking again", async () => {
    api.listEndpoints.mockReset();
    const other = { ...LLAMA, name: 'asked-at-start' };
    await store().load('ws-2', false, Promise.resolve(ok({ endpoints: [other] })));
    expect(api.listEndpoints).not.toHaveBeenCalled();
    expect(store()).toMatchObject({ status: 'ready', workspaceId: 'ws-2', endpoints: [other] });
    // Loaded: the same workspace again is not asked for.
    await store().load('ws-2');
    expect(api.listEndpoints).not.toHaveBeenCalled();
  });
});
