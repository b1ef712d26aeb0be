import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  ask,
  DBRX,
  GPT_5_5,
  get,
  invocations,
  json,
  LLAMA_70B,
  onFakeClock,
  post,
  RESPONSES,
  readAll,
  sseData,
  sseEvents,
  startFast,
} from './helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
beforeEach(() => ws.configure({ faults: [], ttftMs: 0, tokensPerSec: 1_000_000 }));

const respond = (body: Record<string, unknown>) => post(ws, RESPONSES, body);
afterAll(() => ws.close());

const streamAsk = (content: string) => ask(content, { stream: true, max_tokens: 50 });
const contentChunks = (text: string) => sseData(text).filter((d) => d.includes('"content"'));

describe('stream faults', () => {
  it('disconnects mid-stream after K tokens', async () => {
    ws.configure({ faults: [{ type: 'disconnect', afterTokens: 7, times: 1 }] });
    const res = await post(ws, invocations(LLAMA_70B), streamAsk('Explain volcanoes'));
    expect(res.status).toBe(200);
    const { text, error } = await readAll(res);
    expect(error).not.toBeNull();
    expect(contentChunks(text)).toHaveLength(7);
    expect(text).not.toContain('[DONE]');
    // times: 1 means the next request is healthy again.
    const again = await readAll(await post(ws, invocations(LLAMA_70B), streamAsk('Explain volcanoes')));
    expect(again.error).toBeNull();
    expect(again.text).toContain('data: [DONE]');
  });

  it('sends one malformed chunk and carries on', async () => {
    ws.configure({ faults: [{ type: 'malformed-chunk', afterTokens: 3 }] });
    const { text } = await readAll(await post(ws, invocations(LLAMA_70B), streamAsk('Explain volcanoes')));
    const data = sseData(text);
    const broken = data.filter((d) => {
      if (d === '[DONE]') return false;
      try {
        JSON.parse(d);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toHaveLength(1);
    expect(data.indexOf(broken[0] as string)).toBe(3);
    expect(data.at(-1)).toBe('[DONE]');
  });

  it('sends an error object inside a 200 stream', async () => {
    ws.configure({
      faults: [{ type: 'stream-error', afterTokens: 2, errorCode: 'RESOURCE_EXHAUSTED', message: 'boom' }],
    });
    const res = await post(ws, invocations(LLAMA_70B), streamAsk('Explain volcanoes'));
    expect(res.status).toBe(200);
    const data = sseData(await res.text());
    expect(data).toHaveLength(3);
    expect(JSON.parse(data[2] as string)).toEqual({ error_code: 'RESOURCE_EXHAUSTED', message: 'boom' });
  });

  it('stalls after K tokens with the socket open, sending nothing more until the client leaves', async () => {
    ws.configure({ faults: [{ type: 'stall', afterTokens: 5, times: 1 }] });
    const abort = new AbortController();
    const res = await post(ws, invocations(LLAMA_70B), streamAsk('Explain volcanoes'), {
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (contentChunks(text).length < 5)
      text += decoder.decode((await reader.read()).value, { stream: true });
    abort.abort();
    await reader.read().catch(() => undefined);
    // The server saw the client leave a stream it never finished: 5 tokens sent, no [DONE].
    const stream = await vi.waitFor(async () => {
      const stats = (await json(await get(ws, '/__demo/stats'))) as {
        streams: { tokens: number; clientClosed: boolean; endedAt: number | null }[];
      };
      const last = stats.streams.at(-1);
      if (!last?.endedAt) throw new Error('stream still open');
      return last;
    });
    expect(stream).toMatchObject({ tokens: 5, clientClosed: true });
    expect(text).not.toContain('[DONE]');
  });

  it('resumes a stall after durationMs and completes the same answer', async () => {
    const steady = ask('Explain volcanoes', { stream: true, max_tokens: 50, temperature: 0 });
    const healthy = await readAll(await post(ws, invocations(LLAMA_70B), steady));
    ws.configure({ faults: [{ type: 'stall', afterTokens: 3, durationMs: 50, times: 1 }] });
    const stalled = await readAll(await post(ws, invocations(LLAMA_70B), steady));
    expect(stalled.error).toBeNull();
    const texts = (body: string) => contentChunks(body).map((d) => JSON.parse(d).choices[0].delta.content);
    expect(texts(stalled.text)).toEqual(texts(healthy.text));
    expect(stalled.text).toContain('data: [DONE]');
  });

  it('leaves non-streaming requests alone for stream-only faults', async () => {
    ws.configure({ faults: [{ type: 'malformed-chunk', times: 1 }] });
    expect((await post(ws, invocations(LLAMA_70B), ask('x'))).status).toBe(200);
    const { text } = await readAll(await post(ws, invocations(LLAMA_70B), streamAsk('x')));
    expect(sseData(text)[0]).toContain('cut short');
  });
});

describe('HTTP faults', () => {
  it('answers 500 for the next request only', async () => {
    ws.configure({ faults: [{ type: 'http-error', status: 500, times: 1 }] });
    const res = await post(ws, invocations(LLAMA_70B), ask('x'));
    expect(res.status).toBe(500);
    expect((await json(res)).error_code).toBe('INTERNAL_ERROR');
    expect((await post(ws, invocations(LLAMA_70B), ask('x'))).status).toBe(200);
  });

  it('answers 503 TEMPORARILY_UNAVAILABLE with Retry-After, for one endpoint', async () => {
    ws.configure({
      faults: [{ type: 'http-error', status: 503, retryAfterSec: 3, endpoint: DBRX, times: 2 }],
    });
    expect((await post(ws, invocations(LLAMA_70B), ask('x'))).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await post(ws, invocations(DBRX), ask('x'));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('3');
      expect((await json(res)).error_code).toBe('TEMPORARILY_UNAVAILABLE');
    }
    expect((await post(ws, invocations(DBRX), ask('x'))).status).toBe(200);
  });

  it('answers a 429 with Retry-After by default, and without one when retryAfterSec is null', async () => {
    const message = `Exceeded workspace output tokens per minute rate limit for ${LLAMA_70B}`;
    ws.configure({
      faults: [
        { type: 'http-error', status: 429, times: 1 },
        { type: 'http-error', status: 429, message, retryAfterSec: null, times: 1 },
      ],
    });
    const first = await post(ws, invocations(LLAMA_70B), ask('x'));
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(await json(first)).toMatchObject({ error_code: 'REQUEST_LIMIT_EXCEEDED' });
    const second = await post(ws, invocations(LLAMA_70B), ask('x'));
    expect(second.status).toBe(429);
    expect(second.headers.has('retry-after')).toBe(false);
    expect(await json(second)).toMatchObject({ error_code: 'REQUEST_LIMIT_EXCEEDED', message });
  });

  it('delays the first byte', async () => {
    ws.configure({ faults: [{ type: 'slow-first-byte', delayMs: 300, times: 1 }] });
    // On a fake clock: the answer can only arrive once the server's clock has moved 300 ms.
    const slow = await onFakeClock(async () => {
      const res = await post(ws, invocations(LLAMA_70B), ask('x', { stream: true }));
      return { status: res.status, text: await res.text() };
    });
    expect(slow.fakeMs).toBeGreaterThanOrEqual(300);
    expect(slow.value.status).toBe(200);
    expect(slow.value.text).toContain('data: [DONE]');
  });

  it('drops the connection of a non-streaming request on disconnect', async () => {
    ws.configure({ faults: [{ type: 'disconnect', times: 1 }] });
    await expect(post(ws, invocations(LLAMA_70B), ask('x'))).rejects.toThrow();
  });

  it('is configurable over HTTP, with addFaults appending', async () => {
    await post(ws, '/__demo/config', { faults: [{ type: 'http-error', status: 503, times: 1 }] });
    const res = await post(ws, '/__demo/config', {
      addFaults: [{ type: 'http-error', status: 500, times: 1 }],
    });
    expect((await json(res)).faults).toHaveLength(2);
    // One HTTP fault per request: the first rule wins, the second waits its turn.
    expect((await post(ws, invocations(DBRX), ask('x'))).status).toBe(503);
    expect((await post(ws, invocations(DBRX), ask('x'))).status).toBe(500);
    expect((await post(ws, invocations(DBRX), ask('x'))).status).toBe(200);
  });
});

describe('faults and rate limits on the Responses route', () => {
  const responsesAsk = { model: GPT_5_5, input: 'Explain volcanoes', stream: true, max_output_tokens: 50 };
  const deltas = (text: string) =>
    text.split('\n\n').filter((e) => e.startsWith('event: response.output_text.delta'));

  it('disconnects after K tokens', async () => {
    ws.configure({ faults: [{ type: 'disconnect', afterTokens: 5, times: 1 }] });
    const { text, error } = await readAll(await respond(responsesAsk));
    expect(error).not.toBeNull();
    expect(deltas(text)).toHaveLength(5);
    expect(text).not.toContain('response.completed');
  });

  it('sends one malformed event and carries on', async () => {
    ws.configure({ faults: [{ type: 'malformed-chunk', afterTokens: 3, times: 1 }] });
    const { text } = await readAll(await respond(responsesAsk));
    expect(text).toContain('cut short');
    // The stream still ends normally (incomplete: max_output_tokens is 50).
    expect(text).toContain('event: response.incomplete');
  });

  it('ends with an error event, or response.failed when asked', async () => {
    ws.configure({
      faults: [
        { type: 'stream-error', afterTokens: 2, errorCode: 'RESOURCE_EXHAUSTED', message: 'boom', times: 1 },
      ],
    });
    const failed = sseEvents((await readAll(await respond(responsesAsk))).text);
    expect(failed.at(-1)).toMatchObject({
      event: 'error',
      data: { type: 'error', code: 'RESOURCE_EXHAUSTED', message: 'boom' },
    });
    ws.configure({
      faults: [{ type: 'stream-error', afterTokens: 2, responsesEvent: 'response.failed', times: 1 }],
    });
    const other = sseEvents((await readAll(await respond(responsesAsk))).text);
    expect(other.at(-1)?.event).toBe('response.failed');
    expect(other.at(-1)?.data.response).toMatchObject({
      status: 'failed',
      error: { code: 'INTERNAL_ERROR' },
    });
  });

  it('answers injected HTTP errors, slow first bytes and rate limits like chat', async () => {
    ws.configure({ faults: [{ type: 'http-error', status: 503, endpoint: GPT_5_5, times: 1 }] });
    const unavailable = await respond({ model: GPT_5_5, input: 'x' });
    expect(unavailable.status).toBe(503);
    expect((await json(unavailable)).error_code).toBe('TEMPORARILY_UNAVAILABLE');
    ws.configure({ faults: [{ type: 'slow-first-byte', delayMs: 200, times: 1 }] });
    const slow = await onFakeClock(async () => (await respond({ model: GPT_5_5, input: 'x' })).status);
    expect(slow.value).toBe(200);
    expect(slow.fakeMs).toBeGreaterThanOrEqual(200);
    ws.configure({ rateLimits: { [GPT_5_5]: { queriesPerMinute: 0 } } });
    const limited = await respond({ model: GPT_5_5, input: 'x' });
    expect(limited.status).toBe(429);
    expect((await json(limited)).error_code).toBe('REQUEST_LIMIT_EXCEEDED');
    ws.configure({ rateLimits: { [GPT_5_5]: null } });
  });
});
