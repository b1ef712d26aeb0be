import { afterEach, describe, expect, it, vi } from 'vitest';
import { useEndpointsStore } from '../../../../../renderer/core/stores/endpoints-store';
import { createWorkspaceStore } from '../../../../../renderer/core/stores/workspace-store';
import { fail, ok } from '../../../../../shared/errors';
import { apiDouble, summary } from './api-double';

/* One editor for the app: opened from Settings or from a 401/403, saved in place after a real check. */

const prod = summary('prod', { name: 'Prod' });
const load = vi.fn(async () => undefined);
const original = useEndpointsStore.getState().load;
afterEach(() => {
  useEndpointsStore.setState({ load: original });
  load.mockClear();
});

async function storeWith(methods: Parameters<typeof apiDouble>[0], currentId = 'prod') {
  const store = createWorkspaceStore(
    apiDouble({
      listWorkspaces: async () => ok({ workspaces: [prod], currentId, keychainAvailable: true }),
      ...methods,
    }),
  );
  await store.getState().load();
  useEndpointsStore.setState({ load });
  return store;
}

describe('workspace editor', () => {
  it('opens on a workspace (all, or straight to the credential) and closes', async () => {
    const store = await storeWith({});
    store.getState().openEditor('prod', 'credential');
    expect(store.getState().editor).toEqual({ id: 'prod', focus: 'credential' });
    store.getState().closeEditor();
    expect(store.getState().editor).toBeNull();
    store.getState().openEditor('prod');
    expect(store.getState().editor?.focus).toBe('all');
  });

  it('a saved token: the workspace is replaced in place, the editor closes, the endpoints are listed again', async () => {
    const updated = { ...prod, health: { ok: true, checkedAt: 2 } };
    const updateWorkspace = vi.fn(async () => ok(updated));
    const store = await storeWith({ updateWorkspace });
    store.getState().openEditor('prod', 'credential');
    const input = { id: 'prod', credential: { kind: 'pat' as const, token: 'dapi-rotated' } };
    expect(await store.getState().update(input)).toBe(true);
    expect(updateWorkspace).toHaveBeenCalledWith(input);
    expect(store.getState()).toMatchObject({ editor: null, saving: false, editError: null });
    expect(store.getState().workspaces).toEqual([updated]);
    expect(load).toHaveBeenCalledWith('prod', true);
    expect(JSON.stringify(store.getState())).not.toContain('dapi-rotated');
  });

  it('a refused token keeps the editor open with the reason; another workspace is not re-listed', async () => {
    const store = await storeWith(
      { updateWorkspace: async () => fail('PERMISSION', 'https://prod rejected this token (HTTP 403).') },
      'demo',
    );
    store.getState().openEditor('prod', 'credential');
    expect(await store.getState().update({ id: 'prod', credential: { kind: 'pat', token: 'x' } })).toBe(
      false,
    );
    expect(store.getState().editor).not.toBeNull();
    expect(store.getState().editError?.message).toMatch(/rejected this token/);
    expect(load).not.toHaveBeenCalled();
  });

  it('signing in again passes the workspace id, then asks which workspace is current', async () => {
    const oauth = summary('o', { authKind: 'oauth', name: 'OAuth ws', hasSecret: false });
    const startOAuthSignIn = vi.fn(async () => ok({ flowId: 'f', authorizationUrl: 'u' }));
    const listWorkspaces = vi.fn(async () =>
      ok({ workspaces: [{ ...oauth, hasSecret: true }], currentId: 'o', keychainAvailable: true }),
    );
    const store = createWorkspaceStore(
      apiDouble({
        listWorkspaces,
        startOAuthSignIn,
        finishOAuthSignIn: async () => ok({ ...oauth, hasSecret: true }),
      }),
    );
    await store.getState().load();
    useEndpointsStore.setState({ load });
    store.getState().openEditor('o', 'credential');
    expect(await store.getState().signInAgain('o', ' https://new.example.com ')).toBe(true);
    expect(startOAuthSignIn).toHaveBeenCalledWith({
      name: 'OAuth ws',
      host: 'https://new.example.com',
      profileId: 'o',
    });
    expect(listWorkspaces).toHaveBeenCalledTimes(2);
    expect(store.getState()).toMatchObject({ editor: null, currentId: 'o' });
    expect(store.getState().workspaces[0]?.hasSecret).toBe(true);
  });
});
