import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createStreamEmitter,
  type StreamEmitter,
} from '../../../../../electron/services/streams/stream-emitter';
import type { Metrics } from '../../../../../shared/domain';
import { streamEventSchema } from '../../../../../shared/stream-event-schema';
import type { StreamEvent } from '../../../../../shared/stream-events';

const metrics: Metrics = {
  startedAt: 0,
  firstByteMs: 1,
  ttftMs: 2,
  totalMs: 3,
  tokensPerSec: null,
  promptTokens: null,
  completionTokens: null,
  usageReported: false,
  retries: 0,
};

function setup(intervalMs?: number): { emitter: StreamEmitter; events: StreamEvent[] } {
  const events: StreamEvent[] = [];
  const emitter = createStreamEmitter({
    streamId: 's1',
    emit: (e) => events.push(e),
    ...(intervalMs === undefined ? {} : { intervalMs }),
    timers: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as never) },
  });
  return { emitter, events };
}

const deltas = (events: StreamEvent[]) =>
  events.flatMap((e) => (e.type === 'delta' ? [{ index: e.index, text: e.text }] : []));

describe('createStreamEmitter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('emits the first delta at once', () => {
    const { emitter, events } = setup();
    emitter.start('model-a');
    emitter.delta(0, 'Hel');
    expect(events.map((e) => e.type)).toEqual(['start', 'delta']);
    expect(deltas(events)).toEqual([{ index: 0, text: 'Hel' }]);
  });

  it('coalesces later deltas into one event per interval with only the new text', () => {
    const { emitter, events } = setup();
    emitter.delta(0, 'a');
    emitter.delta(0, 'b');
    emitter.delta(0, 'c');
    expect(deltas(events)).toEqual([{ index: 0, text: 'a' }]);
    vi.advanceTimersByTime(23);
    expect(deltas(events)).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(deltas(events)).toEqual([
      { index: 0, text: 'a' },
      { index: 0, text: 'bc' },
    ]);
    emitter.delta(0, 'd');
    emitter.delta(0, 'e');
    vi.advanceTimersByTime(24);
    // Never cumulative: the third event holds only "de".
    expect(deltas(events).map((d) => d.text)).toEqual(['a', 'bc', 'de']);
  });

  it('uses a single timer however many deltas arrive', () => {
    const { emitter } = setup();
    emitter.delta(0, 'first');
    for (let i = 0; i < 1000; i += 1) emitter.delta(0, 'x');
    expect(vi.getTimerCount()).toBe(1);
  });

  it('buffers per choice index and flushes indexes in order', () => {
    const { emitter, events } = setup();
    emitter.delta(1, 'one-');
    emitter.delta(2, 'B');
    emitter.delta(0, 'A');
    emitter.delta(2, 'b');
    vi.advanceTimersByTime(24);
    expect(deltas(events)).toEqual([
      { index: 1, text: 'one-' },
      { index: 0, text: 'A' },
      { index: 2, text: 'Bb' },
    ]);
  });

  it('clamps the interval to 16–33 ms', () => {
    const fast = setup(1);
    fast.emitter.delta(0, 'a');
    fast.emitter.delta(0, 'b');
    vi.advanceTimersByTime(15);
    expect(deltas(fast.events)).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(deltas(fast.events)).toHaveLength(2);

    const slow = setup(1000);
    slow.emitter.delta(0, 'a');
    slow.emitter.delta(0, 'b');
    vi.advanceTimersByTime(33);
    expect(deltas(slow.events)).toHaveLength(2);
  });

  it('flushes pending text before usage and before the terminal event', () => {
    const { emitter, events } = setup();
    emitter.start(null);
    emitter.delta(0, 'a');
    emitter.delta(0, 'b');
    emitter.usage({ promptTokens: 1, completionTokens: 2, totalTokens: 3 });
    emitter.delta(0, 'c');
    emitter.end({ status: 'done', finishReasons: ['stop'], metrics });
    expect(events.map((e) => (e.type === 'delta' ? `delta:${e.text}` : e.type))).toEqual([
      'start',
      'delta:a',
      'delta:b',
      'usage',
      'delta:c',
      'done',
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('numbers events 0,1,2… and every event matches the shared schema', () => {
    const { emitter, events } = setup();
    emitter.start('m');
    emitter.retry(1, 500, { code: 'RATE_LIMITED', message: 'slow down' });
    for (let i = 0; i < 50; i += 1) {
      emitter.delta(i % 2, `t${i}`);
      vi.advanceTimersByTime(7);
    }
    emitter.end({
      status: 'error',
      error: { code: 'NETWORK', message: 'gone' },
      partial: true,
      metrics: null,
    });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    for (const e of events) expect(streamEventSchema.safeParse(e).success).toBe(true);
    expect(events.every((e) => e.streamId === 's1')).toBe(true);
    // Nothing lost: the concatenated deltas per index equal what was sent.
    const text0 = deltas(events)
      .filter((d) => d.index === 0)
      .map((d) => d.text)
      .join('');
    expect(text0).toBe(Array.from({ length: 25 }, (_, i) => `t${i * 2}`).join(''));
  });

  it('emits exactly one terminal event and nothing after it', () => {
    const { emitter, events } = setup();
    emitter.delta(0, 'a');
    emitter.delta(0, 'pending');
    emitter.end({ status: 'aborted', metrics: null });
    emitter.end({ status: 'done', finishReasons: [], metrics });
    emitter.delta(0, 'late');
    emitter.usage({ promptTokens: 1, completionTokens: 1, totalTokens: 2 });
    emitter.start('late');
    vi.advanceTimersByTime(100);
    expect(events.map((e) => e.type)).toEqual(['delta', 'delta', 'aborted']);
    expect(emitter.ended).toBe(true);
  });

  it('maps each outcome to its terminal event', () => {
    const done = setup();
    done.emitter.end({ status: 'done', finishReasons: ['stop', null], metrics });
    expect(done.events[0]).toEqual({
      type: 'done',
      streamId: 's1',
      seq: 0,
      finishReasons: ['stop', null],
      metrics,
    });
    const failed = setup();
    const error = { code: 'SERVER' as const, message: 'boom', status: 500 };
    failed.emitter.end({ status: 'error', error, partial: false, metrics: null });
    expect(failed.events[0]).toEqual({
      type: 'error',
      streamId: 's1',
      seq: 0,
      error,
      partial: false,
      metrics: null,
    });
  });

  it('ignores empty deltas and keeps going when emit throws', () => {
    const events: StreamEvent[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const emitter = createStreamEmitter({
      streamId: 's2',
      emit: (e) => {
        events.push(e);
        if (e.seq === 0) throw new Error('renderer gone');
      },
    });
    emitter.delta(0, '');
    expect(emitter.hasText).toBe(false);
    emitter.delta(0, 'x');
    emitter.end({ status: 'done', finishReasons: ['stop'], metrics });
    expect(events.map((e) => e.type)).toEqual(['delta', 'done']);
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });
});

describe('createStreamEmitter: reasoning and items', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Events without streamId/seq, reasoning shown as `r{item}.{part}:text[+sig]`. */
  const show = (events: StreamEvent[]) =>
    events.map((e) => {
      if (e.type === 'delta') return `d:${e.text}`;
      if (e.type === 'reasoning')
        return `r${e.item}.${e.part}:${e.text}${e.signature ? `+${e.signature}` : ''}${e.encrypted ? `#${e.encrypted}` : ''}`;
      if (e.type === 'item') return `item:${e.item.type}`;
      return e.type;
    });

  it('sends the first reasoning at once, coalesces the rest of its part, and never merges parts', () => {
    const { emitter, events } = setup();
    emitter.start('claude');
    emitter.reasoning(0, { item: 0, part: 0, text: 'Let' });
    emitter.reasoning(0, { item: 0, part: 0, text: ' me' });
    emitter.reasoning(0, { item: 0, part: 0, text: ' think' });
    emitter.reasoning(0, { item: 0, part: 1, text: 'Next' });
    emitter.reasoning(0, { item: 1, part: 0, text: 'Other' });
    vi.advanceTimersByTime(24);
    expect(show(events)).toEqual(['start', 'r0.0:Let', 'r0.0: me think', 'r0.1:Next', 'r1.0:Other']);
  });

  it('keeps the signature on the last event of its part, and opens a new run after it', () => {
    const { emitter, events } = setup();
    emitter.reasoning(0, { item: 0, part: 0, text: 'a' });
    emitter.reasoning(0, { item: 0, part: 0, text: 'b' });
    emitter.reasoning(0, { item: 0, part: 0, text: '', signature: 'SIG' });
    // A (misbehaving) later piece of the same part is not merged into the signed event.
    emitter.reasoning(0, { item: 0, part: 0, text: 'c' });
    emitter.reasoning(0, { item: 0, part: 1, text: '', encrypted: 'DATA' });
    emitter.end({ status: 'done', finishReasons: ['stop'], metrics });
    expect(show(events)).toEqual(['r0.0:a', 'r0.0:b+SIG', 'r0.0:c', 'r0.1:#DATA', 'done']);
    for (const e of events) expect(streamEventSchema.safeParse(e).success).toBe(true);
  });

  it('a signature on the very first piece, or one whose text already went out, is still sent', () => {
    const { emitter, events } = setup();
    emitter.reasoning(0, { item: 0, part: 0, text: 'x', signature: 'S1' });
    emitter.reasoning(0, { item: 0, part: 1, text: 'y' });
    vi.advanceTimersByTime(24);
    emitter.reasoning(0, { item: 0, part: 1, text: '', signature: 'S2' });
    vi.advanceTimersByTime(24);
    expect(show(events)).toEqual(['r0.0:x+S1', 'r0.1:y', 'r0.1:+S2']);
  });

  it('flushes pending reasoning before the answer starts, and sends the first answer text at once', () => {
    const { emitter, events } = setup();
    emitter.reasoning(0, { item: 0, part: 0, text: 'think' });
    emitter.reasoning(0, { item: 0, part: 0, text: 'ing' });
    emitter.reasoning(0, { item: 0, part: 0, text: '', signature: 'S' });
    emitter.delta(0, 'Answer');
    expect(show(events)).toEqual(['r0.0:think', 'r0.0:ing+S', 'd:Answer']);
    emitter.delta(0, ' more');
    emitter.reasoning(0, { item: 1, part: 0, text: 'again' });
    emitter.delta(0, ' end');
    vi.advanceTimersByTime(24);
    expect(show(events)).toEqual(['r0.0:think', 'r0.0:ing+S', 'd:Answer', 'd: more', 'r1.0:again', 'd: end']);
  });

  it('keeps the item id, sends items in order after pending text, and counts them as output', () => {
    const { emitter, events } = setup();
    emitter.reasoning(0, { item: 0, part: 0, text: 'plan', itemId: 'rs_1' });
    emitter.reasoning(0, { item: 0, part: 0, text: '!', itemId: 'rs_1' });
    emitter.item(0, { type: 'function_call', callId: 'c1', name: 'lookup', arguments: '{}' });
    emitter.item(0, { type: 'function_call_output', callId: 'c1', output: '42' });
    emitter.delta(0, 'It is 42.');
    expect(show(events)).toEqual([
      'r0.0:plan',
      'r0.0:!',
      'item:function_call',
      'item:function_call_output',
      'd:It is 42.',
    ]);
    expect(events[1]).toMatchObject({ type: 'reasoning', itemId: 'rs_1' });
    expect(emitter.hasText).toBe(true);
  });

  it('drops empty reasoning with nothing to keep, and nothing goes out after the end', () => {
    const { emitter, events } = setup();
    emitter.reasoning(0, { item: 0, part: 0, text: '' });
    expect(emitter.hasText).toBe(false);
    emitter.end({ status: 'aborted', metrics: null });
    emitter.reasoning(0, { item: 0, part: 0, text: 'late' });
    emitter.item(0, { type: 'function_call_output', callId: 'c', output: '' });
    expect(show(events)).toEqual(['aborted']);
  });
});
