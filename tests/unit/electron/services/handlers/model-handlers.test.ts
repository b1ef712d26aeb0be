import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modelHandlers, packEmbeddings } from '../../../../../electron/services/handlers/model-handlers';
import type { Context } from '../../../../../electron/services/services-context';
import type { WorkspaceProfiles } from '../../../../../electron/services/storage/workspace-profiles';
import { createStreamRegistry } from '../../../../../electron/services/streams/stream-registry';
import { createStudioServices, type StudioServices } from '../../../../../electron/services/studio-services';
import type { SecretStore, Session } from '../../../../../electron/services/types';
import { packedEmbeddingsSchema } from '../../../../../shared/contract';
import type { EmbeddingResult, GenerationParams, WorkspaceProfile } from '../../../../../shared/domain';
import { StudioFailure } from '../../../../../shared/errors';
import { isTerminalEvent, type StreamEvent } from '../../../../../shared/stream-events';

const metrics = {
  startedAt: 0,
  firstByteMs: 1,
  ttftMs: null,
  totalMs: 2,
  tokensPerSec: null,
  promptTokens: 2,
  completionTokens: 0,
  usageReported: false,
  retries: 0,
};
const result = (vectors: number[][]): EmbeddingResult => ({ model: 'm', vectors, usage: null, metrics });

/** The packed vectors back as numbers, the way the page reads them. */
const unpack = (base64: string) =>
  Array.from(new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer));

describe('packEmbeddings', () => {
  it('packs every vector as float32 bytes in one base64 string the contract accepts', () => {
    const packed = packEmbeddings(
      result([
        [0.5, -1, 2],
        [3, 0, -0.25],
      ]),
      'e',
    );
    expect(packed).toMatchObject({ model: 'm', count: 2, dim: 3, usage: null, metrics });
    expect(unpack(packed.vectors)).toEqual([0.5, -1, 2, 3, 0, -0.25]);
    expect(packedEmbeddingsSchema.safeParse(packed).success).toBe(true);
  });

  it('packs an empty answer', () => {
    const packed = packEmbeddings(result([]), 'e');
    expect(packed).toMatchObject({ count: 0, dim: 0, vectors: '' });
    expect(packedEmbeddingsSchema.safeParse(packed).success).toBe(true);
  });

  it('refuses vectors of different sizes, and numbers a float32 cannot hold', () => {
    const sizes = () => packEmbeddings(result([[1, 2], [3]]), 'e');
    expect(sizes).toThrow(StudioFailure);
    expect(sizes).toThrow(/different sizes/);
    expect(() => packEmbeddings(result([[1e39]]), 'e')).toThrow(/out of range/);
  });
});

describe('packedEmbeddingsSchema', () => {
  const valid = packEmbeddings(result([[1, 2, 3, 4]]), 'e');
  it('checks that the bytes hold count × dim numbers', () => {
    expect(packedEmbeddingsSchema.safeParse({ ...valid, dim: 5 }).success).toBe(false);
    expect(packedEmbeddingsSchema.safeParse({ ...valid, count: 2 }).success).toBe(false);
  });
  it('accepts base64 only', () => {
    expect(
      packedEmbeddingsSchema.safeParse({ ...valid, vectors: `${valid.vectors.slice(1)}!` }).success,
    ).toBe(false);
  });
});

describe('startChat: validation with the model’s capabilities, and the learned protocol', () => {
  const HOST = 'https://ws.example.com';
  const LIST = {
    endpoints: [
      { name: 'databricks-dbrx-instruct', task: 'llm/v1/chat' },
      { name: 'databricks-claude-sonnet-4-6', task: 'llm/v1/chat' },
      { name: 'databricks-claude-next', task: 'llm/v1/chat' },
    ],
  };

  /** Handlers over a context whose current workspace answers through a fetch double. */
  function setup(stream: () => Response) {
    const sent: string[] = [];
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      sent.push(`${init?.method ?? 'GET'} ${String(url).slice(HOST.length)}`);
      if (!init?.body)
        return new Response(JSON.stringify(LIST), { headers: { 'content-type': 'application/json' } });
      return stream();
    };
    const profile: WorkspaceProfile = { id: 'p', name: 'W', host: HOST, authKind: 'pat', createdAt: 0 };
    const ctx = {
      options: { clientOptions: { fetch: fetch as typeof globalThis.fetch, sleep: async () => {} } },
      secrets: { get: async () => 'dapi-x' } as unknown as SecretStore,
      profiles: { getCurrent: async () => profile } as unknown as WorkspaceProfiles,
      registry: createStreamRegistry(),
      clients: new Map(),
      health: new Map(),
      demo: null,
    } satisfies Context;
    const events: StreamEvent[] = [];
    const session: Session = { id: 's', emit: (e) => events.push(e) };
    return { handlers: modelHandlers(ctx), ctx, sent, events, session };
  }

  const chat = (endpoint: string, params: GenerationParams) => ({
    streamId: randomUUID(),
    endpoint,
    messages: [{ role: 'user' as const, content: 'Hi' }],
    params,
  });
  const ended = async (events: StreamEvent[]) => {
    for (let i = 0; i < 100 && !events.some(isTerminalEvent); i++) await new Promise((r) => setTimeout(r, 5));
    return events.at(-1);
  };

  it("retries a chat's 429 in the host, and returns one at once for a request that opts out", async () => {
    const limited = () =>
      new Response(JSON.stringify({ error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'QPS' }), {
        status: 429,
        headers: { 'retry-after': '1' },
      });
    const ok = () =>
      new Response(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'ok' } }] })}\n\n`, {
        headers: { 'content-type': 'text/event-stream' },
      });
    const answers = [limited, ok, limited, ok];
    const { handlers, session, events, sent } = setup(() => answers.shift()!());
    await handlers.listEndpoints();
    await handlers.startChat(chat('databricks-dbrx-instruct', {}), session);
    expect(await ended(events)).toMatchObject({ type: 'done' });
    expect(events.some((e) => e.type === 'retry')).toBe(true);
    expect(sent).toHaveLength(3);

    events.length = 0;
    await handlers.startChat({ ...chat('databricks-dbrx-instruct', {}), retryRateLimited: false }, session);
    expect(await ended(events)).toMatchObject({
      type: 'error',
      error: { code: 'RATE_LIMITED', retryAfterSec: 1 },
    });
    expect(events.some((e) => e.type === 'retry')).toBe(false);
    expect(sent).toHaveLength(4);
  });

  it('refuses reasoning settings the model does not take, with the reason, before any request', async () => {
    const { handlers, sent, session } = setup(() => new Response(''));
    await handlers.listEndpoints();
    const effort = handlers.startChat(
      chat('databricks-dbrx-instruct', { reasoning_effort: 'high' }),
      session,
    );
    await expect(effort).rejects.toThrow(/DBRX models take no reasoning effort/);
    const budget = handlers.startChat(
      chat('databricks-claude-sonnet-4-6', { max_tokens: 2000, thinking_budget: 500 }),
      session,
    );
    await expect(budget).rejects.toThrow(/at least 1024/);
    expect(sent).toEqual(['GET /api/2.0/serving-endpoints']);
  });

  it('after a fallback, validates against the Responses API and lists the endpoint as responses', async () => {
    const answers = [
      () =>
        new Response(
          JSON.stringify({ error_code: 'BAD_REQUEST', message: 'Use the Responses API for this model.' }),
          {
            status: 400,
          },
        ),
      () =>
        new Response(
          `data: ${JSON.stringify({ type: 'response.output_text.delta', item_id: 'm', delta: 'ok' })}\n\n`,
          {
            headers: { 'content-type': 'text/event-stream' },
          },
        ),
    ];
    const { handlers, session, events, sent } = setup(() => answers.shift()!());
    await handlers.listEndpoints();
    await handlers.startChat(chat('databricks-claude-next', { max_tokens: 50 }), session);
    expect(await ended(events)).toMatchObject({ type: 'done' });
    expect(sent.slice(1)).toEqual([
      'POST /serving-endpoints/databricks-claude-next/invocations',
      'POST /serving-endpoints/responses',
    ]);
    await expect(handlers.startChat(chat('databricks-claude-next', { top_k: 3 }), session)).rejects.toThrow(
      /Responses API, which has no top_k/,
    );
    const { endpoints } = await handlers.listEndpoints();
    expect(endpoints.find((e) => e.name === 'databricks-claude-next')?.protocol).toBe('responses');
  });

  const PNG = 'data:image/png;base64,iVBORw0KGgo=';
  const withImage = (endpoint: string) => ({
    ...chat(endpoint, {}),
    messages: [{ role: 'user' as const, content: 'What is this?', images: [{ url: PNG }] }],
  });
  const weather = {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  };

  it('refuses images to a text-only model, with the reason, before any request', async () => {
    const { handlers, sent, session } = setup(() => new Response(''));
    await handlers.listEndpoints();
    const refused = handlers.startChat(withImage('databricks-dbrx-instruct'), session);
    await expect(refused).rejects.toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^DBRX models are text only: they take no images\. Remove the images/),
      },
    });
    expect(sent).toEqual(['GET /api/2.0/serving-endpoints']);
  });

  it('sends images to a vision model', async () => {
    const { handlers, sent, session, events } = setup(
      () =>
        new Response(
          `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'A cat.' } }] })}\n\n`,
          {
            headers: { 'content-type': 'text/event-stream' },
          },
        ),
    );
    await handlers.listEndpoints();
    await handlers.startChat(withImage('databricks-claude-sonnet-4-6'), session);
    expect(await ended(events)).toMatchObject({ type: 'done' });
    expect(sent.slice(1)).toEqual(['POST /serving-endpoints/databricks-claude-sonnet-4-6/invocations']);
  });

  it('refuses tools and response formats to a model that takes none, the same way as other parameters', async () => {
    const { handlers, sent, session } = setup(() => new Response(''));
    await handlers.listEndpoints();
    const tools = handlers.startChat(chat('databricks-dbrx-instruct', { tools: [weather] }), session);
    await expect(tools).rejects.toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^Check the parameters: .*DBRX models take no tools/),
      },
    });
    const format = handlers.startChat(
      chat('databricks-dbrx-instruct', { response_format: { type: 'json_object' } }),
      session,
    );
    await expect(format).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/DBRX models take no response format/) },
    });
    const strict = handlers.startChat(
      chat('databricks-claude-sonnet-4-6', { tools: [{ ...weather, strict: true }] }),
      session,
    );
    await expect(strict).rejects.toThrow(/Claude models refuse "strict" in tool schemas/);
    expect(sent).toEqual(['GET /api/2.0/serving-endpoints']);
  });
});

/*
 * A request to an endpoint the workspace no longer lists goes out anyway, so the user reads
 * the server's own answer (a retired model's 404) instead of a "not found" from a lookup.
 */
describe('startChat × an endpoint the workspace does not list', () => {
  const RETIRED = 'databricks-dbrx-instruct-retired';
  const RETIRED_STREAM = randomUUID();
  const SAID = `The endpoint ${RETIRED} has been retired. Please use another model.`;
  let dir: string;
  let services: StudioServices;
  let events: StreamEvent[];
  const session: Session = { id: 'w1', emit: (event) => events.push(event) };
  const call = (channel: string, payload?: unknown) => services.router.handle(channel, payload, session);

  beforeEach(async () => {
    events = [];
    dir = await mkdtemp(path.join(tmpdir(), 'studio-models-'));
    const noSecrets: SecretStore = {
      isAvailable: async () => true,
      set: async () => {},
      get: async () => null,
      remove: async () => {},
      has: async () => false,
    };
    services = await createStudioServices({
      userDataDir: dir,
      mode: 'browser',
      version: '0',
      secretStore: noSecrets,
    });
    const used = await call('workspaces:use-demo');
    if (!used.ok) throw new Error(used.error.message);
    const host = (used.value as { host: string }).host;
    const patch = {
      ttftMs: 0,
      faults: [
        {
          type: 'http-error',
          status: 404,
          errorCode: 'RESOURCE_DOES_NOT_EXIST',
          message: SAID,
          endpoint: RETIRED,
        },
      ],
    };
    const res = await fetch(`${host}/__demo/config`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
    expect(res.status).toBe(200);
  });
  afterEach(async () => {
    await services.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  async function ending(streamId: string): Promise<StreamEvent> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const end = events.find((e) => e.streamId === streamId && isTerminalEvent(e));
      if (end) return end;
      if (Date.now() > deadline) throw new Error('the stream never ended');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("ends with the invocation's retired 404, in the server's words", async () => {
    const started = await call('chat:start', {
      streamId: RETIRED_STREAM,
      endpoint: RETIRED,
      messages: [{ role: 'user', content: 'Hello' }],
      params: {},
    });
    expect(started).toMatchObject({ ok: true });
    const end = await ending(RETIRED_STREAM);
    expect(end).toMatchObject({
      type: 'error',
      partial: false,
      error: { code: 'NOT_FOUND', retired: true, status: 404, serverMessage: SAID },
    });
  });

  it('still refuses parameters outside the chat limits without the metadata', async () => {
    const started = await call('chat:start', {
      streamId: randomUUID(),
      endpoint: RETIRED,
      messages: [{ role: 'user', content: 'Hello' }],
      params: { temperature: 5 },
    });
    expect(started).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
