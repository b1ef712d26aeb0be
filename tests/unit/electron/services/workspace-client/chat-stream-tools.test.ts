import { describe, expect, it } from 'vitest';
import { ChatStreamParser } from '../../../../../electron/services/workspace-client/chat-stream';
import { type Clock, MetricsRecorder } from '../../../../../electron/services/workspace-client/metrics';
import { readSseJson } from '../../../../../electron/services/workspace-client/sse';
import { StreamOutput } from '../../../../../electron/services/workspace-client/stream-output';
import { recordingSink, sse, TOOL_CALLS, TOOL_CALLS_CALLS } from './recorded-streams';

/* Chat Completions tool calls: fragments assembled into one item per call. */

async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

/** Reads SSE bytes (in the given pieces) through the chat parser into a recording sink. */
async function parse(parts: Uint8Array[], rec = new MetricsRecorder()) {
  const { calls, sink } = recordingSink();
  const out = new StreamOutput(sink, rec);
  const parser = new ChatStreamParser(out, null);
  for await (const value of readSseJson(chunks(parts))) parser.event(value);
  parser.end();
  return { calls, reasons: out.finishReasons, out };
}

/** Feeds chunk objects (no SSE), then ends the stream; returns the sink calls after `start`. */
function feed(...values: unknown[]) {
  const { calls, sink } = recordingSink();
  const out = new StreamOutput(sink, new MetricsRecorder());
  const parser = new ChatStreamParser(out, null);
  for (const v of values) parser.event(v);
  const beforeEnd = calls.length;
  parser.end();
  return { calls: calls.filter((c) => c[0] !== 'start'), beforeEnd, out };
}

const fragment = (choice: number, calls: unknown[], finish: string | null = null) => ({
  choices: [{ index: choice, delta: { tool_calls: calls }, finish_reason: finish }],
});
const call = (callId: string, name: string, args: string) => ({
  type: 'function_call',
  callId,
  name,
  arguments: args,
});

describe('ChatStreamParser tool calls', () => {
  const bytes = new TextEncoder().encode(TOOL_CALLS);

  it('writes the text first, then one item per call in index order, at finish_reason', async () => {
    const { calls, reasons } = await parse([bytes]);
    expect(calls).toEqual(TOOL_CALLS_CALLS);
    expect(reasons).toEqual(['tool_calls']);
  });

  it('gives the same calls whatever the byte split of the stream (every split point, and 1-byte chunks)', async () => {
    for (let i = 1; i < bytes.length; i++) {
      const { calls } = await parse([bytes.subarray(0, i), bytes.subarray(i)]);
      if (JSON.stringify(calls) !== JSON.stringify(TOOL_CALLS_CALLS))
        expect({ splitAt: i, calls }).toEqual({ splitAt: i, calls: TOOL_CALLS_CALLS });
    }
    const oneByte = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect((await parse(oneByte)).calls).toEqual(TOOL_CALLS_CALLS);
  });

  it('gives the same calls whatever the split of every argument string into fragments', () => {
    const args = '{"q":"naïve 🧪","n":2}';
    for (let i = 0; i <= args.length; i++) {
      const { calls } = feed(
        fragment(0, [{ index: 0, id: 'c1', function: { name: 'search', arguments: args.slice(0, i) } }]),
        fragment(0, [{ index: 0, function: { arguments: args.slice(i) } }], 'tool_calls'),
      );
      expect(calls).toEqual([['item', 0, call('c1', 'search', args)]]);
    }
  });

  it('keeps interleaved parallel calls apart, written in index order whatever order they began in', () => {
    const { calls } = feed(
      fragment(0, [{ index: 2, id: 'c2', function: { name: 'third', arguments: '{"x"' } }]),
      fragment(0, [
        { index: 0, id: 'c0', function: { name: 'first', arguments: '{' } },
        { index: 1, id: 'c1', function: { name: 'second', arguments: '{}' } },
      ]),
      fragment(0, [
        { index: 2, function: { arguments: ':1}' } },
        { index: 0, function: { arguments: '}' } },
      ]),
      fragment(0, [], 'tool_calls'),
    );
    expect(calls).toEqual([
      ['item', 0, call('c0', 'first', '{}')],
      ['item', 0, call('c1', 'second', '{}')],
      ['item', 0, call('c2', 'third', '{"x":1}')],
    ]);
  });

  it('keeps the calls of different choices apart and writes each at its own finish', () => {
    const { calls } = feed(
      fragment(0, [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"c":0' } }]),
      fragment(1, [{ index: 0, id: 'b', function: { name: 'g', arguments: '{"c":1' } }]),
      fragment(1, [{ index: 0, function: { arguments: '}' } }], 'tool_calls'),
      fragment(0, [{ index: 0, function: { arguments: '}' } }], 'tool_calls'),
    );
    expect(calls).toEqual([
      ['item', 1, call('b', 'g', '{"c":1}')],
      ['item', 0, call('a', 'f', '{"c":0}')],
    ]);
  });

  it('reads whole (non-streamed) messages: text, then every call, with ids or generated ones', () => {
    const { calls, out } = feed({
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              {
                id: 'call_x',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
              },
              { type: 'function', function: { name: 'get_time', arguments: { tz: 'UTC' } } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    });
    expect(calls).toEqual([
      ['delta', 0, 'Checking.'],
      ['item', 0, call('call_x', 'get_weather', '{"city":"Oslo"}')],
      ['item', 0, call('call_0_1', 'get_time', '{"tz":"UTC"}')],
    ]);
    expect(out.finishReasons).toEqual(['tool_calls']);
  });

  it('reads a whole answer given to whole(), even without a finish reason', () => {
    const { calls, sink } = recordingSink();
    const out = new StreamOutput(sink, new MetricsRecorder());
    new ChatStreamParser(out, null).whole({
      choices: [{ message: { tool_calls: [{ id: 'k', function: { name: 'f', arguments: '{}' } }] } }],
    });
    expect(calls.filter((c) => c[0] === 'item')).toEqual([['item', 0, call('k', 'f', '{}')]]);
  });

  it('writes the calls at the end of a stream that never sent a finish reason', () => {
    const { calls, beforeEnd } = feed(
      fragment(0, [{ index: 0, function: { name: 'f', arguments: '{"a":' } }]),
      fragment(0, [{ index: 0, function: { arguments: '1}' } }]),
      fragment(1, [{ index: 0, id: 'z', function: { name: 'g', arguments: '' } }]),
    );
    expect(beforeEnd).toBe(1); // only `start` before the end
    expect(calls).toEqual([
      ['item', 0, call('call_0_0', 'f', '{"a":1}')],
      ['item', 1, call('z', 'g', '')],
    ]);
  });

  it('keeps the first id and name when a server repeats them, and ignores an empty finish reason', () => {
    const { calls, beforeEnd } = feed(
      fragment(0, [{ index: 0, id: 'c', function: { name: 'f', arguments: '{' } }], ''),
      fragment(0, [{ index: 0, id: 'c', function: { name: 'f', arguments: '}' } }], ''),
    );
    expect(beforeEnd).toBe(1);
    expect(calls).toEqual([['item', 0, call('c', 'f', '{}')]]);
  });

  it('tells calls apart by id when a server sends no index', () => {
    const { calls } = feed(
      fragment(0, [{ id: 'a', function: { name: 'f', arguments: '{"n":' } }]),
      fragment(0, [{ function: { arguments: '1}' } }]),
      fragment(0, [{ id: 'b', function: { name: 'g', arguments: '{}' } }], 'tool_calls'),
    );
    expect(calls).toEqual([
      ['item', 0, call('a', 'f', '{"n":1}')],
      ['item', 0, call('b', 'g', '{}')],
    ]);
  });

  it('skips what it cannot read', () => {
    const { calls } = feed(
      fragment(0, 'nope' as unknown as unknown[]),
      fragment(0, [null, 3, { index: 0, function: 'x' }]),
      fragment(0, [{ index: 0, id: 'c', function: { name: 5, arguments: null } }], 'tool_calls'),
    );
    expect(calls).toEqual([['item', 0, call('c', '', '')]]);
  });

  it('counts a tool-call-only answer as output: TTFT at the first fragment, tokens/s over the arguments', async () => {
    let t = 0;
    const clock: Clock = { now: () => t, wallNow: () => 1_000 };
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    const stream = sse([
      fragment(0, [{ index: 0, id: 'c', function: { name: 'f', arguments: '{"a":' } }]),
      fragment(0, [{ index: 0, function: { arguments: '1}' } }], 'tool_calls'),
    ]);
    const { sink } = recordingSink();
    const out = new StreamOutput(sink, rec);
    const parser = new ChatStreamParser(out, null);
    const events = [];
    for await (const value of readSseJson(chunks([new TextEncoder().encode(stream)]))) events.push(value);
    t = 100;
    parser.event(events[0]);
    t = 300;
    parser.event(events[1]);
    parser.end();
    t = 400;
    expect(out.hasOutput).toBe(true);
    const metrics = rec.finish();
    expect(metrics.ttftMs).toBe(100);
    expect(metrics.completionTokens).toBeGreaterThan(0);
    expect(metrics.tokensPerSec).not.toBeNull();
  });

  it('a whole tool-call-only answer has TTFT = the total time, like any whole answer', () => {
    let t = 0;
    const rec = new MetricsRecorder({ now: () => t, wallNow: () => 1_000 });
    rec.markSent();
    t = 250;
    rec.markWhole();
    const { sink } = recordingSink();
    new ChatStreamParser(new StreamOutput(sink, rec), null).whole({
      choices: [{ message: { tool_calls: [{ id: 'k', function: { name: 'f', arguments: '{}' } }] } }],
    });
    expect(rec.finish().ttftMs).toBe(250);
  });
});
