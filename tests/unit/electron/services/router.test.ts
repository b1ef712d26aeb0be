import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../../../electron/services/router';
import type { Handlers, Session } from '../../../../electron/services/types';
import { failure, type Result } from '../../../../shared/errors';

const session: Session = { id: 'w1', emit: () => {} };
/** A stream id as the renderer chooses them (crypto.randomUUID). */
const streamId = '3b241101-e2bb-4255-8caf-4136c566a962';

const summary = {
  id: 'p1',
  name: 'Prod',
  host: 'https://a.cloud.databricks.com',
  authKind: 'pat' as const,
  createdAt: 1,
  isDemo: false,
  hasSecret: true,
};

/** Handlers that answer valid responses; individual tests override one. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notUsed = async (): Promise<never> => {
    throw new Error('not used in this test');
  };
  return {
    getAppInfo: async () => ({ version: '1.2.3', mode: 'browser' }),
    listWorkspaces: async () => ({ workspaces: [summary], currentId: 'p1', keychainAvailable: true }),
    useDemoWorkspace: notUsed,
    connectWorkspace: async () => summary,
    selectWorkspace: async () => summary,
    removeWorkspace: async () => ({ removed: true }),
    setSecret: async () => ({ hasSecret: true }),
    removeSecret: async () => ({ hasSecret: false }),
    getSecretStatus: async () => ({ hasSecret: true, keychainAvailable: true }),
    listEndpoints: async () => ({ endpoints: [] }),
    getEndpoint: notUsed,
    getEndpointDetails: notUsed,
    getOptimizationInfo: notUsed,
    createProvisionedEndpoint: notUsed,
    updateProvisionedEndpoint: notUsed,
    deleteEndpoint: notUsed,
    startChat: async (request) => ({ streamId: request.streamId }),
    startCompletion: async (request) => ({ streamId: request.streamId }),
    createEmbeddings: notUsed,
    cancelStream: async () => ({ cancelled: true }),
    startOAuthSignIn: notUsed,
    finishOAuthSignIn: notUsed,
    cancelOAuthSignIn: notUsed,
    signOut: notUsed,
    connectServicePrincipal: notUsed,
    connectOpenAiProvider: notUsed,
    listImportableProfiles: notUsed,
    importProfiles: notUsed,
    checkWorkspaceHealth: notUsed,
    updateWorkspace: notUsed,
    findExistingWorkspace: notUsed,
    listWarehouses: notUsed,
    getWarehouse: notUsed,
    startWarehouse: notUsed,
    uploadFile: notUsed,
    executeStatement: notUsed,
    getStatement: notUsed,
    getResultChunk: notUsed,
    cancelStatement: notUsed,
    ...overrides,
  };
}

const errorOf = (result: Result<unknown>) => {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
};

afterEach(() => vi.restoreAllMocks());

describe('createRouter', () => {
  it('answers BUSY past the in-flight limit of one session, at once, and recovers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const listEndpoints = vi.fn(async () => {
      await gate;
      return { endpoints: [] };
    });
    const router = createRouter(handlers({ listEndpoints }), { maxInFlight: 3 });
    const held = [1, 2, 3].map(() => router.handle('endpoints:list', undefined, session));
    const refused = await router.handle('endpoints:list', undefined, session);
    expect(errorOf(refused)).toMatchObject({ code: 'BUSY', message: expect.stringMatching(/more than 3/) });
    // Another window is not affected.
    const other = router.handle('endpoints:list', undefined, { id: 'w2', emit: () => {} });
    release();
    expect((await Promise.all([...held, other])).every((r) => r.ok)).toBe(true);
    expect(listEndpoints).toHaveBeenCalledTimes(4);
    expect((await router.handle('endpoints:list', undefined, session)).ok).toBe(true);
  });

  it('routes a valid request to its handler', async () => {
    const router = createRouter(handlers());
    expect(await router.handle('app:get-info', undefined, session)).toEqual({
      ok: true,
      value: { version: '1.2.3', mode: 'browser' },
    });
  });

  it('passes the parsed request (with defaults) and the session to the handler', async () => {
    const startChat = vi.fn(async () => ({ streamId }));
    const router = createRouter(handlers({ startChat }));
    const messages = [{ role: 'user', content: 'hi' }];
    await router.handle('chat:start', { streamId, endpoint: 'e1', messages }, session);
    expect(startChat).toHaveBeenCalledWith({ streamId, endpoint: 'e1', messages, params: {} }, session);
  });

  it('lets the stream switch through as a parameter (a boolean, nothing else)', async () => {
    const startChat = vi.fn(async () => ({ streamId }));
    const router = createRouter(handlers({ startChat }));
    const messages = [{ role: 'user', content: 'hi' }];
    const params = { temperature: 0, stream: false };
    await router.handle('chat:start', { streamId, endpoint: 'e1', messages, params }, session);
    expect(startChat).toHaveBeenCalledWith({ streamId, endpoint: 'e1', messages, params }, session);
    const refused = await router.handle(
      'chat:start',
      { streamId, endpoint: 'e1', messages, params: { stream: 'no' } },
      session,
    );
    expect(errorOf(refused).code).toBe('INVALID_REQUEST');
  });

  it.each(['nope:nothing', '__proto__', 'constructor', '', 'getAppInfo'])(
    'refuses unknown channel %j',
    async (ch) => {
      const router = createRouter(handlers());
      expect(errorOf(await router.handle(ch, undefined, session)).code).toBe('INVALID_REQUEST');
    },
  );

  it.each([
    ['app:get-info', { extra: true }],
    ['workspaces:connect', null],
    ['workspaces:connect', 'https://x'],
    ['workspaces:connect', { name: 'x', host: 'h' }],
    ['workspaces:connect', { name: 'x', host: 42, token: 't' }],
    ['workspaces:select', { id: '' }],
    ['secrets:set', { profileId: 'p1', secret: 'x'.repeat(5000) }],
    ['chat:start', { streamId, endpoint: 'e1', messages: [] }],
    ['chat:start', { streamId, endpoint: '../admin', messages: [{ role: 'user', content: 'x' }] }],
    ['chat:start', { streamId, endpoint: 'e1', messages: [{ role: 'tool', content: 'x' }] }],
    [
      'chat:start',
      { streamId, endpoint: 'e1', messages: [{ role: 'user', content: 'x' }], params: { seed: 1 } },
    ],
    [
      'chat:start',
      { streamId, endpoint: 'e1', messages: [{ role: 'user', content: 'x' }], params: { temperature: '1' } },
    ],
    // The renderer chooses the id: it must be there, and a UUID (bounded, nothing else).
    ['chat:start', { endpoint: 'e1', messages: [{ role: 'user', content: 'x' }] }],
    ['chat:start', { streamId: 's1', endpoint: 'e1', messages: [{ role: 'user', content: 'x' }] }],
    ['chat:start', { streamId: `${streamId}x`, endpoint: 'e1', messages: [{ role: 'user', content: 'x' }] }],
    ['completion:start', { streamId, endpoint: 'e1', prompt: '' }],
    ['completion:start', { streamId: 'x'.repeat(10_000), endpoint: 'e1', prompt: 'p' }],
    ['embeddings:create', { endpoint: 'e1', input: [] }],
    ['stream:cancel', {}],
    ['stream:cancel', [1, 2]],
    ['stream:cancel', { streamId: '../other' }],
  ])('refuses a malformed payload on %s', async (channel, payload) => {
    const spy = vi.fn();
    const router = createRouter(handlers({ startChat: spy, connectWorkspace: spy, cancelStream: spy }));
    const error = errorOf(await router.handle(channel, payload, session));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message.length).toBeGreaterThan(0);
    expect(spy).not.toHaveBeenCalled();
  });

  it("passes the contract's own messages through for form input", async () => {
    const router = createRouter(handlers());
    const error = errorOf(
      await router.handle('workspaces:connect', { name: 'x', host: '  ', token: 't' }, session),
    );
    expect(error.message).toBe('Enter the workspace URL.');
    const chat = errorOf(
      await router.handle('chat:start', { streamId, endpoint: 'e1', messages: [] }, session),
    );
    expect(chat.message).toBe('Write a message first.');
  });

  it("prefixes zod's generic messages with the field path", async () => {
    const router = createRouter(handlers());
    const payload = {
      streamId,
      endpoint: 'e1',
      messages: [{ role: 'user', content: 'x' }],
      params: { temperature: '1' },
    };
    const error = errorOf(await router.handle('chat:start', payload, session));
    expect(error.message).toMatch(/^params\.temperature: /);
  });

  it('passes a StudioFailure through as a value, reduced to the error fields', async () => {
    const thrown = failure('AUTH', 'The token was rejected.', { status: 401 });
    (thrown.error as Record<string, unknown>).secretHeader = 'Bearer dapi123';
    const router = createRouter(handlers({ listEndpoints: async () => Promise.reject(thrown) }));
    const result = await router.handle('endpoints:list', undefined, session);
    expect(result).toEqual({
      ok: false,
      error: { code: 'AUTH', message: 'The token was rejected.', status: 401 },
    });
  });

  it('turns an unexpected throw into INTERNAL without details, and logs it without the payload', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const router = createRouter(
      handlers({
        connectWorkspace: async () => {
          throw new TypeError('cannot read properties of undefined (reading host) at /src/secret.ts:12');
        },
      }),
    );
    const payload = { name: 'x', host: 'a.cloud.databricks.com', token: 'dapi-very-secret' };
    const result = await router.handle('workspaces:connect', payload, session);
    const error = errorOf(result);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toMatch(/cannot read|secret\.ts|at /);
    expect(JSON.stringify(result)).not.toMatch(/stack|TypeError|dapi/);
    expect(log).toHaveBeenCalled();
    expect(JSON.stringify(log.mock.calls)).not.toContain('dapi-very-secret');
  });

  it('turns a non-Error throw into INTERNAL', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const router = createRouter(
      handlers({
        getAppInfo: async () => {
          throw 'a string';
        },
      }),
    );
    expect(errorOf(await router.handle('app:get-info', undefined, session)).code).toBe('INTERNAL');
  });

  it('treats a response that breaks the contract as a bug (INTERNAL) when validating', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const bad = handlers({ getAppInfo: async () => ({ version: 3 }) as never });
    const strict = createRouter(bad, { validateResponses: true });
    expect(errorOf(await strict.handle('app:get-info', undefined, session)).code).toBe('INTERNAL');
    const lax = createRouter(bad, { validateResponses: false });
    expect((await lax.handle('app:get-info', undefined, session)).ok).toBe(true);
  });

  it('never puts a stack in any result', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const router = createRouter(
      handlers({
        listWorkspaces: async () => {
          throw new Error('boom');
        },
        listEndpoints: async () => {
          throw failure('NETWORK', 'Could not reach the workspace.');
        },
      }),
    );
    const results = await Promise.all([
      router.handle('workspaces:list', undefined, session),
      router.handle('endpoints:list', undefined, session),
      router.handle('chat:start', { bogus: true }, session),
      router.handle('bogus', undefined, session),
    ]);
    for (const result of results) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toMatch(/stack|\n\s+at /);
    }
  });

  it('closeSession calls the hook and survives a throwing hook', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const onSessionClosed = vi.fn(() => {
      throw new Error('oops');
    });
    const router = createRouter(handlers(), { onSessionClosed });
    expect(() => router.closeSession('w1')).not.toThrow();
    expect(onSessionClosed).toHaveBeenCalledWith('w1');
  });
});
