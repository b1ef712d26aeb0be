import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import type { GenerationSink, WorkspaceConnection } from '../../../../../electron/services/types';
import { createWorkspaceClient } from '../../../../../electron/services/workspace-client/workspace-client';
import type { ConnectionHealth } from '../../../../../shared/domain';
import { StudioFailure } from '../../../../../shared/errors';

/*
 * The OpenAI flavor against the demo's OpenAI-compatible routes (base {url}/serving-endpoints)
 * and against a scripted local server (stream_options fallback, keyless, 401 → refresh → retry).
 */

let demo: DemoWorkspace;
beforeAll(async () => {
  demo = await startDemoWorkspace({ port: 0, ttftMs: 5, tokensPerSec: 5000 });
});
afterAll(async () => {
  await demo.close();
});

const demoClient = (extra: Partial<WorkspaceConnection> = {}) =>
  createWorkspaceClient(
    { host: `${demo.url}/serving-endpoints`, flavor: 'openai', getToken: async () => demo.token, ...extra },
    { sleep: async () => {} },
  );

function recordingSink() {
  const deltas: string[] = [];
  let usage = 0;
  const sink: GenerationSink = {
    start: () => {},
    delta: (_i, text) => deltas.push(text),
    reasoning: () => {},
    item: () => {},
    retry: () => {},
    usage: () => {
      usage++;
    },
  };
  return { sink, text: () => deltas.join(''), usageCount: () => usage };
}

describe('OpenAI flavor × demo workspace', () => {
  it('lists models as external endpoints with a guessed task', async () => {
    const endpoints = await demoClient().listEndpoints();
    const llama = endpoints.find((e) => e.name === 'databricks-meta-llama-3-1-70b-instruct');
    expect(llama).toMatchObject({ kind: 'external', task: null, taskKind: 'other', ready: 'READY' });
    expect(endpoints.find((e) => e.name === 'databricks-gte-large-en')?.taskKind).toBe('embeddings');
    const one = await demoClient().getEndpoint('databricks-dbrx-instruct');
    expect(one.model).toBe('databricks-dbrx-instruct');
    await expect(demoClient().getEndpoint('nope')).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('streams a chat and a completion, with usage, and makes embeddings', async () => {
    const chat = recordingSink();
    const outcome = await demoClient().streamChat(
      {
        endpoint: 'databricks-meta-llama-3-1-70b-instruct',
        messages: [{ role: 'user', content: 'Hello there' }],
        params: { max_tokens: 40 },
      },
      chat.sink,
      new AbortController().signal,
    );
    expect(outcome.status).toBe('done');
    expect(chat.text().length).toBeGreaterThan(0);
    expect(chat.usageCount()).toBeGreaterThan(0);

    const completion = recordingSink();
    const done = await demoClient().streamCompletion(
      { endpoint: 'demo-llama-3-1-8b-completions', prompt: 'Once upon a time', params: { max_tokens: 30 } },
      completion.sink,
      new AbortController().signal,
    );
    expect(done.status).toBe('done');
    expect(completion.text().length).toBeGreaterThan(0);

    const result = await demoClient().createEmbeddings({
      endpoint: 'databricks-gte-large-en',
      input: ['a', 'b'],
    });
    expect(result.vectors).toHaveLength(2);
    expect(result.vectors[0]?.length).toBeGreaterThan(0);
  });

  it('reports health: ok, then 403 for a wrong key and 401 for none', async () => {
    const seen: ConnectionHealth[] = [];
    await demoClient({ onResult: (h) => seen.push(h) }).listEndpoints();
    await expect(
      demoClient({ getToken: async () => 'wrong', onResult: (h) => seen.push(h) }).listEndpoints(),
    ).rejects.toBeInstanceOf(StudioFailure);
    await expect(
      demoClient({ getToken: async () => '', onResult: (h) => seen.push(h) }).listEndpoints(),
    ).rejects.toBeInstanceOf(StudioFailure);
    expect(seen.map((h) => [h.ok, h.code])).toEqual([
      [true, undefined],
      [false, 'PERMISSION'],
      [false, 'AUTH'],
    ]);
    expect(seen[2]?.fix).toBe('Re-enter the token / sign in again.');
  });

  it('refuses provisioned-throughput calls with a clear message', async () => {
    await expect(demoClient().deleteEndpoint('x')).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
  });
});

// ---------------------------------------------------------------- scripted server

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let server: Server | null = null;
const requests: { url: string; auth: string | undefined; body: string }[] = [];

async function scripted(handler: Handler): Promise<string> {
  requests.length = 0;
  const created = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      requests.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      handler(req, body, res);
    });
  });
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}/v1`;
}
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

const sse = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'hi' } }] })}\n\n`);
  res.end('data: [DONE]\n\n');
};

describe('OpenAI flavor × scripted server', () => {
  it('retries once without stream_options when the server rejects it with 400', async () => {
    const base = await scripted((_req, body, res) => {
      if (body.includes('stream_options')) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Unrecognized request argument: stream_options' } }));
      } else sse(res);
    });
    const client = createWorkspaceClient({ host: base, flavor: 'openai', getToken: async () => '' });
    const { sink, text } = recordingSink();
    const outcome = await client.streamChat(
      { endpoint: 'm', messages: [{ role: 'user', content: 'x' }], params: {} },
      sink,
      new AbortController().signal,
    );
    expect(outcome.status).toBe('done');
    expect(text()).toBe('hi');
    expect(requests.map((r) => r.url)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    expect(JSON.parse(requests[0]?.body ?? '{}')).toMatchObject({ model: 'm', stream: true });
    // An empty key sends no Authorization header at all.
    expect(requests.every((r) => r.auth === undefined)).toBe(true);
  });

  it('on 401 calls onUnauthorized once and retries with the fresh token', async () => {
    const base = await scripted((req, _body, res) => {
      if (req.headers.authorization !== 'Bearer fresh') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'expired' } }));
      } else sse(res);
    });
    let token = 'stale';
    let refreshes = 0;
    const client = createWorkspaceClient({
      host: base,
      flavor: 'openai',
      getToken: async () => token,
      onUnauthorized: async () => {
        refreshes++;
        token = 'fresh';
        return true;
      },
    });
    const { sink, text } = recordingSink();
    const outcome = await client.streamCompletion(
      { endpoint: 'm', prompt: 'x', params: {} },
      sink,
      new AbortController().signal,
    );
    expect(outcome.status).toBe('done');
    expect(text()).toBe('hi');
    expect(refreshes).toBe(1);
    expect(requests.map((r) => r.auth)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('gives up after one refresh: a second 401 is the answer', async () => {
    const base = await scripted((_req, _body, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'no' } }));
    });
    let refreshes = 0;
    const client = createWorkspaceClient({
      host: base,
      flavor: 'openai',
      getToken: async () => 't',
      onUnauthorized: async () => {
        refreshes++;
        return true;
      },
    });
    await expect(client.listEndpoints()).rejects.toMatchObject({ error: { code: 'AUTH' } });
    expect(refreshes).toBe(1);
    expect(requests).toHaveLength(2);
    // A refresh that fails (false) means no retry at all.
    const refusing = createWorkspaceClient({
      host: base,
      flavor: 'openai',
      getToken: async () => 't',
      onUnauthorized: async () => false,
    });
    requests.length = 0;
    await expect(refusing.listEndpoints()).rejects.toMatchObject({ error: { code: 'AUTH' } });
    expect(requests).toHaveLength(1);
  });
});
