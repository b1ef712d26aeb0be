import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createRouter, describeIssue } from '../../../../electron/services/router';
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

describe('createRouter: each rule on its own', () => {
  it('answers BUSY past 64 calls in flight by default, with the exact words', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const router = createRouter(
      handlers({
        listEndpoints: async () => {
          await gate;
          return { endpoints: [] };
        },
      }),
    );
    const held = Array.from({ length: 64 }, () => router.handle('endpoints:list', undefined, session));
    expect(await router.handle('endpoints:list', undefined, session)).toEqual({
      ok: false,
      error: {
        code: 'BUSY',
        message: 'Too many requests at once from this window (more than 64). Wait a moment and try again.',
      },
    });
    release();
    expect((await Promise.all(held)).every((r) => r.ok)).toBe(true);
  });

  it('counts each call of a session until it ends, not just whether one is running', async () => {
    const gates = new Map<string, () => void>();
    const router = createRouter(
      handlers({
        getEndpoint: (request: { name: string }) =>
          new Promise((resolve) => gates.set(request.name, () => resolve({ name: request.name } as never))),
      }),
      { maxInFlight: 2, validateResponses: false },
    );
    const a = router.handle('endpoints:get', { name: 'a' }, session);
    const b = router.handle('endpoints:get', { name: 'b' }, session);
    await vi.waitFor(() => expect(gates.size).toBe(2));
    gates.get('a')?.();
    await a;
    // b still runs: one slot is free, not two.
    const c = router.handle('endpoints:get', { name: 'c' }, session);
    expect(errorOf(await router.handle('endpoints:get', { name: 'd' }, session)).code).toBe('BUSY');
    await vi.waitFor(() => expect(gates.size).toBe(3));
    gates.get('b')?.();
    gates.get('c')?.();
    expect((await Promise.all([b, c])).every((r) => r.ok)).toBe(true);
  });

  it('frees a slot however a call ends: refused payload, failure, throw or success', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const router = createRouter(
      handlers({
        listEndpoints: async () => {
          throw failure('NETWORK', 'Could not reach the workspace.');
        },
        listWorkspaces: async () => {
          throw new Error('bug');
        },
      }),
      { maxInFlight: 1 },
    );
    for (let round = 0; round < 3; round++) {
      expect(errorOf(await router.handle('stream:cancel', {}, session)).code).toBe('INVALID_REQUEST');
      expect(errorOf(await router.handle('endpoints:list', undefined, session)).code).toBe('NETWORK');
      expect(errorOf(await router.handle('workspaces:list', undefined, session)).code).toBe('INTERNAL');
      expect((await router.handle('app:get-info', undefined, session)).ok).toBe(true);
    }
  });

  it('does not count an unknown channel against the session', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const router = createRouter(
      handlers({
        listEndpoints: async () => {
          await gate;
          return { endpoints: [] };
        },
      }),
      { maxInFlight: 1 },
    );
    expect(errorOf(await router.handle('nope', undefined, session))).toEqual({
      code: 'INVALID_REQUEST',
      message: 'Unknown request.',
    });
    const held = router.handle('endpoints:list', undefined, session);
    expect(errorOf(await router.handle('app:get-info', undefined, session)).code).toBe('BUSY');
    release();
    await held;
  });

  it('refuses a channel that is not a string', async () => {
    const router = createRouter(handlers());
    expect(errorOf(await router.handle(42 as never, undefined, session)).message).toBe('Unknown request.');
  });

  it('answers INTERNAL with the exact sentence, and logs the channel and the stack', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = new Error('kaboom');
    const router = createRouter(
      handlers({
        listEndpoints: async () => {
          throw error;
        },
      }),
    );
    expect(errorOf(await router.handle('endpoints:list', undefined, session))).toEqual({
      code: 'INTERNAL',
      message:
        'Something went wrong inside Serving Studio. Try again; if it keeps happening, restart the app.',
    });
    expect(log).toHaveBeenCalledWith(`[router] endpoints:list: unexpected error\n${error.stack}`);
  });

  it.each([
    [
      'an Error without a stack',
      Object.assign(new RangeError('too far'), { stack: undefined }),
      'RangeError: too far',
    ],
    ['a string', 'just words', 'just words'],
    ['a number', 42, '42'],
  ])('logs %s readably', async (_why, thrown, detail) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const router = createRouter(
      handlers({
        listEndpoints: async () => {
          throw thrown;
        },
      }),
    );
    await router.handle('endpoints:list', undefined, session);
    expect(log).toHaveBeenCalledWith(`[router] endpoints:list: unexpected error\n${detail}`);
  });

  it('turns a StudioFailure with an unknown code into INTERNAL, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const thrown = failure('AUTH', 'x');
    (thrown.error as { code: string }).code = 'MADE_UP';
    const router = createRouter(handlers({ listEndpoints: async () => Promise.reject(thrown) }));
    expect(errorOf(await router.handle('endpoints:list', undefined, session)).code).toBe('INTERNAL');
    expect(String(log.mock.calls[0]?.[0])).toMatch(
      /^\[router\] endpoints:list: handler threw a malformed StudioFailure\n/,
    );
  });

  it('logs the paths and messages of a response that breaks the contract, never its values', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const router = createRouter(
      handlers({ getAppInfo: async () => ({ version: 3, mode: 'dapi-leaked-value' }) as never }),
      { validateResponses: true },
    );
    expect(errorOf(await router.handle('app:get-info', undefined, session)).code).toBe('INTERNAL');
    const logged = String(log.mock.calls[0]?.[0]);
    expect(logged).toMatch(
      /^\[router\] app:get-info: response does not match the contract\nError: version: .+; mode: /,
    );
    expect(logged).not.toContain('dapi-leaked-value');
  });

  it('checks responses unless NODE_ENV is production', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const bad = handlers({ getAppInfo: async () => ({ version: 3 }) as never });
    vi.stubEnv('NODE_ENV', 'production');
    try {
      expect((await createRouter(bad).handle('app:get-info', undefined, session)).ok).toBe(true);
      vi.stubEnv('NODE_ENV', 'development');
      expect(errorOf(await createRouter(bad).handle('app:get-info', undefined, session)).code).toBe(
        'INTERNAL',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('closes a session quietly when no hook is set, and says which hook failed', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => createRouter(handlers()).closeSession('w1')).not.toThrow();
    expect(log).not.toHaveBeenCalled();
    createRouter(handlers(), {
      onSessionClosed: () => {
        throw new Error('oops');
      },
    }).closeSession('w1');
    expect(String(log.mock.calls[0]?.[0])).toMatch(
      /^\[router\] session:close: onSessionClosed failed\nError: oops/,
    );
  });
});

describe('describeIssue', () => {
  const issueOf = (schema: z.ZodType, value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error('expected a failure');
    return describeIssue(parsed.error);
  };

  it.each([
    ['Invalid', z.object({ a: z.number() }), { a: 'x' }, /^a: Invalid input/],
    ['Too small', z.object({ a: z.string().min(2) }), { a: 'x' }, /^a: Too small/],
    ['Too big', z.object({ a: z.string().max(1) }), { a: 'xy' }, /^a: Too big/],
    ['Unrecognized', z.object({ a: z.object({}).strict() }), { a: { b: 1 } }, /^a: Unrecognized key/],
    ['nested paths', z.object({ a: z.array(z.number()) }), { a: [1, 'x'] }, /^a\.1: Invalid input/],
  ])("prefixes zod's %s message with the path", (_why, schema, value, expected) => {
    expect(issueOf(schema, value)).toMatch(expected);
  });

  it('keeps a message written for people as it is, and a generic one at the root without a path', () => {
    expect(issueOf(z.object({ a: z.string().min(1, 'Enter a name.') }), { a: '' })).toBe('Enter a name.');
    expect(issueOf(z.object({ a: z.string().min(1, 'Invalid names are refused here.') }), { a: '' })).toBe(
      'a: Invalid names are refused here.',
    );
    expect(issueOf(z.number(), 'x')).toMatch(/^Invalid input/);
    // Only a message that starts with one of zod's words gets the path.
    expect(issueOf(z.object({ a: z.string().min(1, 'Name Invalid') }), { a: '' })).toBe('Name Invalid');
    expect(issueOf(z.object({ a: z.string().min(1, 'Expected a name.') }), { a: '' })).toBe(
      'a: Expected a name.',
    );
  });

  it('says the request was not valid when zod gives no issue', () => {
    expect(describeIssue(new z.ZodError([]))).toBe('The request was not valid.');
  });
});
