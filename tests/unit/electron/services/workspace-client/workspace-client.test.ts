import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenerationSink } from '../../../../../electron/services/types';
import {
  createWorkspaceClient,
  type WorkspaceClientOptions,
} from '../../../../../electron/services/workspace-client/workspace-client';
import { StudioFailure } from '../../../../../shared/errors';

const TOKEN = 'dapi-test-token-0123456789';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}
type Handler = (req: Recorded, res: ServerResponse) => unknown;

let server: Server;
let host: string;
let handlers: Handler[];
let requests: Recorded[];
let sleeps: number[];

beforeEach(async () => {
  handlers = [];
  requests = [];
  sleeps = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(recorded);
      // The last handler repeats, so "always 503" is one handler.
      const handler = handlers.length > 1 ? handlers.shift()! : handlers[0];
      if (!handler) return void res.writeHead(500).end();
      void handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(options: WorkspaceClientOptions = {}) {
  return createWorkspaceClient(
    { host, getToken: async () => TOKEN },
    {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    },
  );
}

/** A sink that records every call in order. */
function recordingSink(onDelta?: (text: string) => void) {
  const events: unknown[][] = [];
  const sink: GenerationSink = {
    start: (model) => events.push(['start', model]),
    delta: (index, text) => {
      events.push(['delta', index, text]);
      onDelta?.(text);
    },
    reasoning: (index, piece) => events.push(['reasoning', index, piece]),
    item: (index, item) => events.push(['item', index, item]),
    retry: (attempt, delayMs, reason) => events.push(['retry', attempt, delayMs, reason.code]),
    usage: (usage) => events.push(['usage', usage]),
  };
  const text = (index = 0) =>
    events
      .filter((e) => e[0] === 'delta' && e[1] === index)
      .map((e) => e[2])
      .join('');
  return { events, sink, text };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Streams `data:` events one by one with a small gap, then [DONE]. */
const sse =
  (events: unknown[], headers: Record<string, string> = {}, done = true): Handler =>
  async (_req, res) => {
    res.writeHead(200, { ...sseHeaders, ...headers });
    for (const e of events) {
      res.write(`data: ${JSON.stringify(e)}\n\n`);
      await wait(5);
    }
    if (done) res.write('data: [DONE]\n\n');
    res.end();
  };

const chatChunk = (content: string | null, finish: string | null = null, index = 0) => ({
  object: 'chat.completion.chunk',
  model: 'meta-llama-3.1-70b-instruct-072424',
  choices: [{ index, delta: content === null ? {} : { content }, finish_reason: finish }],
});
const usage = { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 };
const dbError = (error_code: string, message: string) => ({ error_code, message });

const chatRequest = {
  endpoint: 'databricks-meta-llama-3-1-70b-instruct',
  messages: [
    { role: 'system' as const, content: 'You are helpful.' },
    { role: 'user' as const, content: 'Hello!' },
  ],
  params: { max_tokens: 500, temperature: 0.7 },
};

describe('endpoints', () => {
  it('lists endpoints with the bearer token and normalises them', async () => {
    handlers.push(
      json(200, {
        endpoints: [
          {
            name: 'databricks-gte-large-en',
            task: 'llm/v1/embeddings',
            config: { served_entities: [{ foundation_model: { name: 'gte' } }] },
          },
          { name: 'custom', config: { served_entities: [{ entity_name: 'm', workload_size: 'Small' }] } },
          { task: 'llm/v1/chat' },
        ],
      }),
    );
    const endpoints = await client().listEndpoints();
    expect(endpoints.map((e) => [e.name, e.kind, e.taskKind])).toEqual([
      ['databricks-gte-large-en', 'pay-per-token', 'embeddings'],
      ['custom', 'custom', 'other'],
    ]);
    expect(requests[0]).toMatchObject({ method: 'GET', url: '/api/2.0/serving-endpoints' });
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('treats `{}` as an empty workspace and a non-list as BAD_RESPONSE', async () => {
    handlers.push(json(200, {}), json(200, { endpoints: 'many' }));
    expect(await client().listEndpoints()).toEqual([]);
    await expect(client().listEndpoints()).rejects.toMatchObject({ error: { code: 'BAD_RESPONSE' } });
  });

  it('gets one endpoint with its name URL-encoded', async () => {
    handlers.push(json(200, { name: 'a b/c', state: { ready: 'READY' } }));
    const endpoint = await client().getEndpoint('a b/c');
    expect(requests[0]!.url).toBe('/api/2.0/serving-endpoints/a%20b%2Fc');
    expect(endpoint).toMatchObject({ name: 'a b/c', ready: 'READY' });
  });

  it('throws StudioFailure: 404 naming the endpoint, 401 without the token', async () => {
    handlers.push(
      json(404, dbError('RESOURCE_DOES_NOT_EXIST', 'nope')),
      json(401, dbError('UNAUTHENTICATED', 'bad')),
    );
    const c = client();
    const notFound = await c.getEndpoint('databricks-dbrx-instruct').catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(StudioFailure);
    expect((notFound as StudioFailure).error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect((notFound as StudioFailure).message).toContain('databricks-dbrx-instruct');
    const auth = await c.listEndpoints().catch((e: unknown) => e);
    expect((auth as StudioFailure).error.code).toBe('AUTH');
    expect(JSON.stringify((auth as StudioFailure).error)).not.toContain(TOKEN);
  });

  it('reports a non-JSON 200 as BAD_RESPONSE', async () => {
    handlers.push((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
    );
    await expect(client().listEndpoints()).rejects.toMatchObject({ error: { code: 'BAD_RESPONSE' } });
  });

  it('times out a metadata call whose headers never come (connect timeout)', async () => {
    handlers.push(() => {}); // never answers
    const failure = await client({ timeouts: { connectMs: 150 } })
      .listEndpoints()
      .catch((e: unknown) => e);
    expect((failure as StudioFailure).error.code).toBe('TIMEOUT');
    expect((failure as StudioFailure).message).toMatch(
      /Timed out waiting for an answer from 127\.0\.0\.1:\d+ after 150 ms/,
    );
  });
});

describe('streamChat', () => {
  it('streams deltas, usage on the final chunk, finish reasons and metrics', async () => {
    handlers.push(
      sse([
        {
          ...chatChunk(''),
          choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
        },
        chatChunk('Hello'),
        chatChunk(', wörld 🌍'),
        chatChunk(null, 'stop'),
        { object: 'chat.completion.chunk', choices: [], usage },
      ]),
    );
    const { events, sink, text } = recordingSink();
    const outcome = await client().streamChat(chatRequest, sink, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'done', finishReasons: ['stop'] });
    expect(text()).toBe('Hello, wörld 🌍');
    expect(events[0]).toEqual(['start', 'meta-llama-3.1-70b-instruct-072424']);
    expect(events.at(-1)).toEqual(['usage', { promptTokens: 11, completionTokens: 3, totalTokens: 14 }]);
    if (outcome.status !== 'done') throw new Error('not done');
    expect(outcome.metrics).toMatchObject({
      usageReported: true,
      promptTokens: 11,
      completionTokens: 3,
      retries: 0,
    });
    expect(outcome.metrics.ttftMs).not.toBeNull();
    expect(outcome.metrics.firstByteMs).not.toBeNull();
  });

  it('sends exactly the set params to the native invocations route (unset → absent, never penalties or seed)', async () => {
    handlers.push(sse([chatChunk('ok', 'stop')]));
    const params = {
      max_tokens: 500,
      temperature: 0.7,
      top_p: undefined,
      presence_penalty: 1,
      frequency_penalty: 1,
      seed: 7,
    };
    await client().streamChat({ ...chatRequest, params }, recordingSink().sink, new AbortController().signal);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/serving-endpoints/databricks-meta-llama-3-1-70b-instruct/invocations',
    });
    expect(requests[0]!.body).toEqual({
      messages: chatRequest.messages,
      max_tokens: 500,
      temperature: 0.7,
      stream: true,
    });
    expect(requests[0]!.headers.accept).toBe('text/event-stream');
  });

  it('sends n, stop, top_k and top_p when set', async () => {
    handlers.push(sse([chatChunk('ok', 'stop')]));
    const params = { n: 1, stop: ['END', '###'], top_k: 40, top_p: 0.9 };
    await client().streamChat({ ...chatRequest, params }, recordingSink().sink, new AbortController().signal);
    expect(requests[0]!.body).toEqual({ messages: chatRequest.messages, ...params, stream: true });
  });

  it.each([
    [401, dbError('UNAUTHENTICATED', 'Invalid access token'), 'AUTH'],
    [403, dbError('PERMISSION_DENIED', 'no'), 'PERMISSION'],
    [404, dbError('ENDPOINT_NOT_FOUND', 'no such endpoint'), 'NOT_FOUND'],
    [400, dbError('BAD_REQUEST', 'Input is too long.'), 'CONTEXT_TOO_LONG'],
    [400, dbError('INVALID_PARAMETER_VALUE', 'top_k must be positive'), 'BAD_PARAMETER'],
  ])('HTTP %i → %s outcome, not retried', async (status, body, code) => {
    handlers.push(json(status, body));
    const { events, sink } = recordingSink();
    const outcome = await client().streamChat(chatRequest, sink, new AbortController().signal);
    expect(outcome).toMatchObject({
      status: 'error',
      error: { code: code as string, status },
      partial: false,
    });
    expect(requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('retries a 429 after Retry-After, then succeeds', async () => {
    handlers.push(
      json(429, dbError('REQUEST_LIMIT_EXCEEDED', 'Exceeded workspace QPS rate limit'), {
        'retry-after': '2',
      }),
      sse([chatChunk('Hi', 'stop')]),
    );
    const { events, sink, text } = recordingSink();
    const outcome = await client().streamChat(chatRequest, sink, new AbortController().signal);
    expect(outcome.status).toBe('done');
    expect(text()).toBe('Hi');
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
    expect(events[0]).toEqual(['retry', 1, 2000, 'RATE_LIMITED']);
    expect(outcome.metrics?.retries).toBe(1);
  });

  it('returns a 429 at once, with its Retry-After, when the request opts out of 429 retries', async () => {
    handlers.push(
      json(429, dbError('REQUEST_LIMIT_EXCEEDED', 'Exceeded workspace QPS rate limit'), {
        'retry-after': '1',
      }),
      sse([chatChunk('Hi', 'stop')]),
    );
    const { events, sink } = recordingSink();
    const outcome = await client().streamChat(
      { ...chatRequest, retryRateLimited: false },
      sink,
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'RATE_LIMITED', retryAfterSec: 1 } });
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(events.some((e) => e[0] === 'retry')).toBe(false);
  });

  it('still retries a 503 when the request opts out of 429 retries only', async () => {
    handlers.push(
      json(503, dbError('TEMPORARILY_UNAVAILABLE', 'busy'), { 'retry-after': '1' }),
      sse([chatChunk('Hi', 'stop')]),
    );
    const { sink, text } = recordingSink();
    const outcome = await client().streamChat(
      { ...chatRequest, retryRateLimited: false },
      sink,
      new AbortController().signal,
    );
    expect(outcome.status).toBe('done');
    expect(text()).toBe('Hi');
    expect(requests).toHaveLength(2);
  });

  it('does not retry a 429 whose Retry-After exceeds maxDelayMs; the error keeps retryAfterSec', async () => {
    handlers.push(
      json(429, dbError('REQUEST_LIMIT_EXCEEDED', 'output tokens per minute'), { 'retry-after': '120' }),
    );
    const outcome = await client().streamChat(
      chatRequest,
      recordingSink().sink,
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({
      status: 'error',
      error: { code: 'RATE_LIMITED', limit: 'output-tokens', retryAfterSec: 120 },
    });
    expect(requests).toHaveLength(1);
  });

  it('never retries a 429 that arrives inside the stream after the first token: partial error', async () => {
    handlers.push(
      sse(
        [chatChunk('Partial '), dbError('REQUEST_LIMIT_EXCEEDED', 'Exceeded output tokens per minute')],
        {},
        false,
      ),
    );
    const { events, sink, text } = recordingSink();
    const outcome = await client().streamChat(chatRequest, sink, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'RATE_LIMITED' }, partial: true });
    expect(text()).toBe('Partial ');
    expect(requests).toHaveLength(1);
    expect(events.some((e) => e[0] === 'retry')).toBe(false);
  });

  it('never retries a connection lost after the first token: partial NETWORK error', async () => {
    let socket: ServerResponse['socket'] = null;
    handlers.push((_req, res) => {
      res.writeHead(200, sseHeaders);
      res.write(`data: ${JSON.stringify(chatChunk('Half'))}\n\n`);
      socket = res.socket;
    });
    // Cut the connection only once the client has seen the token, so the test is not a race.
    const { sink, text } = recordingSink(() => socket?.destroy());
    const outcome = await client().streamChat(chatRequest, sink, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'NETWORK' }, partial: true });
    expect(text()).toBe('Half');
    expect(requests).toHaveLength(1);
  });

  it('bounds 503 retries by maxAttempts with exponential waits', async () => {
    handlers.push(json(503, dbError('TEMPORARILY_UNAVAILABLE', 'scaling up')));
    const { events, sink } = recordingSink();
    const outcome = await client().streamChat(chatRequest, sink, new AbortController().signal);
    expect(outcome).toMatchObject({
      status: 'error',
      error: { code: 'UNAVAILABLE', status: 503 },
      partial: false,
    });
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(events.map((e) => e.slice(0, 3))).toEqual([
      ['retry', 1, 1000],
      ['retry', 2, 2000],
      ['retry', 3, 4000],
    ]);
    expect(outcome.metrics?.retries).toBe(3);
  });

  it('caps the exponential wait at maxDelayMs', async () => {
    handlers.push(json(503, {}));
    await client({ retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 3000 } }).streamChat(
      chatRequest,
      recordingSink().sink,
      new AbortController().signal,
    );
    expect(sleeps).toEqual([1000, 2000, 3000, 3000]);
  });

  it('connection refused → NETWORK naming the host, after bounded retries', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const c = createWorkspaceClient(
      { host: `http://127.0.0.1:${port}`, getToken: async () => TOKEN },
      { sleep: async (ms) => void sleeps.push(ms), retry: { maxAttempts: 2 } },
    );
    const { events, sink } = recordingSink();
    const outcome = await c.streamChat(chatRequest, sink, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'NETWORK' }, partial: false });
    if (outcome.status !== 'error') throw new Error('expected error');
    expect(outcome.error.message).toContain(`127.0.0.1:${port}`);
    expect(events).toEqual([['retry', 1, 1000, 'NETWORK']]);
  });

  it('idle timeout between chunks → TIMEOUT (partial), naming the idle wait', async () => {
    handlers.push((_req, res) => {
      res.writeHead(200, sseHeaders);
      res.write(`data: ${JSON.stringify(chatChunk('Start'))}\n\n`); // then silence
    });
    const { sink, text } = recordingSink();
    const outcome = await client({ timeouts: { idleMs: 200 } }).streamChat(
      chatRequest,
      sink,
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'TIMEOUT' }, partial: true });
    if (outcome.status !== 'error') throw new Error('expected error');
    expect(outcome.error.message).toMatch(/more of the response/);
    expect(text()).toBe('Start');
  });

  it('first-byte timeout: headers arrive but no body → TIMEOUT naming the first response', async () => {
    handlers.push((_req, res) => {
      res.writeHead(200, sseHeaders);
      res.flushHeaders();
    });
    const outcome = await client({ timeouts: { firstByteMs: 200 } }).streamChat(
      chatRequest,
      recordingSink().sink,
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'TIMEOUT' }, partial: false });
    if (outcome.status !== 'error') throw new Error('expected error');
    expect(outcome.error.message).toMatch(/first response/);
    expect(requests).toHaveLength(1);
  });

  it('abort mid-stream → aborted, with the partial text delivered', async () => {
    const controller = new AbortController();
    // The server never ends this stream on its own: only the abort can end the read.
    let serverEnded = false;
    let endServer = () => {};
    handlers.push(async (_req, res) => {
      res.writeHead(200, sseHeaders);
      res.write(`data: ${JSON.stringify(chatChunk('Once upon'))}\n\n`);
      await new Promise<void>((resolve) => {
        endServer = resolve;
      });
      serverEnded = true;
      res.end();
    });
    const { sink, text } = recordingSink(() => controller.abort());
    const outcome = await client().streamChat(chatRequest, sink, controller.signal);
    expect(outcome.status).toBe('aborted');
    expect(serverEnded).toBe(false);
    expect(text()).toBe('Once upon');
    expect(outcome.metrics?.ttftMs).not.toBeNull();
    endServer();
  });

  it('abort during a retry wait → aborted at once, the wait cancelled (the real sleep)', async () => {
    handlers.push(json(429, dbError('REQUEST_LIMIT_EXCEEDED', 'QPS')));
    const controller = new AbortController();
    const c = createWorkspaceClient(
      { host, getToken: async () => TOKEN },
      { retry: { baseDelayMs: 10_000 } },
    );
    const { events, sink } = recordingSink();
    sink.retry = (...args) => {
      events.push(['retry', ...args]);
      // From here on the clock is fake and never moves: only the abort can end the 10 s wait.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      queueMicrotask(() => controller.abort());
    };
    try {
      const outcome = await c.streamChat(chatRequest, sink, controller.signal);
      expect(outcome.status).toBe('aborted');
      expect(events.filter((e) => e[0] === 'retry').map((e) => e.slice(0, 3))).toEqual([
        ['retry', 1, 10_000],
      ]);
      // The cancelled wait left no timer behind to keep the process busy.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(requests).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await client().streamChat(chatRequest, recordingSink().sink, controller.signal);
    expect(outcome.status).toBe('aborted');
    expect(requests).toHaveLength(0);
  });

  it('estimates usage when the server sends none', async () => {
    handlers.push(sse([chatChunk('abcdefgh'), chatChunk(null, 'length')]));
    const outcome = await client().streamChat(
      chatRequest,
      recordingSink().sink,
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ status: 'done', finishReasons: ['length'] });
    expect(outcome.metrics).toMatchObject({ usageReported: false, completionTokens: 2 });
  });

  it('accepts a whole JSON answer when a model ignores stream:true', async () => {
    handlers.push(
      json(200, {
        model: 'custom-1',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Whole' }, finish_reason: 'stop' }],
        usage,
      }),
    );
    const { events, sink, text } = recordingSink();
    const outcome = await client().streamChat(chatRequest, sink, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'done', finishReasons: ['stop'] });
    expect(text()).toBe('Whole');
    expect(events[0]).toEqual(['start', 'custom-1']);
  });

  it('maps a token that cannot be read to NOT_CONFIGURED', async () => {
    const c = createWorkspaceClient({ host, getToken: () => Promise.reject(new Error('locked')) });
    const outcome = await c.streamChat(chatRequest, recordingSink().sink, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'NOT_CONFIGURED' } });
  });
});

describe('streamCompletion', () => {
  it('streams text per choice index with the served-model-name header as the model', async () => {
    const chunk = (index: number, text: string, finish: string | null = null) => ({
      object: 'text_completion',
      choices: [{ index, text, finish_reason: finish }],
      usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
    });
    handlers.push(
      sse([chunk(0, 'def fib'), chunk(1, 'def f'), chunk(0, '(n):', 'stop'), chunk(1, '(x):', 'length')], {
        'served-model-name': 'dbrx-instruct-v2',
      }),
    );
    const { events, sink, text } = recordingSink();
    const request = {
      endpoint: 'my-completions',
      prompt: 'Complete this code:\ndef fibonacci(n):',
      params: { max_tokens: 200, temperature: 0 },
    };
    const outcome = await client().streamCompletion(request, sink, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'done', finishReasons: ['stop', 'length'] });
    expect(text(0)).toBe('def fib(n):');
    expect(text(1)).toBe('def f(x):');
    expect(events[0]).toEqual(['start', 'dbrx-instruct-v2']);
    expect(events.filter((e) => e[0] === 'usage')).toHaveLength(4);
    expect(requests[0]!.body).toEqual({
      prompt: request.prompt,
      max_tokens: 200,
      temperature: 0,
      stream: true,
    });
  });
});

describe('createEmbeddings', () => {
  it('posts the input and returns vectors in index order with usage', async () => {
    handlers.push(
      json(200, {
        object: 'list',
        model: 'gte-large-en-v1.5',
        data: [
          { index: 1, object: 'embedding', embedding: [0.3, 0.4] },
          { index: 0, object: 'embedding', embedding: [0.1, 0.2] },
        ],
        usage: { prompt_tokens: 6, total_tokens: 6 },
      }),
    );
    const result = await client().createEmbeddings({
      endpoint: 'databricks-gte-large-en',
      input: ['Hello world', 'How are you?'],
    });
    expect(requests[0]).toMatchObject({
      url: '/serving-endpoints/databricks-gte-large-en/invocations',
      body: { input: ['Hello world', 'How are you?'] },
    });
    expect(result).toMatchObject({
      model: 'gte-large-en-v1.5',
      vectors: [
        [0.1, 0.2],
        [0.3, 0.4],
      ],
      usage: { promptTokens: 6, completionTokens: 0, totalTokens: 6 },
    });
    expect(result.metrics).toMatchObject({ usageReported: true, promptTokens: 6, retries: 0 });
  });

  it('throws BAD_RESPONSE for a wrong number of vectors and NOT_FOUND for an unknown endpoint', async () => {
    handlers.push(
      json(200, { data: [{ index: 0, embedding: [1] }] }),
      json(404, dbError('RESOURCE_DOES_NOT_EXIST', 'x')),
    );
    const c = client();
    await expect(c.createEmbeddings({ endpoint: 'e', input: ['a', 'b'] })).rejects.toMatchObject({
      error: { code: 'BAD_RESPONSE' },
    });
    await expect(c.createEmbeddings({ endpoint: 'e', input: ['a'] })).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('retries a 503 before succeeding', async () => {
    handlers.push(json(503, dbError('TEMPORARILY_UNAVAILABLE', 'x')), json(200, { predictions: [[1, 2]] }));
    const result = await client().createEmbeddings({ endpoint: 'custom-embedder', input: ['a'] });
    expect(result.vectors).toEqual([[1, 2]]);
    expect(result.metrics).toMatchObject({ retries: 1, usageReported: false, promptTokens: 1 });
    expect(sleeps).toEqual([1000]);
  });
});
