import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import type { GenerationSink } from '../../../../../electron/services/types';
import { createWorkspaceClient } from '../../../../../electron/services/workspace-client/workspace-client';
import { StudioFailure } from '../../../../../shared/errors';

/*
 * The workspace client against the real demo workspace: the main paths end to end over
 * loopback HTTP + SSE, with the demo's pacing turned up so the suite stays fast.
 */

let demo: DemoWorkspace;

beforeAll(async () => {
  demo = await startDemoWorkspace({ port: 0, ttftMs: 5, tokensPerSec: 2000 });
});

afterAll(async () => {
  await demo.close();
});

const client = (token = demo.token) =>
  createWorkspaceClient({ host: demo.url, getToken: async () => token }, { sleep: async () => {} });

function recordingSink() {
  const deltas: string[] = [];
  const calls: string[] = [];
  let model: string | null | undefined;
  const sink: GenerationSink = {
    start: (m) => {
      model = m;
      calls.push('start');
    },
    delta: (_index, text) => {
      deltas.push(text);
      calls.push('delta');
    },
    reasoning: () => calls.push('reasoning'),
    item: () => calls.push('item'),
    retry: () => calls.push('retry'),
    usage: () => calls.push('usage'),
  };
  return { sink, deltas, calls, model: () => model };
}

describe('workspace client × demo workspace', () => {
  it('lists the endpoints, normalised', async () => {
    const endpoints = await client().listEndpoints();
    const names = endpoints.map((e) => e.name);
    expect(names).toContain('databricks-meta-llama-3-1-70b-instruct');
    expect(names).toContain('databricks-gte-large-en');
    const llama = endpoints.find((e) => e.name === 'databricks-meta-llama-3-1-70b-instruct')!;
    expect(llama).toMatchObject({ kind: 'pay-per-token', taskKind: 'chat', ready: 'READY' });
    expect(llama.contextWindow).toBeGreaterThan(0);
    for (const e of endpoints) expect(e.kind).not.toBe('unknown');
  });

  it('gets one endpoint', async () => {
    const endpoint = await client().getEndpoint('databricks-gte-large-en');
    expect(endpoint).toMatchObject({ name: 'databricks-gte-large-en', taskKind: 'embeddings' });
  });

  it('streams a chat with the brief’s parameters', async () => {
    const { sink, deltas, calls, model } = recordingSink();
    const outcome = await client().streamChat(
      {
        endpoint: 'databricks-meta-llama-3-1-70b-instruct',
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          { role: 'user', content: 'What is Databricks Model Serving?' },
        ],
        params: { max_tokens: 500, temperature: 0.7 },
      },
      sink,
      new AbortController().signal,
    );
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(deltas.join('').length).toBeGreaterThan(0);
    expect(calls[0]).toBe('start');
    expect(model()).toBe('meta-llama-3.1-70b-instruct-072424');
    expect(outcome.finishReasons).toHaveLength(1);
    expect(outcome.finishReasons[0]).not.toBeNull();
    expect(outcome.metrics.ttftMs).not.toBeNull();
    expect(outcome.metrics.completionTokens).toBeGreaterThan(0);
  });

  it('streams a completion', async () => {
    const { sink, deltas } = recordingSink();
    const outcome = await client().streamCompletion(
      {
        endpoint: 'demo-llama-3-1-8b-completions',
        prompt: 'Complete this code:\ndef fibonacci(n):',
        params: { max_tokens: 200, temperature: 0 },
      },
      sink,
      new AbortController().signal,
    );
    expect(outcome.status).toBe('done');
    expect(deltas.join('').length).toBeGreaterThan(0);
  });

  it('creates embeddings', async () => {
    const result = await client().createEmbeddings({
      endpoint: 'databricks-bge-large-en',
      input: ['Hello world', 'How are you?'],
    });
    expect(result.vectors).toHaveLength(2);
    expect(result.vectors[0]).toHaveLength(1024);
    expect(result.metrics.retries).toBe(0);
  });

  it('unknown endpoint → NOT_FOUND (stream outcome and thrown failure)', async () => {
    const outcome = await client().streamChat(
      { endpoint: 'databricks-nope', messages: [{ role: 'user', content: 'hi' }], params: {} },
      recordingSink().sink,
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({
      status: 'error',
      error: { code: 'NOT_FOUND', status: 404 },
      partial: false,
    });
    const thrown = await client()
      .getEndpoint('databricks-nope')
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(StudioFailure);
    expect((thrown as StudioFailure).error.code).toBe('NOT_FOUND');
  });

  it('bad token → PERMISSION (403), never echoing the token', async () => {
    const thrown = await client('dapi-wrong-token')
      .listEndpoints()
      .catch((e: unknown) => e);
    expect((thrown as StudioFailure).error).toMatchObject({ code: 'PERMISSION', status: 403 });
    expect(JSON.stringify((thrown as StudioFailure).error)).not.toContain('dapi-wrong-token');
  });

  it('retries a 503 injected before generation, then streams', async () => {
    demo.configure({
      faults: [{ type: 'http-error', status: 503, endpoint: 'databricks-dbrx-instruct', times: 1 }],
    });
    const { sink, calls } = recordingSink();
    const outcome = await client().streamChat(
      {
        endpoint: 'databricks-dbrx-instruct',
        messages: [{ role: 'user', content: 'hi' }],
        params: { max_tokens: 20 },
      },
      sink,
      new AbortController().signal,
    );
    demo.configure({ faults: [] });
    expect(outcome.status).toBe('done');
    expect(calls[0]).toBe('retry');
    expect(outcome.metrics?.retries).toBe(1);
  });

  it('a disconnect after the first tokens → partial NETWORK error, not retried', async () => {
    // Slower pacing so the first tokens are read well before the cut: undici drops chunks
    // still queued in the body stream when the connection errors.
    demo.configure({ tokensPerSec: 100, faults: [{ type: 'disconnect', afterTokens: 5, times: 1 }] });
    const { sink, deltas, calls } = recordingSink();
    const outcome = await client().streamChat(
      { endpoint: 'databricks-dbrx-instruct', messages: [{ role: 'user', content: 'hi' }], params: {} },
      sink,
      new AbortController().signal,
    );
    demo.configure({ tokensPerSec: 2000, faults: [] });
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'NETWORK' }, partial: true });
    expect(deltas.length).toBeGreaterThan(0);
    expect(calls).not.toContain('retry');
  });
});
