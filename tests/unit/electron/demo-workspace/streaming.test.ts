import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  ask,
  COMPLETIONS,
  chatText,
  get,
  invocations,
  json,
  LLAMA_70B,
  onFakeClock,
  post,
  sseChunks,
  sseData,
  startFast,
} from './helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
beforeEach(() =>
  ws.configure({ ttftMs: 0, tokensPerSec: 1_000_000, responseTokens: null, responseText: null }),
);
afterAll(() => ws.close());

type Chunk = Record<string, unknown> & {
  choices: {
    index: number;
    delta?: { role?: string; content?: string };
    text?: string;
    finish_reason: string | null;
  }[];
};

describe('SSE framing', () => {
  it('streams chat chunks, usage on a final empty-choices chunk, then [DONE]', async () => {
    const res = await post(
      ws,
      invocations(LLAMA_70B),
      ask('Explain black holes', { stream: true, temperature: 0 }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const body = await res.text();
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    const data = sseData(body);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = sseChunks(body) as Chunk[];
    expect(chunks[0]?.object).toBe('chat.completion.chunk');
    expect(chunks[0]?.model).toBe('meta-llama-3.1-70b-instruct-072424');
    expect(chunks[0]?.choices[0]?.delta?.role).toBe('assistant');
    expect(chunks.slice(1, -2).every((c) => c.choices[0]?.delta?.role === undefined)).toBe(true);
    const last = chunks.at(-1) as Chunk;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: chunks.length - 2,
    });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    // The stream carries exactly the text of the non-streaming answer.
    const plain = await json(
      await post(ws, invocations(LLAMA_70B), ask('Explain black holes', { temperature: 0 })),
    );
    expect(chatText(chunks)).toBe(plain.choices[0].message.content);
  });

  it('streams completions as text_completion chunks', async () => {
    const res = await post(ws, invocations(COMPLETIONS), {
      prompt: 'def add(a, b):',
      stream: true,
      max_tokens: 12,
    });
    const chunks = sseChunks(await res.text()) as Chunk[];
    expect(chunks[0]?.object).toBe('text_completion');
    expect(typeof chunks[0]?.choices[0]?.text).toBe('string');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.at(-1)?.usage).toMatchObject({ completion_tokens: 12 });
  });

  it('interleaves n choices, each with its own finish_reason', async () => {
    const res = await post(
      ws,
      invocations(LLAMA_70B),
      ask('Name three rivers', { stream: true, n: 2, max_tokens: 8 }),
    );
    const chunks = sseChunks(await res.text()) as Chunk[];
    const finishes = chunks.flatMap((c) => c.choices.filter((ch) => ch.finish_reason).map((ch) => ch.index));
    expect(finishes.sort()).toEqual([0, 1]);
    expect(chatText(chunks, 0)).not.toBe(chatText(chunks, 1));
  });

  it('stops before a stop sequence in a stream too', async () => {
    const res = await post(ws, invocations(LLAMA_70B), ask('Explain tides', { stream: true, stop: ['###'] }));
    const chunks = sseChunks(await res.text()) as Chunk[];
    expect(chatText(chunks)).not.toContain('###');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
  });
});

describe('pacing', () => {
  it('waits ttftMs before the first token and paces at tokensPerSec', async () => {
    ws.configure({ ttftMs: 150, tokensPerSec: 200 });
    // On a fake clock the server's own trace holds exact times: the first token 150 ms after
    // the headers, then one token every 5 ms (40 tokens: 39 gaps). Real-time pacing under
    // load is the benchmark's to measure (tests/bench, "time to first token").
    const { value: body } = await onFakeClock(async () => {
      const res = await post(
        ws,
        invocations(LLAMA_70B),
        ask('Explain rainbows', { stream: true, max_tokens: 40 }),
      );
      return res.text();
    });
    expect(chatText(sseChunks(body)).length).toBeGreaterThan(0);
    const trace = (await json(await get(ws, '/__demo/stats'))).streams.at(-1);
    expect(trace).toMatchObject({ endpoint: LLAMA_70B, tokens: 40, clientClosed: false });
    expect(trace.firstTokenAt - trace.headersAt).toBeCloseTo(150, 3);
    expect(trace.lastTokenAt - trace.firstTokenAt).toBeCloseTo(39 * 5, 3);
  });

  it('tells its trace clock at /__demo/now (epoch ms, the clock streams are stamped with)', async () => {
    const before = performance.timeOrigin + performance.now();
    const { now } = (await json(await get(ws, '/__demo/now'))) as { now: number };
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(performance.timeOrigin + performance.now());
  });

  it('stops generating when the client disconnects', async () => {
    ws.configure({ ttftMs: 0, tokensPerSec: 100, responseTokens: 5000 });
    const before = (await json(await get(ws, '/__demo/stats'))).tokensSent;
    const controller = new AbortController();
    const res = await post(ws, invocations(LLAMA_70B), ask('Tell me a long story', { stream: true }), {
      signal: controller.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect((await json(await get(ws, '/__demo/stats'))).activeStreams).toBe(1);
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stats = await json(await get(ws, '/__demo/stats'));
    expect(stats.activeStreams).toBe(0);
    expect(stats.tokensSent - before).toBeLessThan(100);
  });
});

describe('benchmark hooks', () => {
  it('answers with the configured fixed text, cut by max_tokens', async () => {
    const answer = '# Fixed\n\nThe same answer, every time: `x = 1`.';
    ws.configure({ responseText: answer });
    const full = await json(await post(ws, invocations(LLAMA_70B), ask('Anything')));
    expect(full.choices[0].message.content).toBe(answer);
    const cut = await json(await post(ws, invocations(LLAMA_70B), ask('Anything', { max_tokens: 2 })));
    expect(cut.choices[0].message.content).toBe('# Fixed');
    const streamed = await (await post(ws, invocations(LLAMA_70B), ask('Anything', { stream: true }))).text();
    expect(chatText(sseChunks(streamed))).toBe(answer);
  });

  it('rejects an empty fixed text with a readable message', async () => {
    const res = await post(ws, '/__demo/config', { responseText: '' });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toContain('responseText');
  });

  it('records when each stream sent its first and last token, and a client that left', async () => {
    ws.configure({ responseText: 'one two three four five six' });
    await (await post(ws, invocations(LLAMA_70B), ask('Count', { stream: true }))).text();
    ws.configure({ tokensPerSec: 50, responseTokens: 5000, responseText: null });
    const controller = new AbortController();
    const res = await post(ws, invocations(LLAMA_70B), ask('Tell me a long story', { stream: true }), {
      signal: controller.signal,
    });
    await (res.body as ReadableStream<Uint8Array>).getReader().read();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { streams } = await json(await get(ws, '/__demo/stats'));
    const [done, left] = streams.slice(-2);
    expect(done).toMatchObject({ endpoint: LLAMA_70B, tokens: 6, clientClosed: false });
    expect(done.headersAt).toBeLessThanOrEqual(done.firstTokenAt);
    expect(done.firstTokenAt).toBeLessThanOrEqual(done.lastTokenAt);
    expect(done.lastTokenAt).toBeLessThanOrEqual(done.endedAt);
    // Epoch milliseconds, comparable with Date.now() in another process on this machine.
    expect(Math.abs(done.endedAt - Date.now())).toBeLessThan(60_000);
    expect(left).toMatchObject({ clientClosed: true, lastTokenAt: null });
    expect(left.endedAt).toBeGreaterThan(left.firstTokenAt);
  });

  it('logs when each token left, and reports the process CPU time', async () => {
    ws.configure({ responseText: 'one two three four five six', tokensPerSec: 2_000, ttftMs: 0 });
    await (await post(ws, invocations(LLAMA_70B), ask('Count', { stream: true }))).text();
    const stats = await json(await get(ws, '/__demo/stats'));
    const { sends, firstTokenAt, lastTokenAt } = stats.streams.at(-1);
    // Pairs of [tokens written so far, epoch ms]: counts only grow, up to all 6 tokens.
    expect(sends.length % 2).toBe(0);
    const counts = sends.filter((_: number, i: number) => i % 2 === 0);
    const times = sends.filter((_: number, i: number) => i % 2 === 1);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => a - b));
    expect(counts.at(-1)).toBe(6);
    expect(times[0]).toBe(firstTokenAt);
    expect(times.at(-1)).toBe(lastTokenAt);
    expect(stats.cpu.user).toBeGreaterThan(0);
    expect(stats.cpu.system).toBeGreaterThanOrEqual(0);
  });
});
