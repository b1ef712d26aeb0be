import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../../electron/demo-workspace/server';
import { ChatStreamParser } from '../../../../../electron/services/workspace-client/chat-stream';
import { MetricsRecorder } from '../../../../../electron/services/workspace-client/metrics';
import { ResponsesStreamParser } from '../../../../../electron/services/workspace-client/responses-stream';
import { readSseJson } from '../../../../../electron/services/workspace-client/sse';
import {
  StreamOutput,
  type StreamParser,
} from '../../../../../electron/services/workspace-client/stream-output';
import { StudioFailure } from '../../../../../shared/errors';
import {
  CLAUDE,
  COMPLETIONS,
  GPT_5_5,
  invocations,
  LLAMA_70B,
  post,
  RESPONSES,
  startFast,
} from '../../demo-workspace/helpers';
import {
  AGENT_ANSWER,
  CLAUDE_THINKING,
  RESPONSES_ANSWER,
  RESPONSES_TOOL_CALLS,
  recordingSink,
  TOOL_CALLS,
} from './recorded-streams';

/*
 * Property: however the network cuts a stream into chunks, the SSE reader yields the same
 * events (and the same end, or the same error) as when the whole body arrives at once, and
 * so do the protocol parsers that read it. Cuts are drawn anywhere, and also on purpose inside
 * multi-byte UTF-8 characters and between a CR and its LF. The streams: every recorded
 * fixture in tests/fixtures/sse, the recorded Chat Completions / Responses / agent streams,
 * and streams recorded live from the demo workspace (chat, completion, Responses; with a
 * malformed chunk and with an error inside the 200 stream), each also with CRLF line endings.
 */

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/sse/', import.meta.url));
const encode = (text: string) => new TextEncoder().encode(text);
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** Every recorded SSE fixture, by file name. */
const fixtureStreams = (): [string, Uint8Array][] =>
  readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.sse'))
    .sort()
    .map((name) => [name, new Uint8Array(readFileSync(`${FIXTURES}${name}`))]);

async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

/** Cuts `bytes` at the given positions (any order, duplicates allowed: empty chunks are real too). */
function cut(bytes: Uint8Array, positions: number[]): Uint8Array[] {
  const at = [0, ...[...positions].sort((a, b) => a - b), bytes.length];
  return at.slice(1).map((end, i) => bytes.subarray(at[i], end));
}

/**
 * Positions where a cut is most likely to break a careless reader: before a UTF-8
 * continuation byte (inside a character) and between CR and LF.
 */
function trickyPositions(bytes: Uint8Array): { utf8: number[]; crlf: number[] } {
  const utf8: number[] = [];
  const crlfAt: number[] = [];
  for (let i = 1; i < bytes.length; i++) {
    if ((bytes[i]! & 0xc0) === 0x80) utf8.push(i);
    if (bytes[i - 1] === 0x0d && bytes[i] === 0x0a) crlfAt.push(i);
  }
  return { utf8, crlf: crlfAt };
}

/** Cut positions: some anywhere, some inside characters, some between CR and LF. */
function cutsFor(bytes: Uint8Array): fc.Arbitrary<number[]> {
  const { utf8, crlf: crlfAt } = trickyPositions(bytes);
  const options: fc.Arbitrary<number>[] = [fc.integer({ min: 0, max: bytes.length })];
  if (utf8.length) options.push(fc.constantFrom(...utf8));
  if (crlfAt.length) options.push(fc.constantFrom(...crlfAt));
  return fc.array(fc.oneof(...options), { maxLength: 64 });
}

type Outcome = { values: unknown[]; end?: unknown; error?: unknown };

/** Everything the reader gives for one chunking: the values, then its end or its error. */
async function readerOutcome(parts: Uint8Array[]): Promise<Outcome> {
  const values: unknown[] = [];
  try {
    const iterator = readSseJson(chunks(parts), { endpoint: 'e', host: 'https://h.example' });
    for (;;) {
      const step = await iterator.next();
      if (step.done) return { values, end: step.value };
      values.push(step.value);
    }
  } catch (err) {
    if (!(err instanceof StudioFailure)) throw err;
    return { values, error: err.error };
  }
}

/** The sink calls a protocol parser makes from the reader's events (as the stream invocation runs them). */
async function parserOutcome(parts: Uint8Array[], make: (out: StreamOutput) => StreamParser) {
  const { calls, sink } = recordingSink();
  const out = new StreamOutput(sink, new MetricsRecorder());
  const parser = make(out);
  try {
    for await (const value of readSseJson(chunks(parts), { endpoint: 'e' })) parser.event(value);
    parser.end();
    return { calls, reasons: out.finishReasons };
  } catch (err) {
    if (!(err instanceof StudioFailure)) throw err;
    return { calls, error: err.error };
  }
}

const chatParser = (out: StreamOutput): StreamParser => new ChatStreamParser(out, null);
const responsesParser = (out: StreamOutput): StreamParser =>
  new ResponsesStreamParser(out, null, { endpoint: 'e' });

/** Asserts that every drawn chunking of `bytes` gives what the whole body gives. */
async function holdsForEverySplit<T>(bytes: Uint8Array, run: (parts: Uint8Array[]) => Promise<T>) {
  const reference = await run([bytes]);
  await fc.assert(
    fc.asyncProperty(cutsFor(bytes), async (positions) => {
      expect(await run(cut(bytes, positions))).toEqual(reference);
    }),
    { numRuns: 150 },
  );
  // The extreme: one byte per chunk.
  expect(
    await run(
      cut(
        bytes,
        Array.from({ length: bytes.length }, (_, i) => i),
      ),
    ),
  ).toEqual(reference);
  return reference;
}

describe('the SSE reader under every byte split', () => {
  const fixtures = fixtureStreams();

  it('has recorded fixtures with multi-byte characters and CRLF line endings to cut through', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
    const all = fixtures.map(([, bytes]) => trickyPositions(bytes));
    expect(all.some((p) => p.utf8.length > 0)).toBe(true);
    expect(all.some((p) => p.crlf.length > 0)).toBe(true);
  });

  it.each(fixtures)('%s yields identical events under every split', async (_name, bytes) => {
    await holdsForEverySplit(bytes, readerOutcome);
  });

  it.each([
    ['a Claude answer with thinking (Chat Completions)', CLAUDE_THINKING, chatParser],
    ['parallel tool calls (Chat Completions)', TOOL_CALLS, chatParser],
    ['a Responses answer with reasoning', RESPONSES_ANSWER, responsesParser],
    ['Responses tool calls', RESPONSES_TOOL_CALLS, responsesParser],
    ['an agent calling a tool (Responses)', AGENT_ANSWER, responsesParser],
  ] as const)(
    '%s: the reader and its parser give the same calls under every split',
    async (_n, text, make) => {
      for (const bytes of [encode(text), encode(crlf(text))]) {
        await holdsForEverySplit(bytes, readerOutcome);
        const reference = await holdsForEverySplit(bytes, (parts) => parserOutcome(parts, make));
        expect(reference.calls.length).toBeGreaterThan(1);
      }
    },
  );
});

describe('streams recorded from the demo workspace, under every byte split', () => {
  let ws: DemoWorkspace;
  const recorded = new Map<string, Uint8Array>();
  // Everything is recorded first: the property runs keep the event loop busy for seconds, long
  // enough for the server to close an idle keep-alive socket just as the next request reuses it.
  beforeAll(async () => {
    ws = await startFast({
      responseText: 'Grüße — 你好，世界 🙂👩‍💻 naïve café ✓ and some plain words to stream.',
    });
    try {
      for (const [name, recordIt] of recordings) recorded.set(name, await recordIt());
    } finally {
      await ws.close();
    }
  });

  /** POSTs a streaming request (after the given faults) and returns the raw SSE bytes. */
  async function record(path: string, body: Record<string, unknown>, faults: unknown[] = []) {
    ws.configure({ faults: faults as never });
    const res = await post(ws, path, { ...body, stream: true });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  }

  const chat = { messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 64 };
  const recordings: [string, () => Promise<Uint8Array>, typeof chatParser][] = [
    ['chat', () => record(invocations(LLAMA_70B), chat), chatParser],
    [
      'completion',
      () => record(invocations(COMPLETIONS), { prompt: 'Say hello', max_tokens: 64 }),
      chatParser,
    ],
    [
      'chat with a malformed chunk',
      () => record(invocations(LLAMA_70B), chat, [{ type: 'malformed-chunk', afterTokens: 3 }]),
      chatParser,
    ],
    [
      'chat with an error inside the 200 stream',
      () => record(invocations(LLAMA_70B), chat, [{ type: 'stream-error', afterTokens: 3 }]),
      chatParser,
    ],
    [
      'a Claude answer with thinking',
      () =>
        record(invocations(CLAUDE), {
          ...chat,
          max_tokens: 2048,
          thinking: { type: 'enabled', budget_tokens: 1024 },
        }),
      chatParser,
    ],
    [
      'Responses',
      () => record(RESPONSES, { model: GPT_5_5, input: 'Say hello', reasoning: { effort: 'low' } }),
      responsesParser,
    ],
    [
      'Responses with an error event',
      () =>
        record(RESPONSES, { model: GPT_5_5, input: 'Say hello' }, [{ type: 'stream-error', afterTokens: 2 }]),
      responsesParser,
    ],
  ];

  it.each(recordings)('%s', async (name, _recordIt, make) => {
    const text = new TextDecoder().decode(recorded.get(name));
    for (const bytes of [encode(text), encode(crlf(text))]) {
      expect(trickyPositions(bytes).utf8.length).toBeGreaterThan(0);
      const reference = await holdsForEverySplit(bytes, readerOutcome);
      expect(reference.values.length).toBeGreaterThan(1);
      await holdsForEverySplit(bytes, (parts) => parserOutcome(parts, make));
    }
  });
});
