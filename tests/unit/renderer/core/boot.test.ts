import { describe, expect, it, vi } from 'vitest';
import type { Endpoint } from '../../../../shared/domain';
import { ok } from '../../../../shared/errors';
import { summary } from './stores/api-double';

/*
 * Start-up: the workspaces and the current workspace's endpoints are asked for together
 * (bridge/early.ts); the endpoints' answer is taken by the store before any pane can ask for
 * the list again.
 */

const LLAMA = { name: 'llama', taskKind: 'chat', ready: 'READY' } as Endpoint;
const api = vi.hoisted(() => ({ listWorkspaces: vi.fn(), listEndpoints: vi.fn() }));
vi.mock('../../../../renderer/core/bridge', () => ({ getStudioApi: () => api }));

describe('startWorkspaceLoad', () => {
  it('takes the early endpoints answer, so a pane loading on the first current workspace asks nothing', async () => {
    api.listWorkspaces.mockResolvedValue(
      ok({ workspaces: [summary('ws-1')], currentId: 'ws-1', keychainAvailable: true }),
    );
    api.listEndpoints.mockResolvedValue(ok({ endpoints: [LLAMA] }));
    const { startWorkspaceLoad } = await import('../../../../renderer/core/boot');
    const { useWorkspaceStore } = await import('../../../../renderer/core/stores/workspace-store');
    const { useEndpointsStore } = await import('../../../../renderer/core/stores/endpoints-store');
    expect(api.listWorkspaces).toHaveBeenCalledTimes(1);
    expect(api.listEndpoints).toHaveBeenCalledTimes(1);
    // A pane does what useUsableEndpoints does: load the list once a current workspace appears.
    const paneLoads: Promise<void>[] = [];
    useWorkspaceStore.subscribe((s) => {
      if (s.currentId) paneLoads.push(useEndpointsStore.getState().load(s.currentId));
    });
    await startWorkspaceLoad();
    await Promise.all(paneLoads);
    expect(paneLoads.length).toBeGreaterThan(0);
    expect(api.listEndpoints).toHaveBeenCalledTimes(1);
    expect(useEndpointsStore.getState()).toMatchObject({
      status: 'ready',
      workspaceId: 'ws-1',
      endpoints: [LLAMA],
    });
  });
});
