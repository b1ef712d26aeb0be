import { describe, expect, it, vi } from 'vitest';
import { createImportStore } from '../../../../../renderer/core/stores/import-store';
import { createWorkspaceStore } from '../../../../../renderer/core/stores/workspace-store';
import type { StudioApi } from '../../../../../shared/contract';
import type { WorkspaceSummary } from '../../../../../shared/domain';
import { fail, ok } from '../../../../../shared/errors';
import type { ImportResult } from '../../../../../shared/workspace-schemas';

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

/** findExistingWorkspace answering "not connected yet". */
const nothingThere = async () => ok({ host: 'https://x', existing: null });

describe('workspace store: connecting', () => {
  it('service principal and OpenAI connects make the workspace current; an empty API key is left out', async () => {
    const connectServicePrincipal = vi.fn(async () => ok(summary('sp', { authKind: 'service-principal' })));
    const connectOpenAiProvider = vi.fn(async () => ok(summary('oa', { authKind: 'openai' })));
    const store = createWorkspaceStore(
      apiDouble({ connectServicePrincipal, connectOpenAiProvider, findExistingWorkspace: nothingThere }),
    );
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
      apiDouble({
        connectServicePrincipal: async () => fail('AUTH', 'The client secret was rejected.'),
        findExistingWorkspace: nothingThere,
      }),
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

  const result = (
    id: string,
    status: ImportResult['status'],
    workspace: WorkspaceSummary | null = null,
  ): ImportResult => ({ id, profileName: id, status, message: status, workspace });

  it('pre-ticks the default, refuses profiles with problems, imports and hands every result over', async () => {
    const results = [result('cfg:DEFAULT', 'imported', summary('DEFAULT')), result('env', 'failed')];
    const importProfiles = vi.fn(async () => ok({ results }));
    const onImported = vi.fn();
    const store = createImportStore(
      { onImported, signIn: async () => false },
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
    expect(await store.getState().importSelected()).toEqual(results);
    expect(importProfiles).toHaveBeenCalledWith({ ids: ['cfg:DEFAULT', 'env'] });
    expect(store.getState().results).toEqual(results);
    expect(onImported).toHaveBeenCalledWith(results);
  });

  it('a profile that needs a sign-in signs in from its result, which then says imported', async () => {
    const oauth = summary('browser', { authKind: 'oauth', hasSecret: false });
    let finish: (signedIn: boolean) => void = () => undefined;
    const signIn = vi.fn(() => new Promise<boolean>((done) => (finish = done)));
    const store = createImportStore(
      { onImported: () => undefined, signIn },
      apiDouble({
        listImportableProfiles: async () => ok({ configPath: '/x', profiles }),
        importProfiles: async () => ok({ results: [result('cfg:browser', 'needs-sign-in', oauth)] }),
      }),
    );
    await store.getState().start();
    await store.getState().importSelected();
    const signing = store.getState().signIn('cfg:browser');
    expect(store.getState().signingIn).toBe('cfg:browser');
    await store.getState().signIn('cfg:browser'); // one sign-in at a time
    expect(signIn).toHaveBeenCalledExactlyOnceWith(oauth);
    finish(true);
    await signing;
    expect(store.getState().results?.[0]).toMatchObject({
      status: 'imported',
      message: 'Signed in and checked.',
    });
    expect(store.getState().signingIn).toBeNull();
  });

  it('only a checked import becomes current (through the bridge); one needing a sign-in never does', async () => {
    const selectWorkspace = vi.fn(async () => ok(summary('DEFAULT')));
    const store = createWorkspaceStore(apiDouble({ selectWorkspace }));
    await store
      .getState()
      .addImported([
        result('cfg:browser', 'needs-sign-in', summary('browser', { authKind: 'oauth' })),
        result('cfg:bad', 'failed'),
        result('cfg:DEFAULT', 'imported', summary('DEFAULT')),
      ]);
    expect(selectWorkspace).toHaveBeenCalledExactlyOnceWith({ id: 'DEFAULT' });
    expect(store.getState().currentId).toBe('DEFAULT');
    expect(store.getState().workspaces.map((w) => w.id)).toEqual(['browser', 'DEFAULT']);

    const onlyOAuth = createWorkspaceStore(apiDouble({}));
    await onlyOAuth.getState().addImported([result('cfg:browser', 'needs-sign-in', summary('browser'))]);
    expect(onlyOAuth.getState().currentId).toBeNull();
  });
});
