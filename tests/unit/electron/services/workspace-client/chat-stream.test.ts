import { describe, expect, it } from 'vitest';
import { ChatStreamParser } from '../../../../../electron/services/workspace-client/chat-stream';
import { MetricsRecorder } from '../../../../../electron/services/workspace-client/metrics';
import { readSseJson } from '../../../../../electron/services/workspace-client/sse';
import { StreamOutput } from '../../../../../electron/services/workspace-client/stream-output';
import { CLAUDE_THINKING, CLAUDE_THINKING_CALLS, recordingSink } from './recorded-streams';

/* Chat Completions chunks whose content is an array of reasoning and text items. */

async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

/** Reads SSE bytes (in the given pieces) through the chat parser into a recording sink. */
async function parse(parts: Uint8Array[]) {
  const { calls, sink } = recordingSink();
  const rec = new MetricsRecorder();
  const out = new StreamOutput(sink, rec);
  const parser = new ChatStreamParser(out, null);
  for await (const value of readSseJson(chunks(parts))) parser.event(value);
  parser.end();
  return { calls, reasons: out.finishReasons, rec };
}

/** Feeds whole chunk objects (no SSE) and returns the sink calls. */
function feed(...values: unknown[]) {
  const { calls, sink } = recordingSink();
  const out = new StreamOutput(sink, new MetricsRecorder());
  const parser = new ChatStreamParser(out, null);
  for (const v of values) parser.event(v);
  return { calls: calls.filter((c) => c[0] !== 'start'), out };
}

const delta = (content: unknown, index = 0) => ({ choices: [{ index, delta: { content } }] });
const piece = (text: string, signature?: string | null) => [
  { type: 'reasoning', summary: [{ type: 'summary_text', text, signature }] },
];

describe('ChatStreamParser', () => {
  const bytes = new TextEncoder().encode(CLAUDE_THINKING);

  it('turns a Claude answer with thinking into reasoning pieces, signatures and answer deltas', async () => {
    const { calls, reasons, rec } = await parse([bytes]);
    expect(calls).toEqual(CLAUDE_THINKING_CALLS);
    expect(reasons).toEqual(['stop']);
    expect(rec.finish().reasoningTokens).toBe(64);
  });

  it('gives the same calls whatever the byte split of the stream (every split point, and 1-byte chunks)', async () => {
    for (let i = 1; i < bytes.length; i++) {
      const { calls } = await parse([bytes.subarray(0, i), bytes.subarray(i)]);
      // Compare cheaply, report precisely.
      if (JSON.stringify(calls) !== JSON.stringify(CLAUDE_THINKING_CALLS))
        expect({ splitAt: i, calls }).toEqual({ splitAt: i, calls: CLAUDE_THINKING_CALLS });
    }
    const oneByte = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect((await parse(oneByte)).calls).toEqual(CLAUDE_THINKING_CALLS);
  });

  it('starts a new reasoning item when reasoning follows answer text, and a new part after a signature', () => {
    const { calls } = feed(
      delta(piece('a')),
      delta(piece('b', 'S0')),
      delta(piece('c')),
      delta('text'),
      delta(piece('again')),
    );
    expect(calls).toEqual([
      ['reasoning', 0, { item: 0, part: 0, text: 'a' }],
      ['reasoning', 0, { item: 0, part: 0, text: 'b', signature: 'S0' }],
      ['reasoning', 0, { item: 0, part: 1, text: 'c' }],
      ['delta', 0, 'text'],
      ['reasoning', 0, { item: 1, part: 0, text: 'again' }],
    ]);
  });

  it('reads a whole (non-streamed) message: several items, several parts each, then the text', () => {
    const message = {
      choices: [
        {
          message: {
            role: 'assistant',
            content: [
              {
                type: 'reasoning',
                summary: [
                  { type: 'summary_text', text: 'one', signature: 'S1' },
                  { type: 'summary_text', text: 'two', signature: 'S2' },
                ],
              },
              { type: 'reasoning', summary: [{ type: 'summary_encrypted_text', data: 'E' }] },
              { type: 'text', text: 'Answer.' },
            ],
          },
          finish_reason: 'stop',
        },
      ],
    };
    const { calls, out } = feed(message);
    expect(calls).toEqual([
      ['reasoning', 0, { item: 0, part: 0, text: 'one', signature: 'S1' }],
      ['reasoning', 0, { item: 0, part: 1, text: 'two', signature: 'S2' }],
      ['reasoning', 0, { item: 1, part: 0, text: '', encrypted: 'E' }],
      ['delta', 0, 'Answer.'],
    ]);
    expect(out.finishReasons).toEqual(['stop']);
  });

  it('keeps choices apart, and skips what it cannot read', () => {
    const { calls } = feed(
      delta(piece('zero'), 0),
      delta(piece('one'), 1),
      delta([{ type: 'reasoning', summary: 'not a list' }, 7, { type: 'image', url: 'x' }]),
      delta([{ type: 'reasoning', summary: [{ type: 'summary_text', text: 3 }, null] }]),
      delta(piece('', null)),
      { choices: [{ index: 0, delta: { content: [{ type: 'text', text: 'A' }] } }, 'junk'] },
      { choices: 'nope' },
      null,
    );
    expect(calls).toEqual([
      ['reasoning', 0, { item: 0, part: 0, text: 'zero' }],
      ['reasoning', 1, { item: 0, part: 0, text: 'one' }],
      ['delta', 0, 'A'],
    ]);
  });

  it('still reads plain string content and completion text', () => {
    const { calls } = feed(delta('Hel'), delta('lo'), {
      choices: [{ index: 1, text: 'done', finish_reason: 'length' }],
    });
    expect(calls).toEqual([
      ['delta', 0, 'Hel'],
      ['delta', 0, 'lo'],
      ['delta', 1, 'done'],
    ]);
  });
});
