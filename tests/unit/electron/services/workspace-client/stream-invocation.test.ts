import { describe, expect, it, vi } from 'vitest';
import type { GenerationSink, WorkspaceConnection } from '../../../../../electron/services/types';
import {
  type StreamRequest,
  streamInvocation,
} from '../../../../../electron/services/workspace-client/stream-invocation';
import { WorkspaceTransport } from '../../../../../electron/services/workspace-client/transport';
import {
  chatCall,
  completionStreamRequest,
} from '../../../../../electron/services/workspace-client/wire-calls';

/* The streamed invocation with a fetch double: routes and bodies per flavor, chunks into the sink. */

const HOST = 'https://ws.example.com';

const sseAnswer =
  (chunks: unknown[], headers: Record<string, string> = {}) =>
  () =>
    new Response(`${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`, {
      status: 200,
      headers: { 'content-type': 'text/event-stream', ...headers },
    });

const jsonAnswer = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A transport over a fetch double that answers from a list and records the parsed bodies. */
function setup(flavor: WorkspaceConnection['flavor'], ...answers: (() => Response)[]) {
  const sent: { url: string; body: Record<string, unknown> }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    return (answers.length > 1 ? answers.shift()! : answers[0]!)();
  });
  const connection: WorkspaceConnection = { host: HOST, getToken: async () => 'tok', flavor };
  const transport = new WorkspaceTransport(connection, {
    fetch: fetch as unknown as typeof globalThis.fetch,
    sleep: async () => {},
  });
  return { sent, transport };
}

function recordingSink() {
  const events: unknown[][] = [];
  const sink: GenerationSink = {
    start: (model) => events.push(['start', model]),
    delta: (index, text) => events.push(['delta', index, text]),
    reasoning: (index, piece) => events.push(['reasoning', index, piece]),
    item: (index, item) => events.push(['item', index, item]),
    retry: (attempt, delayMs, reason) => events.push(['retry', attempt, delayMs, reason.code]),
    usage: (usage) => events.push(['usage', usage.totalTokens]),
  };
  return { events, sink };
}

const chat = (
  transport: WorkspaceTransport,
  payload: Record<string, unknown> = { messages: [] },
): StreamRequest => ({
  endpoint: 'my llm',
  call: chatCall(transport, 'my llm', 'chat', payload),
  promptChars: 8,
});

describe('streamInvocation', () => {
  it('posts to the native invocations route and applies chunks, usage and finish reasons', async () => {
    const { sent, transport } = setup(
      'databricks',
      sseAnswer(
        [
          { model: 'm', choices: [{ index: 0, delta: { content: 'Hel' } }] },
          {
            choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 2, completion_tokens: 1 },
          },
        ],
        { 'served-model-name': 'served' },
      ),
    );
    const { events, sink } = recordingSink();
    const outcome = await streamInvocation(transport, chat(transport), sink, new AbortController().signal);
    expect(sent).toEqual([
      { url: `${HOST}/serving-endpoints/my%20llm/invocations`, body: { messages: [], stream: true } },
    ]);
    expect(events).toEqual([
      ['start', 'served'],
      ['delta', 0, 'Hel'],
      ['delta', 0, 'lo'],
      ['usage', 3],
    ]);
    expect(outcome).toMatchObject({
      status: 'done',
      finishReasons: ['stop'],
      metrics: { completionTokens: 1 },
    });
  });

  it('asks an OpenAI server for usage, and asks again without stream_options after a 400', async () => {
    const { sent, transport } = setup(
      'openai',
      jsonAnswer(400, { error: { message: 'unknown field stream_options' } }),
      sseAnswer([{ choices: [{ text: 'ok' }] }]),
    );
    const request = completionStreamRequest(transport, 'gpt', { prompt: 'p' }, 1);
    const { sink } = recordingSink();
    const outcome = await streamInvocation(transport, request, sink, new AbortController().signal);
    expect(outcome.status).toBe('done');
    expect(sent.map((s) => s.url)).toEqual([`${HOST}/completions`, `${HOST}/completions`]);
    expect(sent[0]!.body).toEqual({
      model: 'gpt',
      prompt: 'p',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(sent[1]!.body).toEqual({ model: 'gpt', prompt: 'p', stream: true });
  });

  it('reads one JSON document from a model that ignores stream: true', async () => {
    const { transport } = setup(
      'databricks',
      jsonAnswer(200, { choices: [{ message: { content: 'whole' }, finish_reason: 'length' }] }),
    );
    const { events, sink } = recordingSink();
    const outcome = await streamInvocation(transport, chat(transport), sink, new AbortController().signal);
    expect(events).toEqual([
      ['start', null],
      ['delta', 0, 'whole'],
    ]);
    expect(outcome).toMatchObject({ status: 'done', finishReasons: ['length'] });
  });

  it('fails with the server’s words when its error shares a line with a cut-off chunk', async () => {
    const body =
      'data: {"id":"chatcmpl_1","choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n' +
      'data: {"id":"chatcmpl_1","choices":[{"index":0,"delta":{"content":"lodata: ' +
      '{"error_code":"INTERNAL_ERROR","message":"Model server error"}\n\n';
    const answer = () =>
      new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    const { transport } = setup('databricks', answer);
    const { events, sink } = recordingSink();
    const outcome = await streamInvocation(transport, chat(transport), sink, new AbortController().signal);
    expect(events).toContainEqual(['delta', 0, 'Hel']);
    expect(outcome).toMatchObject({
      status: 'error',
      partial: true,
      error: { serverCode: 'INTERNAL_ERROR' },
    });
    expect(outcome.status === 'error' && outcome.error.serverMessage).toBe('Model server error');
  });

  it('asks for one JSON answer when streaming is off (no stream_options to an OpenAI server)', async () => {
    const whole = jsonAnswer(200, {
      choices: [{ index: 0, message: { content: 'whole' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 2, completion_tokens: 1 },
    });
    for (const flavor of ['databricks', 'openai'] as const) {
      const { sent, transport } = setup(flavor, whole);
      const request = completionStreamRequest(transport, 'gpt', { prompt: 'p' }, 1, false);
      const { events, sink } = recordingSink();
      const outcome = await streamInvocation(transport, request, sink, new AbortController().signal);
      expect(sent[0]!.body).toEqual({
        ...(flavor === 'openai' ? { model: 'gpt' } : {}),
        prompt: 'p',
        stream: false,
      });
      expect(events).toEqual([
        ['start', null],
        ['delta', 0, 'whole'],
        ['usage', 3],
      ]);
      expect(outcome).toMatchObject({
        status: 'done',
        finishReasons: ['stop'],
        metrics: { streamed: false },
      });
      // A 400 of a whole answer is not about stream_options: no second request.
      expect(request.fallback?.({ code: 'BAD_PARAMETER', message: 'no', status: 400 })).toBeNull();
    }
  });

  it('waits for a whole answer under the request timeout, not the connect timeout', async () => {
    // Answers after 80 ms, like a server that sends its headers with the finished answer.
    const slow = vi.fn(
      (_url: string, init: RequestInit) =>
        new Promise<Response>((resolve, reject) => {
          const timer = setTimeout(
            () => resolve(jsonAnswer(200, { choices: [{ message: { content: 'late' } }] })()),
            80,
          );
          init.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new DOMException('aborted', 'AbortError'));
          });
        }),
    );
    const transport = new WorkspaceTransport(
      { host: HOST, getToken: async () => 'tok' },
      {
        fetch: slow as unknown as typeof globalThis.fetch,
        timeouts: { connectMs: 20, firstByteMs: 20, idleMs: 20, requestMs: 5_000 },
        retry: { maxAttempts: 1 },
      },
    );
    const call = chatCall(transport, 'm', 'chat', { messages: [] }, false);
    const { events, sink } = recordingSink();
    const request = { endpoint: 'm', call, promptChars: 1 };
    const outcome = await streamInvocation(transport, request, sink, new AbortController().signal);
    expect(outcome.status).toBe('done');
    expect(events).toContainEqual(['delta', 0, 'late']);
    const headers = (slow.mock.calls[0] as unknown as [string, RequestInit])[1].headers as Record<
      string,
      string
    >;
    expect(headers.Accept).toBe('application/json');
  });

  it('returns an error outcome instead of throwing, and aborted for a cancelled signal', async () => {
    const { transport } = setup('databricks', jsonAnswer(404, { error_code: 'RESOURCE_DOES_NOT_EXIST' }));
    const { sink } = recordingSink();
    const failed = await streamInvocation(transport, chat(transport), sink, new AbortController().signal);
    expect(failed).toMatchObject({ status: 'error', partial: false, error: { code: 'NOT_FOUND' } });
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(streamInvocation(transport, chat(transport), sink, cancelled.signal)).resolves.toMatchObject(
      {
        status: 'aborted',
      },
    );
  });
});
