import { describe, expect, it, vi } from 'vitest';
import { createImportStore } from '../../../../../renderer/core/stores/import-store';
import { createWorkspaceStore } from '../../../../../renderer/core/stores/workspace-store';
import type { StudioApi } from '../../../../../shared/contract';
import type { WorkspaceSummary } from '../../../../../shared/domain';
import { fail, ok } from '../../../../../shared/errors';

/** A StudioApi double: only the methods a test gives exist; any other call fails the test. */
function apiDouble(
  methods: Partial<Record<keyof StudioApi, (...args: never[]) => unknown>>,
): () => StudioApi {
  const api = new Proxy(methods, {
    get(target, key: string) {
      const method = target[key as keyof StudioApi];
      if (!method) throw new Error(`unexpected bridge call ${key}`);
      return method;
    },
  }) as unknown as StudioApi;
  return () => api;
}

const summary = (id: string, extra: Partial<WorkspaceSummary> = {}): WorkspaceSummary => ({
  id,
  name: id,
  host: `https://${id}.example.com`,
  authKind: 'pat',
  createdAt: 1,
  isDemo: false,
  hasSecret: true,
  ...extra,
});

describe('workspace store: connecting', () => {
  it('service principal and OpenAI connects make the workspace current; an empty API key is left out', async () => {
    const connectServicePrincipal = vi.fn(async () => ok(summary('sp', { authKind: 'service-principal' })));
    const connectOpenAiProvider = vi.fn(async () => ok(summary('oa', { authKind: 'openai' })));
    const store = createWorkspaceStore(apiDouble({ connectServicePrincipal, connectOpenAiProvider }));
    const input = { name: 'sp', host: 'https://x', clientId: 'id', clientSecret: 's3cret' };
    expect(await store.getState().connectServicePrincipal(input)).toBe(true);
    expect(connectServicePrincipal).toHaveBeenCalledWith(input);
    expect(store.getState().currentId).toBe('sp');
    expect(await store.getState().connectOpenAi({ name: 'oa', baseUrl: 'http://l/v1', apiKey: '  ' })).toBe(
      true,
    );
    expect(connectOpenAiProvider).toHaveBeenCalledWith({ name: 'oa', baseUrl: 'http://l/v1' });
    expect(store.getState().workspaces.map((w) => w.id)).toEqual(['sp', 'oa']);
    // No secret is kept in the store.
    expect(JSON.stringify(store.getState())).not.toContain('s3cret');
  });

  it('a failed connect keeps the backend message for the form', async () => {
    const store = createWorkspaceStore(
      apiDouble({ connectServicePrincipal: async () => fail('AUTH', 'The client secret was rejected.') }),
    );
    const ok1 = await store
      .getState()
      .connectServicePrincipal({ name: 'a', host: 'h', clientId: 'c', clientSecret: 's' });
    expect(ok1).toBe(false);
    expect(store.getState().connectError?.message).toBe('The client secret was rejected.');
    expect(store.getState().checking).toBe(false);
  });
});

describe('workspace store: OAuth', () => {
  it('start shows the URL while waiting, finish connects', async () => {
    let release: (v: unknown) => void = () => undefined;
    const finishOAuthSignIn = vi.fn(
      () =>
        new Promise((done) => {
          release = done;
        }),
    );
    const store = createWorkspaceStore(
      apiDouble({
        startOAuthSignIn: async () => ok({ flowId: 'f1', authorizationUrl: 'http://idp/authorize?x' }),
        finishOAuthSignIn,
      }),
    );
    const done = store.getState().signInWithOAuth({ name: 'o', host: 'https://o' });
    await vi.waitFor(() => expect(store.getState().oauth?.authorizationUrl).toBe('http://idp/authorize?x'));
    expect(store.getState().checking).toBe(true);
    release(ok(summary('o', { authKind: 'oauth' })));
    expect(await done).toBe(true);
    expect(finishOAuthSignIn).toHaveBeenCalledWith({ flowId: 'f1' });
    expect(store.getState()).toMatchObject({ oauth: null, checking: false, currentId: 'o' });
  });

  it('a denied consent is shown; a cancelled flow is not an error', async () => {
    const denied = createWorkspaceStore(
      apiDouble({
        startOAuthSignIn: async () => ok({ flowId: 'f', authorizationUrl: 'u' }),
        finishOAuthSignIn: async () => fail('AUTH', 'You denied access in the browser.'),
      }),
    );
    expect(await denied.getState().signInWithOAuth({ name: 'o', host: 'h' })).toBe(false);
    expect(denied.getState().connectError?.message).toBe('You denied access in the browser.');

    let release: (v: unknown) => void = () => undefined;
    const cancelOAuthSignIn = vi.fn(async () => {
      release(fail('AUTH', 'Sign-in cancelled.'));
      return ok({ cancelled: true });
    });
    const store = createWorkspaceStore(
      apiDouble({
        startOAuthSignIn: async () => ok({ flowId: 'f2', authorizationUrl: 'u' }),
        finishOAuthSignIn: () => new Promise((done) => (release = done)) as never,
        cancelOAuthSignIn,
      }),
    );
    const done = store.getState().signInWithOAuth({ name: 'o', host: 'h' });
    await vi.waitFor(() => expect(store.getState().oauth).not.toBeNull());
    await store.getState().cancelOAuth();
    expect(await done).toBe(false);
    expect(cancelOAuthSignIn).toHaveBeenCalledWith({ flowId: 'f2' });
    expect(store.getState()).toMatchObject({ oauth: null, checking: false, connectError: null });
  });
});

describe('workspace store: health and sign-out', () => {
  it('records health on the workspace and replaces it after sign-out', async () => {
    const health = {
      ok: false,
      checkedAt: 5,
      code: 'NETWORK',
      message: 'DNS failed.',
      fix: 'Check the URL.',
    };
    const store = createWorkspaceStore(
      apiDouble({
        listWorkspaces: async () =>
          ok({ workspaces: [summary('a', { authKind: 'oauth' })], currentId: 'a', keychainAvailable: true }),
        checkWorkspaceHealth: async () => ok(health),
        signOut: async () => ok(summary('a', { authKind: 'oauth', hasSecret: false })),
      }),
    );
    await store.getState().load();
    expect(await store.getState().checkHealth('a')).toEqual(health);
    expect(store.getState().workspaces[0]?.health).toEqual(health);
    expect(store.getState().healthChecking.a).toBe(false);
    await store.getState().signOut('a');
    expect(store.getState().workspaces).toHaveLength(1);
    expect(store.getState().workspaces[0]?.hasSecret).toBe(false);
    expect(store.getState().currentId).toBe('a');
  });
});

describe('import store', () => {
  const profiles = [
    {
      id: 'cfg:DEFAULT',
      source: 'databrickscfg' as const,
      profileName: 'DEFAULT',
      host: 'https://d',
      authKind: 'pat' as const,
      hasSecret: true,
      isDefault: true,
      problems: [],
    },
    {
      id: 'cfg:bad',
      source: 'databrickscfg' as const,
      profileName: 'bad',
      host: null,
      authKind: null,
      hasSecret: false,
      isDefault: false,
      problems: ['No host.'],
    },
    {
      id: 'env',
      source: 'env' as const,
      profileName: 'environment',
      host: 'https://e',
      authKind: 'service-principal' as const,
      hasSecret: true,
      isDefault: false,
      problems: [],
    },
  ];

  it('pre-ticks the default, refuses profiles with problems, imports and hands over the results', async () => {
    const importProfiles = vi.fn(async () =>
      ok({
        imported: [summary('DEFAULT')],
        failed: [{ id: 'env', message: 'The client secret was rejected.' }],
      }),
    );
    const onImported = vi.fn();
    const store = createImportStore(
      onImported,
      apiDouble({
        listImportableProfiles: async () => ok({ configPath: '/x/.databrickscfg', profiles }),
        importProfiles,
      }),
    );
    await store.getState().start();
    expect(store.getState()).toMatchObject({ open: true, loading: false, selected: ['cfg:DEFAULT'] });
    store.getState().toggle('cfg:bad');
    store.getState().toggle('env');
    expect(store.getState().selected).toEqual(['cfg:DEFAULT', 'env']);
    const results = await store.getState().importSelected();
    expect(importProfiles).toHaveBeenCalledWith({ ids: ['cfg:DEFAULT', 'env'] });
    expect(results?.failed[0]?.message).toBe('The client secret was rejected.');
    expect(onImported).toHaveBeenCalledWith([summary('DEFAULT')]);
  });

  it('the first import on first run becomes current through the bridge', async () => {
    const selectWorkspace = vi.fn(async () => ok(summary('DEFAULT')));
    const store = createWorkspaceStore(apiDouble({ selectWorkspace }));
    await store.getState().addImported([summary('DEFAULT'), summary('other')]);
    expect(selectWorkspace).toHaveBeenCalledWith({ id: 'DEFAULT' });
    expect(store.getState().currentId).toBe('DEFAULT');
    expect(store.getState().workspaces).toHaveLength(2);
  });
});
