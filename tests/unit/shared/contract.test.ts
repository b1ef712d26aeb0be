import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTRACT, METHOD_BY_CHANNEL, METHOD_NAMES, STREAM_EVENT_CHANNEL } from '../../../shared/contract';
import { MAX_IMAGE_URL_CHARS } from '../../../shared/domain';

/*
 * Endpoint names go into URL paths (`/serving-endpoints/{name}/invocations`), so the pattern
 * must hold for the whole string: a missing `^` or `$` anchor would let a name carry a path,
 * a query or a second line after a valid start.
 */

const chat = (endpoint: string) => ({
  streamId: randomUUID(),
  endpoint,
  messages: [{ role: 'user', content: 'Hi' }],
  params: {},
});
const accepts = (endpoint: string) => CONTRACT.startChat.request.safeParse(chat(endpoint)).success;

describe('endpoint names in the contract', () => {
  it.each(['databricks-meta-llama-3-3-70b-instruct', 'my_endpoint.v2', 'A1'])('accepts %j', (name) => {
    expect(accepts(name)).toBe(true);
  });

  it.each([
    ['a path after a valid start', 'good/../../api/2.0/secrets'],
    ['a query after a valid start', 'good?x=1'],
    ['a fragment', 'good#x'],
    ['a second line', 'good\nbad'],
    ['a trailing space', 'good '],
    ['a leading dot', '.hidden'],
    ['a dot segment', '..'],
    ['a leading dash', '-x'],
    ['an encoded slash', 'good%2F..'],
    ['empty', ''],
  ])('refuses %s (%j)', (_why, name) => {
    expect(accepts(name)).toBe(false);
  });

  it('uses the same rule for every method that names an endpoint', () => {
    const bad = 'good/../x';
    expect(
      CONTRACT.startCompletion.request.safeParse({ streamId: randomUUID(), endpoint: bad, prompt: 'p' })
        .success,
    ).toBe(false);
    expect(CONTRACT.createEmbeddings.request.safeParse({ endpoint: bad, input: ['a'] }).success).toBe(false);
    expect(CONTRACT.deleteEndpoint.request.safeParse({ name: bad }).success).toBe(false);
  });

  it('refuses stream ids that are not UUIDs (they key the registry)', () => {
    expect(CONTRACT.startChat.request.safeParse({ ...chat('ok'), streamId: 'x' }).success).toBe(false);
    expect(CONTRACT.cancelStream.request.safeParse({ streamId: `${randomUUID()}\n` }).success).toBe(false);
  });
});

/*
 * Every entry of the contract, pinned: its channel, what its request takes and refuses (with
 * the words people see), and the shape its response must have.
 */

const messageOf = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } },
  value: unknown,
) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : (parsed.error as { issues: { message: string }[] }).issues[0]?.message;
};

describe('the channel of every method', () => {
  const CHANNELS = {
    getAppInfo: 'app:get-info',
    listWorkspaces: 'workspaces:list',
    useDemoWorkspace: 'workspaces:use-demo',
    connectWorkspace: 'workspaces:connect',
    startOAuthSignIn: 'workspaces:oauth-start',
    finishOAuthSignIn: 'workspaces:oauth-finish',
    cancelOAuthSignIn: 'workspaces:oauth-cancel',
    signOut: 'workspaces:sign-out',
    connectServicePrincipal: 'workspaces:connect-sp',
    connectOpenAiProvider: 'workspaces:connect-openai',
    listImportableProfiles: 'workspaces:list-importable',
    importProfiles: 'workspaces:import',
    checkWorkspaceHealth: 'workspaces:check-health',
    selectWorkspace: 'workspaces:select',
    removeWorkspace: 'workspaces:remove',
    updateWorkspace: 'workspaces:update',
    findExistingWorkspace: 'workspaces:find-existing',
    setSecret: 'secrets:set',
    removeSecret: 'secrets:remove',
    getSecretStatus: 'secrets:status',
    listEndpoints: 'endpoints:list',
    getEndpoint: 'endpoints:get',
    getEndpointDetails: 'endpoints:get-details',
    getOptimizationInfo: 'endpoints:get-optimization-info',
    createProvisionedEndpoint: 'endpoints:create-pt',
    updateProvisionedEndpoint: 'endpoints:update-pt',
    deleteEndpoint: 'endpoints:delete',
    startChat: 'chat:start',
    startCompletion: 'completion:start',
    createEmbeddings: 'embeddings:create',
    cancelStream: 'stream:cancel',
    listWarehouses: 'sql:list-warehouses',
    getWarehouse: 'sql:get-warehouse',
    startWarehouse: 'sql:start-warehouse',
    uploadFile: 'files:upload',
    executeStatement: 'sql:execute',
    getStatement: 'sql:get-statement',
    getResultChunk: 'sql:get-result-chunk',
    cancelStatement: 'sql:cancel',
  };

  it('is the documented one, and maps back to its method', () => {
    expect(Object.fromEntries(METHOD_NAMES.map((m) => [m, CONTRACT[m].channel]))).toEqual(CHANNELS);
    for (const [method, channel] of Object.entries(CHANNELS))
      expect(METHOD_BY_CHANNEL.get(channel)).toBe(method);
    expect(METHOD_BY_CHANNEL.size).toBe(METHOD_NAMES.length);
    expect(STREAM_EVENT_CHANNEL).toBe('stream:event');
  });
});

const uuid = '3b241101-e2bb-4255-8caf-4136c566a962';
const user = [{ role: 'user', content: 'Hi' }];
const summary = {
  id: 'p1',
  name: 'Prod',
  host: 'https://a.cloud.databricks.com',
  authKind: 'pat',
  createdAt: 1,
  isDemo: false,
  hasSecret: true,
};

describe('requests: what each takes', () => {
  it.each([
    ['getAppInfo', undefined],
    ['connectWorkspace', { name: 'Prod', host: 'https://a.cloud.databricks.com', token: 'dapi123' }],
    ['startOAuthSignIn', { name: 'Prod', host: 'https://a', profileId: 'p1' }],
    ['startOAuthSignIn', { name: 'Prod', host: 'https://a' }],
    ['finishOAuthSignIn', { flowId: 'f1' }],
    ['cancelOAuthSignIn', { flowId: 'f1' }],
    ['signOut', { id: 'p1' }],
    ['connectServicePrincipal', { name: 'SP', host: 'https://a', clientId: 'cid', clientSecret: 'sec' }],
    ['connectOpenAiProvider', { name: 'vLLM', baseUrl: 'http://localhost:8000/v1', apiKey: 'k' }],
    ['connectOpenAiProvider', { name: 'vLLM', baseUrl: 'http://localhost:8000/v1' }],
    ['importProfiles', { ids: ['cfg:DEFAULT', 'env'] }],
    ['checkWorkspaceHealth', { id: 'p1' }],
    ['selectWorkspace', { id: 'p1' }],
    ['removeWorkspace', { id: 'p1' }],
    ['setSecret', { profileId: 'p1', secret: 'dapi123' }],
    ['removeSecret', { profileId: 'p1' }],
    ['getSecretStatus', { profileId: 'p1' }],
    ['getEndpoint', { name: 'my-endpoint' }],
    ['getEndpointDetails', { name: 'my-endpoint' }],
    ['getOptimizationInfo', { entityName: 'main.default.my_model-2', entityVersion: '12' }],
    ['getOptimizationInfo', { entityName: 'model', entityVersion: 'v_1-a' }],
    ['deleteEndpoint', { name: 'my-endpoint' }],
    ['startChat', { streamId: uuid, endpoint: 'ep', messages: user }],
    ['startCompletion', { streamId: uuid, endpoint: 'ep', prompt: 'Once' }],
    ['createEmbeddings', { endpoint: 'ep', input: ['a', 'b'] }],
    ['cancelStream', { streamId: uuid }],
  ] as const)('%s takes %j', (method, request) => {
    expect(CONTRACT[method].request.safeParse(request).success).toBe(true);
  });

  it('trims the form fields people type', () => {
    expect(
      CONTRACT.connectWorkspace.request.parse({ name: ' Prod ', host: ' https://a ', token: ' dapi1\n' }),
    ).toEqual({ name: 'Prod', host: 'https://a', token: 'dapi1' });
    expect(
      CONTRACT.connectServicePrincipal.request.parse({
        name: ' SP ',
        host: ' https://a ',
        clientId: ' cid ',
        clientSecret: ' sec ',
      }),
    ).toEqual({ name: 'SP', host: 'https://a', clientId: 'cid', clientSecret: 'sec' });
    expect(
      CONTRACT.connectOpenAiProvider.request.parse({
        name: ' vLLM ',
        baseUrl: ' http://h/v1 ',
        apiKey: ' k ',
      }),
    ).toEqual({ name: 'vLLM', baseUrl: 'http://h/v1', apiKey: 'k' });
    expect(CONTRACT.startOAuthSignIn.request.parse({ name: ' O ', host: ' https://a ' })).toEqual({
      name: 'O',
      host: 'https://a',
    });
  });

  it('fills in empty parameters for a chat and a completion', () => {
    expect(
      CONTRACT.startChat.request.parse({ streamId: uuid, endpoint: 'ep', messages: user }).params,
    ).toEqual({});
    expect(
      CONTRACT.startCompletion.request.parse({ streamId: uuid, endpoint: 'ep', prompt: 'p' }).params,
    ).toEqual({});
  });
});

describe('requests: what each refuses, in words people can act on', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each([
    ['connectWorkspace', { name: '  ', host: 'https://a', token: 't' }, 'Give the workspace a name.'],
    ['connectWorkspace', { name: 'P', host: ' ', token: 't' }, 'Enter the workspace URL.'],
    ['connectWorkspace', { name: 'P', host: 'https://a', token: ' ' }, 'Enter a personal access token.'],
    ['startOAuthSignIn', { name: ' ', host: 'https://a' }, 'Give the workspace a name.'],
    ['startOAuthSignIn', { name: 'O', host: '' }, 'Enter the workspace URL.'],
    [
      'connectServicePrincipal',
      { name: ' ', host: 'h', clientId: 'c', clientSecret: 's' },
      'Give the workspace a name.',
    ],
    [
      'connectServicePrincipal',
      { name: 'S', host: ' ', clientId: 'c', clientSecret: 's' },
      'Enter the workspace URL.',
    ],
    [
      'connectServicePrincipal',
      { name: 'S', host: 'h', clientId: ' ', clientSecret: 's' },
      'Enter the client id.',
    ],
    [
      'connectServicePrincipal',
      { name: 'S', host: 'h', clientId: 'c', clientSecret: ' ' },
      'Enter the client secret.',
    ],
    ['connectOpenAiProvider', { name: ' ', baseUrl: 'http://h' }, 'Give the provider a name.'],
    [
      'connectOpenAiProvider',
      { name: 'v', baseUrl: ' ' },
      'Enter the base URL, e.g. http://localhost:8000/v1.',
    ],
    ['importProfiles', { ids: [] }, 'Pick at least one profile.'],
    ['getEndpoint', { name: '' }, 'Pick an endpoint.'],
    ['getEndpoint', { name: 'a/b' }, 'Endpoint names use letters, digits, ".", "-" and "_" only.'],
    [
      'getOptimizationInfo',
      { entityName: 'a.b.c.d', entityVersion: '1' },
      'A model name looks like catalog.schema.model.',
    ],
    [
      'getOptimizationInfo',
      { entityName: 'a', entityVersion: '1.0' },
      'A model version is letters, digits, "_" or "-".',
    ],
    ['startChat', { streamId: uuid, endpoint: 'ep', messages: [] }, 'Write a message first.'],
    ['startChat', { streamId: 'nope', endpoint: 'ep', messages: user }, 'A stream id is a UUID.'],
    ['startCompletion', { streamId: uuid, endpoint: 'ep', prompt: '' }, 'Write a prompt first.'],
    ['createEmbeddings', { endpoint: 'ep', input: [] }, 'Add at least one text.'],
    ['cancelStream', { streamId: 'x' }, 'A stream id is a UUID.'],
  ] as const)('%s refuses %j: %s', (method, request, words) => {
    expect(messageOf(CONTRACT[method].request, request)).toBe(words);
  });

  it.each([
    ['getAppInfo', {}],
    ['listWorkspaces', { x: 1 }],
    ['connectWorkspace', { name: long(101), host: 'h', token: 't' }],
    ['connectWorkspace', { name: 'n', host: long(2049), token: 't' }],
    ['connectWorkspace', { name: 'n', host: 'h', token: long(4097) }],
    ['connectWorkspace', {}],
    ['startOAuthSignIn', { name: long(101), host: 'h' }],
    ['startOAuthSignIn', { name: 'n', host: long(2049) }],
    ['startOAuthSignIn', { name: 'n', host: 'h', profileId: '' }],
    ['startOAuthSignIn', { name: 'n', host: 'h', profileId: long(101) }],
    ['finishOAuthSignIn', { flowId: '' }],
    ['finishOAuthSignIn', { flowId: long(101) }],
    ['finishOAuthSignIn', {}],
    ['cancelOAuthSignIn', { flowId: '' }],
    ['cancelOAuthSignIn', { flowId: long(101) }],
    ['cancelOAuthSignIn', {}],
    ['signOut', {}],
    ['signOut', { id: '' }],
    ['connectServicePrincipal', { name: long(101), host: 'h', clientId: 'c', clientSecret: 's' }],
    ['connectServicePrincipal', { name: 'n', host: long(2049), clientId: 'c', clientSecret: 's' }],
    ['connectServicePrincipal', { name: 'n', host: 'h', clientId: long(257), clientSecret: 's' }],
    ['connectServicePrincipal', { name: 'n', host: 'h', clientId: 'c', clientSecret: long(4097) }],
    ['connectServicePrincipal', {}],
    ['connectOpenAiProvider', { name: long(101), baseUrl: 'h' }],
    ['connectOpenAiProvider', { name: 'n', baseUrl: long(2049) }],
    ['connectOpenAiProvider', { name: 'n', baseUrl: 'h', apiKey: long(4097) }],
    ['connectOpenAiProvider', {}],
    ['importProfiles', { ids: [''] }],
    ['importProfiles', { ids: [long(201)] }],
    ['importProfiles', { ids: Array.from({ length: 101 }, (_, i) => `p${i}`) }],
    ['importProfiles', {}],
    ['checkWorkspaceHealth', {}],
    ['selectWorkspace', { id: long(101) }],
    ['selectWorkspace', {}],
    ['removeWorkspace', {}],
    ['setSecret', { profileId: 'p1', secret: '' }],
    ['setSecret', { profileId: 'p1', secret: long(4097) }],
    ['setSecret', { profileId: 'p1' }],
    ['removeSecret', {}],
    ['getSecretStatus', {}],
    ['getEndpoint', { name: long(257) }],
    ['getEndpoint', {}],
    ['getEndpointDetails', { name: '../x' }],
    ['getEndpointDetails', {}],
    ['getOptimizationInfo', { entityName: '..', entityVersion: '1' }],
    ['getOptimizationInfo', { entityName: 'a..b', entityVersion: '1' }],
    ['getOptimizationInfo', { entityName: 'a.', entityVersion: '1' }],
    ['getOptimizationInfo', { entityName: '.a', entityVersion: '1' }],
    ['getOptimizationInfo', { entityName: 'a/b', entityVersion: '1' }],
    ['getOptimizationInfo', { entityName: 'a\nb', entityVersion: '1' }],
    ['getOptimizationInfo', { entityName: long(513), entityVersion: '1' }],
    ['getOptimizationInfo', { entityName: 'a', entityVersion: '' }],
    ['getOptimizationInfo', { entityName: 'a', entityVersion: '..' }],
    ['getOptimizationInfo', { entityName: 'a', entityVersion: '1\n' }],
    ['getOptimizationInfo', { entityName: 'a', entityVersion: long(65) }],
    [
      'updateProvisionedEndpoint',
      { name: '../x', min_provisioned_throughput: 0, max_provisioned_throughput: 100 },
    ],
    ['deleteEndpoint', {}],
    ['startChat', { streamId: uuid, endpoint: '-x', messages: user }],
    ['startCompletion', { streamId: uuid, endpoint: 'ep', prompt: long(16 * 1024 * 1024 + 1) }],
    ['startCompletion', { streamId: 'x', endpoint: 'ep', prompt: 'p' }],
    ['startCompletion', { streamId: uuid, endpoint: '', prompt: 'p' }],
    ['createEmbeddings', { endpoint: 'ep', input: [long(200_001)] }],
    ['createEmbeddings', { endpoint: 'ep', input: Array.from({ length: 151 }, () => 'a') }],
    ['createEmbeddings', { endpoint: '../x', input: ['a'] }],
    ['cancelStream', {}],
  ] as const)('%s refuses %j', (method, request) => {
    expect(CONTRACT[method].request.safeParse(request).success).toBe(false);
  });

  it('takes each length limit at the limit itself', () => {
    const x = long;
    expect(
      CONTRACT.connectWorkspace.request.safeParse({ name: x(100), host: x(2048), token: x(4096) }).success,
    ).toBe(true);
    expect(
      CONTRACT.connectServicePrincipal.request.safeParse({
        name: x(100),
        host: x(2048),
        clientId: x(256),
        clientSecret: x(4096),
      }).success,
    ).toBe(true);
    expect(
      CONTRACT.importProfiles.request.safeParse({ ids: Array.from({ length: 100 }, () => x(200)) }).success,
    ).toBe(true);
    expect(CONTRACT.getEndpoint.request.safeParse({ name: x(256) }).success).toBe(true);
    expect(CONTRACT.setSecret.request.safeParse({ profileId: x(100), secret: x(4096) }).success).toBe(true);
    expect(CONTRACT.finishOAuthSignIn.request.safeParse({ flowId: x(100) }).success).toBe(true);
    expect(
      CONTRACT.createEmbeddings.request.safeParse({
        endpoint: 'ep',
        input: Array.from({ length: 150 }, () => 'a'),
      }).success,
    ).toBe(true);
  });
});

describe('images in a chat request', () => {
  const PREFIX = 'data:image/png;base64,';
  const LARGEST = { url: PREFIX + 'A'.repeat(MAX_IMAGE_URL_CHARS - PREFIX.length) };
  const chatWith = (imagesPerMessage: number[]) => ({
    streamId: uuid,
    endpoint: 'ep',
    messages: imagesPerMessage.map((count) => ({
      role: 'user',
      content: 'What is this?',
      images: Array.from({ length: count }, () => LARGEST),
    })),
  });

  it('takes images up to what one request may carry, over the whole history', () => {
    expect(CONTRACT.startChat.request.safeParse(chatWith([4, 3])).success).toBe(true);
  });

  it('refuses images past that, on messages, with words that say why', () => {
    const parsed = CONTRACT.startChat.request.safeParse(chatWith([4, 4]));
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['messages']]);
    expect(parsed.error?.issues[0]?.message).toMatch(
      /^The images in this conversation add up to 53\.\d MB once encoded; one request can carry at most 50 MB/,
    );
  });
});

describe('responses: the shape each must have', () => {
  it.each([
    ['getAppInfo', { version: '1.0.0', mode: 'browser' }, { version: '1.0.0', mode: 'web' }],
    ['getAppInfo', { version: '1.0.0', mode: 'electron' }, { mode: 'electron' }],
    [
      'listWorkspaces',
      { workspaces: [summary], currentId: null, keychainAvailable: true },
      { workspaces: [summary], currentId: null },
    ],
    [
      'listWorkspaces',
      { workspaces: [], currentId: 'p1', keychainAvailable: false },
      { currentId: 'p1', keychainAvailable: false },
    ],
    [
      'listWorkspaces',
      { workspaces: [], currentId: 'p1', keychainAvailable: false },
      { workspaces: [], keychainAvailable: false },
    ],
    ['startOAuthSignIn', { flowId: 'f', authorizationUrl: 'https://a/auth' }, { flowId: 'f' }],
    [
      'startOAuthSignIn',
      { flowId: 'f', authorizationUrl: 'https://a/auth' },
      { authorizationUrl: 'https://a/auth' },
    ],
    ['cancelOAuthSignIn', { cancelled: true }, {}],
    ['listImportableProfiles', { configPath: '/home/a/.databrickscfg', profiles: [] }, { profiles: [] }],
    ['listImportableProfiles', { configPath: '/home/a/.databrickscfg', profiles: [] }, { configPath: '/x' }],
    ['removeWorkspace', { removed: false }, {}],
    ['setSecret', { hasSecret: true }, {}],
    ['removeSecret', { hasSecret: false }, {}],
    ['getSecretStatus', { hasSecret: true, keychainAvailable: false }, { hasSecret: true }],
    ['getSecretStatus', { hasSecret: true, keychainAvailable: false }, { keychainAvailable: false }],
    ['listEndpoints', { endpoints: [] }, {}],
    ['getEndpointDetails', null, { raw: {} }],
    ['deleteEndpoint', { deleted: true }, {}],
    ['startChat', { streamId: uuid }, {}],
    ['startCompletion', { streamId: uuid }, { streamId: 'x' }],
    ['cancelStream', { cancelled: false }, {}],
  ] as const)('%s', (method, good, bad) => {
    if (good !== null) expect(CONTRACT[method].response.safeParse(good).success).toBe(true);
    expect(CONTRACT[method].response.safeParse(bad).success).toBe(false);
  });
});

describe('packed embeddings', () => {
  const packed = (count: number, dim: number, vectors: string) => ({
    model: 'bge',
    count,
    dim,
    vectors,
    usage: null,
    metrics: {
      startedAt: 1,
      firstByteMs: null,
      ttftMs: null,
      totalMs: 5,
      tokensPerSec: null,
      promptTokens: null,
      completionTokens: null,
      usageReported: false,
      retries: 0,
    },
  });
  const base64Of = (bytes: number) => Buffer.alloc(bytes).toString('base64');

  it('takes vectors whose length fits count × dim float32 numbers', () => {
    for (const [count, dim] of [
      [0, 0],
      [1, 1],
      [2, 3],
      [150, 1024],
    ] as const) {
      const parsed = CONTRACT.createEmbeddings.response.safeParse(
        packed(count, dim, base64Of(count * dim * 4)),
      );
      expect(parsed.error?.issues ?? [], `${count} × ${dim}`).toEqual([]);
    }
  });

  it.each([
    ['one number short', packed(2, 3, base64Of(20))],
    ['one number too many', packed(2, 3, base64Of(28))],
  ])('refuses %s, on vectors, saying why', (_why, value) => {
    const parsed = CONTRACT.createEmbeddings.response.safeParse(value);
    expect(parsed.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['vectors'], 'The packed vectors do not hold count × dim numbers.'],
    ]);
  });

  it.each([
    ['more than 150 vectors', packed(151, 1, base64Of(151 * 4))],
    ['more than 65,536 dimensions', packed(1, 65_537, base64Of(65_537 * 4))],
    ['a fractional count', packed(1.5, 2, base64Of(12))],
    ['a negative dimension', packed(1, -1, '')],
    ['vectors that are not base64', packed(1, 1, '!!!!!!!!')],
  ])('refuses %s', (_why, value) => {
    expect(CONTRACT.createEmbeddings.response.safeParse(value).success).toBe(false);
  });
});
