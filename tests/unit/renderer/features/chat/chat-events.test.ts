import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../../renderer/core/db/records';
import { applyStreamEvents, type StreamLink } from '../../../../../renderer/features/chat/chat-events';
import type { StreamEvent, StreamEventBody } from '../../../../../shared/stream-events';
import { METRICS } from './harness';

/* The chat reducer under reasoning and item events: parts, items, signatures, n > 1. */

const answer = (patch: Partial<MessageRecord> = {}): MessageRecord => ({
  id: 'a',
  conversationId: 'c',
  parentId: 'u',
  role: 'assistant',
  content: '',
  createdAt: 1,
  status: 'streaming',
  choices: [],
  selectedChoice: 0,
  ...patch,
});

/** Applies `bodies` as one stream's events (seq 0, 1, …) to message `a`. */
function run(bodies: StreamEventBody[], message = answer(), link: Partial<StreamLink> = {}) {
  const links = new Map<string, StreamLink>([
    ['s', { messageId: 'a', lastSeq: -1, ended: false, previous: null, ...link }],
  ]);
  const events = bodies.map((b, seq) => ({ ...b, streamId: 's', seq }) as StreamEvent);
  return applyStreamEvents({ a: message }, links, events);
}

const reasoning = (index: number, item: number, part: number, text: string, extra = {}): StreamEventBody => ({
  type: 'reasoning',
  index,
  item,
  part,
  text,
  ...extra,
});

describe('applyStreamEvents: reasoning', () => {
  it('builds the choice reasoning part by part, signatures attached, before the text', () => {
    const result = run([
      reasoning(0, 0, 0, 'Let me '),
      reasoning(0, 0, 0, 'think.', { signature: 'sig-a' }),
      reasoning(0, 0, 1, 'More.', { signature: 'sig-b' }),
      { type: 'delta', index: 0, text: 'Answer.' },
      { type: 'done', finishReasons: ['stop'], metrics: { ...METRICS, reasoningTokens: 3 } },
    ]);
    const m = result.messages.a as MessageRecord;
    expect(m.content).toBe('Answer.');
    expect(m.choices).toEqual([
      {
        text: 'Answer.',
        finishReason: 'stop',
        reasoning: [
          {
            summary: [
              { type: 'summary_text', text: 'Let me think.', signature: 'sig-a' },
              { type: 'summary_text', text: 'More.', signature: 'sig-b' },
            ],
          },
        ],
      },
    ]);
    expect(m.metrics?.reasoningTokens).toBe(3);
    expect(result.changed).toEqual(['a']);
  });

  it('keeps each choice its own reasoning when n > 1', () => {
    const result = run([
      reasoning(1, 0, 0, 'second choice thinks'),
      reasoning(0, 0, 0, 'first choice thinks'),
      { type: 'delta', index: 0, text: 'one' },
      { type: 'delta', index: 1, text: 'two' },
    ]);
    const choices = (result.messages.a as MessageRecord).choices ?? [];
    expect(choices.map((c) => c.reasoning?.[0]?.summary[0])).toEqual([
      { type: 'summary_text', text: 'first choice thinks' },
      { type: 'summary_text', text: 'second choice thinks' },
    ]);
    expect(choices.map((c) => c.text)).toEqual(['one', 'two']);
  });

  it('puts a continuation reasoning after the items the choice had, never into them', () => {
    const signed = { summary: [{ type: 'summary_text' as const, text: 'old', signature: 'sig' }] };
    const message = answer({
      content: 'Part',
      choices: [{ text: 'Part', finishReason: 'length', reasoning: [signed] }],
    });
    const result = run([reasoning(0, 0, 0, 'new')], message, { choice: 0, reasoningBase: 1 });
    expect((result.messages.a as MessageRecord).choices?.[0]?.reasoning).toEqual([
      signed,
      { summary: [{ type: 'summary_text', text: 'new' }] },
    ]);
  });

  it('keeps an encrypted part and an item id as received', () => {
    const result = run([reasoning(0, 0, 0, '', { encrypted: 'ENC', itemId: 'rs_9' })]);
    expect((result.messages.a as MessageRecord).choices?.[0]?.reasoning).toEqual([
      { id: 'rs_9', summary: [{ type: 'summary_encrypted_text', data: 'ENC' }] },
    ]);
  });

  it('clears a retry notice once reasoning arrives', () => {
    const reason = { code: 'RATE_LIMITED' as const, message: 'slow down' };
    expect(run([{ type: 'retry', attempt: 1, delayMs: 1000, reason }]).notice).toMatch(/Retrying/);
    expect(run([reasoning(0, 0, 0, 'x')]).notice).toBeNull();
  });
});

describe('applyStreamEvents: agent items', () => {
  it('appends tool calls and outputs in order, beside the reasoning and the text', () => {
    const call = {
      type: 'function_call' as const,
      callId: 'c1',
      name: 'lookup_order',
      arguments: '{"id":1}',
    };
    const output = { type: 'function_call_output' as const, callId: 'c1', output: '{"ok":true}' };
    const result = run([
      reasoning(0, 0, 0, 'Look it up.'),
      { type: 'item', index: 0, item: call },
      { type: 'item', index: 0, item: output },
      { type: 'delta', index: 0, text: 'It shipped.' },
    ]);
    const choice = (result.messages.a as MessageRecord).choices?.[0];
    expect(choice?.items).toEqual([call, output]);
    expect(choice?.text).toBe('It shipped.');
    expect(choice?.reasoning).toHaveLength(1);
  });
});
