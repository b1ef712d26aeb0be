import { describe, expect, it, vi } from 'vitest';
import { createWorkspaceStore } from '../../../../../renderer/core/stores/workspace-store';
import { ok } from '../../../../../shared/errors';
import { apiDouble, summary } from './api-double';

/*
 * Connecting a host and identity that is already here asks first: update it (the rotated-token
 * case), add another, or cancel. The typed secret never sits in the store's state meanwhile.
 */

const prod = summary('prod', { name: 'Prod', host: 'https://prod.example.com' });
const input = { name: 'Prod again', host: 'prod.example.com', token: 'dapi-NEW-SECRET' };

function setup() {
  const calls = {
    findExistingWorkspace: vi.fn(async () => ok({ host: prod.host, existing: prod })),
    updateWorkspace: vi.fn(async () => ok({ ...prod, health: { ok: true, checkedAt: 1 } })),
    selectWorkspace: vi.fn(async () => ok(prod)),
    connectWorkspace: vi.fn(async () => ok(summary('second'))),
  };
  return { calls, store: createWorkspaceStore(apiDouble(calls)) };
}

/** Starts a connect and waits until it asks (wrapped: an async function would wait for `done` itself). */
async function asked(store: ReturnType<typeof setup>['store']) {
  const done = store.getState().connect(input);
  await vi.waitFor(() => expect(store.getState().duplicate).not.toBeNull());
  return { done };
}

describe('connecting what is already here', () => {
  it('asks, naming the workspace, and keeps the secret out of the state while it waits', async () => {
    const { calls, store } = setup();
    const { done } = await asked(store);
    expect(calls.findExistingWorkspace).toHaveBeenCalledWith({ authKind: 'pat', host: 'prod.example.com' });
    expect(store.getState().duplicate).toEqual({ existing: prod, canAdd: true });
    expect(store.getState().checking).toBe(false);
    expect(JSON.stringify(store.getState())).not.toContain('dapi-NEW-SECRET');
    // A second submit while asking does nothing.
    expect(await store.getState().connect(input)).toBe(false);
    store.getState().resolveDuplicate('cancel');
    expect(await done).toBe(false);
  });

  it('update: the token replaces the existing one in place, which becomes current; nothing is added', async () => {
    const { calls, store } = setup();
    const { done } = await asked(store);
    store.getState().resolveDuplicate('update');
    expect(await done).toBe(true);
    expect(calls.updateWorkspace).toHaveBeenCalledWith({
      id: 'prod',
      credential: { kind: 'pat', token: 'dapi-NEW-SECRET' },
    });
    expect(calls.selectWorkspace).toHaveBeenCalledWith({ id: 'prod' });
    expect(calls.connectWorkspace).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ currentId: 'prod', duplicate: null, checking: false });
    expect(store.getState().workspaces.map((w) => w.id)).toEqual(['prod']);
  });

  it('add: a second workspace on purpose; cancel: nothing at all', async () => {
    const { calls, store } = setup();
    const { done: adding } = await asked(store);
    store.getState().resolveDuplicate('add');
    expect(await adding).toBe(true);
    expect(calls.connectWorkspace).toHaveBeenCalledWith(input);
    expect(store.getState().currentId).toBe('second');

    const { done: cancelling } = await asked(store);
    store.getState().resolveDuplicate('cancel');
    expect(await cancelling).toBe(false);
    expect(calls.connectWorkspace).toHaveBeenCalledTimes(1);
    expect(calls.updateWorkspace).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ duplicate: null, connectError: null, checking: false });
  });

  it('a service principal is one identity: updating is offered, adding is not', async () => {
    const bot = summary('bot', { authKind: 'service-principal', clientId: 'bot' });
    const updateWorkspace = vi.fn(async () => ok(bot));
    const store = createWorkspaceStore(
      apiDouble({
        findExistingWorkspace: async () => ok({ host: bot.host, existing: bot }),
        updateWorkspace,
        selectWorkspace: async () => ok(bot),
      }),
    );
    const done = store
      .getState()
      .connectServicePrincipal({ name: 'b', host: bot.host, clientId: 'bot', clientSecret: 's2' });
    await vi.waitFor(() => expect(store.getState().duplicate?.canAdd).toBe(false));
    store.getState().resolveDuplicate('update');
    expect(await done).toBe(true);
    expect(updateWorkspace).toHaveBeenCalledWith({
      id: 'bot',
      credential: { kind: 'service-principal', clientSecret: 's2' },
    });
  });
});
