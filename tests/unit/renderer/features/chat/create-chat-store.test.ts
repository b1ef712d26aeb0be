import { describe, expect, it } from 'vitest';
import type { FrameClock } from '../../../../../renderer/app/frame-batcher';
import type { AssistantEntry } from '../../../../../renderer/features/chat/chat-events';
import { createChatStore } from '../../../../../renderer/features/chat/create-chat-store';
import type { RequestOf, StudioApi } from '../../../../../shared/contract';
import type { Metrics } from '../../../../../shared/domain';
import { fail, ok, type StudioError } from '../../../../../shared/errors';
import type { StreamEvent, StreamEventBody } from '../../../../../shared/stream-events';

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

/** A StudioApi double: records chat requests, lets the test push stream events. */
function fakeApi(options: { startError?: StudioError; cancelled?: boolean } = {}) {
  let listener: ((e: StreamEvent) => void) | null = null;
  const chats: RequestOf<'startChat'>[] = [];
  const cancels: string[] = [];
  let streams = 0;
  const api = {
    onStreamEvent(l: (e: StreamEvent) => void) {
      listener = l;
      return () => {
        listener = null;
      };
    },
    async startChat(request: RequestOf<'startChat'>) {
      chats.push(request);
      if (options.startError)
        return fail(options.startError.code, options.startError.message, options.startError);
      return ok({ streamId: `s${++streams}` });
    },
    async cancelStream({ streamId }: { streamId: string }) {
      cancels.push(streamId);
      return ok({ cancelled: options.cancelled ?? true });
    },
  } as unknown as StudioApi;
  const emit = (streamId: string, seq: number, body: StreamEventBody) =>
    listener?.({ ...body, streamId, seq } as StreamEvent);
  return { api, chats, cancels, emit };
}

/** A clock whose frames run only when the test says so. */
function manualClock() {
  let frames: (() => void)[] = [];
  const clock: FrameClock = {
    requestFrame(cb) {
      frames.push(cb);
      return () => {
        frames = frames.filter((f) => f !== cb);
      };
    },
    setTimer: () => () => undefined,
    isHidden: () => false,
  };
  const frame = () => {
    const due = frames;
    frames = [];
    for (const f of due) f();
  };
  return { clock, frame };
}

function setup(options: Parameters<typeof fakeApi>[0] = {}, demo = false) {
  const fake = fakeApi(options);
  const { clock, frame } = manualClock();
  const store = createChatStore({ getApi: () => fake.api, isDemoWorkspace: () => demo, clock });
  store.getState().setEndpoint('chat-model');
  const last = () => store.getState().messages.at(-1) as AssistantEntry;
  const send = async (text: string) => {
    store.getState().setDraft(text);
    await store.getState().send();
  };
  return { ...fake, store, frame, last, send };
}

describe('chat store', () => {
  it('sends system prompt + history and applies deltas in order, once per frame', async () => {
    const t = setup();
    t.store.getState().setSystemPrompt('Be brief.');
    await t.send('Hello');
    expect(t.chats[0]).toEqual({
      endpoint: 'chat-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      params: {},
    });
    expect(t.store.getState().draft).toBe('');
    t.emit('s1', 0, { type: 'start', model: 'm' });
    t.emit('s1', 1, { type: 'delta', index: 0, text: 'Hi' });
    t.emit('s1', 2, { type: 'delta', index: 0, text: ' there' });
    expect(t.last().content).toBe(''); // nothing applied before the frame
    t.frame();
    expect(t.last()).toMatchObject({ content: 'Hi there', status: 'streaming', model: 'm' });
    t.emit('s1', 3, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    expect(t.last()).toMatchObject({ status: 'done', finishReason: 'stop', metrics: METRICS });
    expect(t.store.getState().activeId).toBeNull();
  });

  it('ignores duplicate and stale seq numbers and events after the end', async () => {
    const t = setup();
    await t.send('Hello');
    t.emit('s1', 0, { type: 'delta', index: 0, text: 'a' });
    t.emit('s1', 0, { type: 'delta', index: 0, text: 'a' });
    t.frame();
    t.emit('s1', 1, { type: 'delta', index: 0, text: 'b' });
    t.emit('s1', 0, { type: 'delta', index: 0, text: 'a' });
    t.emit('s1', 2, { type: 'done', finishReasons: [null], metrics: METRICS });
    t.emit('s1', 3, { type: 'delta', index: 0, text: 'late' });
    t.frame();
    expect(t.last()).toMatchObject({ content: 'ab', status: 'done' });
  });

  it('sends history with earlier answers on the next turn', async () => {
    const t = setup();
    await t.send('One');
    t.emit('s1', 0, { type: 'delta', index: 0, text: 'Answer' });
    t.emit('s1', 1, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    await t.send('Two');
    expect(t.chats[1]?.messages).toEqual([
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'Answer' },
      { role: 'user', content: 'Two' },
    ]);
  });

  it('stop cancels the stream and keeps the text as stopped', async () => {
    const t = setup();
    await t.send('Hello');
    t.emit('s1', 0, { type: 'delta', index: 0, text: 'partial' });
    t.frame();
    await t.store.getState().stop();
    expect(t.cancels).toEqual(['s1']);
    t.emit('s1', 1, { type: 'aborted', metrics: null });
    t.frame();
    expect(t.last()).toMatchObject({ content: 'partial', status: 'stopped' });
    expect(t.store.getState().activeId).toBeNull();
  });

  it('settles a stream the privileged side no longer knows as stopped', async () => {
    const t = setup({ cancelled: false });
    await t.send('Hello');
    t.emit('s1', 0, { type: 'delta', index: 0, text: 'kept' });
    await t.store.getState().stop();
    expect(t.last()).toMatchObject({ content: 'kept', status: 'stopped' });
  });

  it('an error after text keeps the text, interrupted, and leaves the draft alone', async () => {
    const t = setup();
    await t.send('Hello');
    t.emit('s1', 0, { type: 'delta', index: 0, text: 'half' });
    t.emit('s1', 1, {
      type: 'error',
      error: { code: 'NETWORK', message: 'Connection reset.' },
      partial: true,
      metrics: null,
    });
    t.frame();
    expect(t.last()).toMatchObject({ content: 'half', status: 'error', failed: false });
    expect(t.last().error?.message).toBe('Connection reset.');
    expect(t.store.getState().draft).toBe('');
  });

  it('an error before any text fails the turn and restores the draft', async () => {
    const t = setup();
    await t.send('Please answer');
    const error: StudioError = {
      code: 'RATE_LIMITED',
      message: 'Slow down.',
      limit: 'queries',
      retryAfterSec: 3,
    };
    t.emit('s1', 0, { type: 'error', error, partial: false, metrics: null });
    t.frame();
    expect(t.last()).toMatchObject({ status: 'error', failed: true, error });
    expect(t.store.getState().draft).toBe('Please answer');
    expect(t.store.getState().messages[0]).toMatchObject({ role: 'user', failed: true });
    // Sending again drops the failed turn and does not send it twice.
    await t.send('Please answer');
    expect(t.chats[1]?.messages).toEqual([{ role: 'user', content: 'Please answer' }]);
    expect(t.store.getState().messages).toHaveLength(2);
  });

  it('a refused start fails the turn and restores the draft', async () => {
    const t = setup({ startError: { code: 'NOT_CONFIGURED', message: 'No workspace.' } });
    await t.send('Hi');
    expect(t.last()).toMatchObject({ status: 'error', failed: true });
    expect(t.store.getState().draft).toBe('Hi');
    expect(t.store.getState().activeId).toBeNull();
  });

  it('shows a retry notice, cleared by the first delta', async () => {
    const t = setup();
    await t.send('Hi');
    t.emit('s1', 0, {
      type: 'retry',
      attempt: 1,
      delayMs: 2000,
      reason: { code: 'RATE_LIMITED', message: 'x', limit: 'output-tokens' },
    });
    t.frame();
    expect(t.last().retryNotice).toBe('Retrying in 2s (rate limited: output tokens per minute)');
    t.emit('s1', 1, { type: 'delta', index: 0, text: 'ok' });
    t.frame();
    expect(t.last().retryNotice).toBeNull();
  });

  it('retry replaces an interrupted answer and resends the same history', async () => {
    const t = setup();
    await t.send('Hello');
    t.emit('s1', 0, { type: 'delta', index: 0, text: 'half' });
    t.emit('s1', 1, {
      type: 'error',
      error: { code: 'SERVER', message: 'Boom.' },
      partial: true,
      metrics: null,
    });
    t.frame();
    await t.store.getState().retry(t.last().id);
    expect(t.chats[1]?.messages).toEqual([{ role: 'user', content: 'Hello' }]);
    expect(t.store.getState().messages).toHaveLength(2);
    expect(t.last()).toMatchObject({ status: 'streaming', content: '', streamId: 's2' });
  });

  it('labels answers from the demo workspace as synthetic', async () => {
    const t = setup({}, true);
    await t.send('Hi');
    expect(t.last().synthetic).toBe(true);
  });

  it('does not send without an endpoint or text, or while streaming', async () => {
    const t = setup();
    await t.send('   ');
    expect(t.chats).toHaveLength(0);
    await t.send('One');
    await t.send('Two');
    expect(t.chats).toHaveLength(1);
    expect(t.store.getState().draft).toBe('Two');
  });
});
