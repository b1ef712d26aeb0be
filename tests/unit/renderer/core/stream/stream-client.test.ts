import { describe, expect, it } from 'vitest';
import {
  createStreamGroup,
  type StreamApi,
  startStream,
} from '../../../../../renderer/core/stream/stream-client';
import { streamRouterFor } from '../../../../../renderer/core/stream/stream-router';
import type { Metrics } from '../../../../../shared/domain';
import type { StreamEvent } from '../../../../../shared/stream-events';
import { type FakeStreamOptions, fakeStreamApi, manualClock } from './fake-stream-api';

const METRICS: Metrics = {
  startedAt: 0,
  firstByteMs: 5,
  ttftMs: 10,
  totalMs: 100,
  tokensPerSec: 50,
  promptTokens: 3,
  completionTokens: 4,
  usageReported: true,
  retries: 0,
};
const CHAT = { endpoint: 'chat-model', messages: [{ role: 'user' as const, content: 'Hi' }] };
const COMPLETION = { endpoint: 'completions-model', prompt: 'Once' };

/** A group on the fake bridge that records the batches it receives. */
function setup(options: FakeStreamOptions = {}) {
  const fake = fakeStreamApi(options);
  const { clock, frame } = manualClock();
  const batches: StreamEvent[][] = [];
  const group = createStreamGroup(
    () => fake.api,
    (events) => batches.push(events),
    { clock },
  );
  /** Every event delivered so far, as `type:seq` (their stream aside). */
  const seen = () => batches.flat().map((e) => `${e.type}:${e.seq}`);
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { ...fake, group, batches, seen, frame, tick, router: streamRouterFor(fake.api) };
}

/** A promise the test opens when it wants. */
function gate() {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('stream client: ids and routing', () => {
  it('sends a fresh UUID with each start request and listens before sending it', async () => {
    const t = setup();
    const chat = t.group.start('chat', CHAT);
    const completion = t.group.start('completion', COMPLETION);
    expect(chat.streamId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(chat.streamId).not.toBe(completion.streamId);
    expect(t.chats).toEqual([{ ...CHAT, streamId: chat.streamId }]);
    expect(t.completions).toEqual([{ ...COMPLETION, streamId: completion.streamId }]);
    expect(t.router.size).toBe(2);
    expect(await chat.started).toBe(true);
  });

  it('delivers events that come before the start request answers', async () => {
    const g = gate();
    const t = setup({ startGate: g.promise });
    const stream = t.group.start('chat', CHAT);
    t.emit(stream.streamId, 0, { type: 'start', model: 'm' });
    t.frame();
    expect(t.seen()).toEqual(['start:0']);
    g.open();
    expect(await stream.started).toBe(true);
  });

  it("routes each event to its own stream's group only, on one subscription per bridge", async () => {
    const t = setup();
    const other: StreamEvent[][] = [];
    const otherGroup = createStreamGroup(
      () => t.api,
      (events) => other.push(events),
      {
        clock: manualClock().clock,
      },
    );
    const mine = t.group.start('chat', CHAT);
    const theirs = otherGroup.start('chat', CHAT);
    t.emit(theirs.streamId, 0, { type: 'delta', index: 0, text: 'not mine' });
    t.emit(crypto.randomUUID(), 0, { type: 'delta', index: 0, text: 'nobody' });
    t.emit(mine.streamId, 0, { type: 'delta', index: 0, text: 'mine' });
    t.frame();
    expect(t.batches.flat().map((e) => e.streamId)).toEqual([mine.streamId]);
    expect(t.subscriptions()).toBe(1);
  });

  it('hands a frame of events of all its streams over in one batch, a terminal event at once', () => {
    const t = setup();
    const a = t.group.start('chat', CHAT);
    const b = t.group.start('chat', CHAT);
    t.emit(a.streamId, 0, { type: 'delta', index: 0, text: 'a' });
    t.emit(b.streamId, 0, { type: 'delta', index: 0, text: 'b' });
    expect(t.batches).toEqual([]);
    t.frame();
    expect(t.batches).toHaveLength(1);
    expect(t.batches[0]?.map((e) => e.streamId)).toEqual([a.streamId, b.streamId]);
    t.emit(a.streamId, 1, { type: 'delta', index: 0, text: 'a2' });
    t.emit(a.streamId, 2, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    // Not waiting for a frame: the end goes at once, with what came before it.
    expect(t.batches).toHaveLength(2);
    expect(t.batches[1]?.map((e) => e.type)).toEqual(['delta', 'done']);
  });

  it('forgets a stream after its terminal event: later events are dropped', async () => {
    const t = setup();
    const stream = t.group.start('chat', CHAT);
    t.emit(stream.streamId, 0, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    expect(await stream.done).toMatchObject({ type: 'done', seq: 0 });
    expect(t.router.size).toBe(0);
    t.emit(stream.streamId, 0, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.emit(stream.streamId, 1, { type: 'delta', index: 0, text: 'late' });
    t.frame();
    expect(t.seen()).toEqual(['done:0']);
  });
});

describe('stream client: a start that fails', () => {
  it('ends a refused start in one error event and outcome', async () => {
    const error = { code: 'INVALID_INPUT' as const, message: 'That is an embeddings endpoint.' };
    const t = setup({ startErrors: [error] });
    const stream = t.group.start('completion', COMPLETION);
    expect(await stream.started).toBe(false);
    expect(stream.refused).toBe(true);
    expect(t.batches).toEqual([
      [{ type: 'error', streamId: stream.streamId, seq: 0, error, partial: false, metrics: null }],
    ]);
    expect(await stream.done).toMatchObject({ type: 'error', error });
    expect(t.router.size).toBe(0);
  });

  it('ends a start whose bridge call throws in one INTERNAL error, never inside start()', async () => {
    const t = setup();
    const api: StreamApi = {
      ...t.api,
      startChat: () => {
        throw new Error('The bridge is gone.');
      },
    };
    const batches: StreamEvent[][] = [];
    const stream = startStream(api, 'chat', CHAT, { onEvents: (events) => batches.push(events) });
    expect(batches).toEqual([]);
    const end = await stream.done;
    expect(end).toMatchObject({
      type: 'error',
      seq: 0,
      error: { code: 'INTERNAL', message: 'The bridge is gone.' },
    });
    expect(batches.flat()).toEqual([end]);
    expect(stream.refused).toBe(true);
  });
});

describe('stream client: stop', () => {
  it('cancels a running stream, which then ends in aborted', async () => {
    const t = setup();
    const stream = t.group.start('chat', CHAT);
    await stream.started;
    await stream.stop();
    expect(t.cancels).toEqual([stream.streamId]);
    t.emit(stream.streamId, 0, { type: 'aborted', metrics: null });
    expect(await stream.done).toMatchObject({ type: 'aborted', seq: 0 });
  });

  it('before the start answers, cancels by the known id, and again once it is accepted', async () => {
    const g = gate();
    let accepted = false;
    const t = setup({ startGate: g.promise, cancelled: () => accepted });
    const stream = t.group.start('chat', CHAT);
    const stopping = stream.stop();
    await t.tick();
    expect(t.cancels).toEqual([stream.streamId]);
    accepted = true;
    g.open();
    await stopping;
    expect(t.cancels).toEqual([stream.streamId, stream.streamId]);
    // The privileged side cancelled it: its own aborted event ends it.
    expect(t.seen()).toEqual([]);
    t.emit(stream.streamId, 0, { type: 'aborted', metrics: null });
    expect(await stream.done).toMatchObject({ type: 'aborted' });
  });

  it('is a no-op after the terminal event', async () => {
    const t = setup();
    const stream = t.group.start('chat', CHAT);
    t.emit(stream.streamId, 0, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    await stream.stop();
    expect(t.cancels).toEqual([]);
    expect(t.seen()).toEqual(['done:0']);
  });

  it('settles locally in aborted, after the last event, when the privileged side answers cancelled: false', async () => {
    const t = setup({ cancelled: false });
    const stream = t.group.start('chat', CHAT);
    await stream.started;
    t.emit(stream.streamId, 0, { type: 'start', model: 'm' });
    t.emit(stream.streamId, 1, { type: 'delta', index: 0, text: 'kept' });
    await stream.stop();
    expect(t.batches).toHaveLength(1);
    expect(t.seen()).toEqual(['start:0', 'delta:1', 'aborted:2']);
    expect(await stream.done).toEqual({ type: 'aborted', streamId: stream.streamId, seq: 2, metrics: null });
    expect(t.router.size).toBe(0);
    // The real end, if it still comes, is dropped.
    t.emit(stream.streamId, 2, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    expect(t.seen()).toEqual(['start:0', 'delta:1', 'aborted:2']);
  });

  it('stops when its signal aborts, and never starts when it was aborted already', async () => {
    const t = setup();
    const controller = new AbortController();
    const stream = t.group.start('chat', CHAT, { signal: controller.signal });
    await stream.started;
    controller.abort();
    await t.tick();
    expect(t.cancels).toEqual([stream.streamId]);

    const aborted = t.group.start('chat', CHAT, { signal: AbortSignal.abort() });
    expect(await aborted.started).toBe(false);
    expect(await aborted.done).toMatchObject({ type: 'aborted', seq: 0 });
    expect(t.chats).toHaveLength(1);
  });
});
