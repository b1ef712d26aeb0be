import { describe, expect, it, vi } from 'vitest';
import { CONTINUE_PROMPT } from '../../../../../renderer/features/chat/chat-history';
import type { StudioError } from '../../../../../shared/errors';
import { METRICS, setup } from './harness';

describe('chat store: saving, reload, continue, recovery', () => {
  it('sends a first message without waiting for its new conversation to be written, and still stores both', async () => {
    const t = setup();
    let release: () => void = () => {};
    const create = t.repo.create;
    t.repo.create = async (record) => {
      // The write is held: the request must not wait for it.
      await new Promise<void>((r) => (release = r));
      return create(record);
    };
    const sent = t.send('Hello');
    await vi.waitFor(() => expect(t.chats).toHaveLength(1));
    expect(await t.repo.get(t.state().conversationId ?? '')).toBeUndefined();
    release();
    await sent;
    t.answer(1, 'Hi there');
    await t.settle();
    const id = t.state().conversationId ?? '';
    expect(await t.repo.get(id)).toMatchObject({ title: 'Hello', activeLeafId: t.last().id });
    expect((await t.repo.messages(id)).map((m) => m.content)).toEqual(['Hello', 'Hi there']);
  });

  it('saves a streaming answer at most once per interval, and at once on the terminal event', async () => {
    const t = setup({ saveIntervalMs: 500 });
    const writes: number[] = [];
    const putMessages = t.repo.putMessages;
    t.repo.putMessages = async (ms) => {
      writes.push(ms.length);
      await putMessages(ms);
    };
    await t.send('Hello');
    const before = writes.length; // the user message and the empty answer
    for (let i = 0; i < 10; i++) {
      t.emit(t.id(1), i, { type: 'delta', index: 0, text: `${i}` });
      t.frame();
      t.saver.advance(100);
      // Writes are chained on a promise: let it run.
      await new Promise((r) => setTimeout(r, 0));
    }
    // 1 s of frames every 100 ms: two writes, not ten.
    expect(writes.length - before).toBe(2);
    t.emit(t.id(1), 10, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    await vi.waitFor(async () => {
      const stored = await t.repo.messages(t.state().conversationId ?? '');
      expect(stored.at(-1)).toMatchObject({ content: '0123456789', status: 'done' });
    });
  });

  it('a message left streaming on disk opens as interrupted, partial text kept and saved', async () => {
    const t = setup();
    await t.send('Story please');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'Once upon' });
    t.frame();
    await t.settle();
    const id = t.state().conversationId ?? '';
    // A reload: the in-memory state is gone, the database stays.
    const fresh = t.store;
    fresh.setState({ conversationId: null, messages: {}, thread: [], activeId: null });
    await fresh.getState().openConversation(id);
    expect(t.last()).toMatchObject({ status: 'interrupted', content: 'Once upon' });
    const stored = await t.repo.messages(id);
    expect(stored.at(-1)?.status).toBe('interrupted');
  });

  it('Continue sends the partial answer and an instruction, and appends to the same message', async () => {
    const t = setup();
    t.state().setParams({ n: 2, temperature: 0 });
    await t.send('Count');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'one two' });
    t.emit(t.id(1), 1, { type: 'aborted', metrics: METRICS });
    t.frame();
    const id = t.last().id;
    await t.state().continueAnswer(id);
    expect(t.chats[1]?.messages).toEqual([
      { role: 'user', content: 'Count' },
      { role: 'assistant', content: 'one two' },
      { role: 'user', content: CONTINUE_PROMPT },
    ]);
    expect(t.chats[1]?.params).toEqual({ temperature: 0 });
    t.emit(t.id(2), 0, { type: 'delta', index: 0, text: ' three' });
    t.emit(t.id(2), 1, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    expect(t.thread()).toHaveLength(2);
    expect(t.last()).toMatchObject({ id, content: 'one two three', status: 'done' });
    expect(t.last().metrics).toMatchObject({ promptTokens: 6, completionTokens: 8 });
  });

  it('Retry on an interrupted answer makes a new sibling', async () => {
    const t = setup();
    await t.send('Q');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'half' });
    t.emit(t.id(1), 1, {
      type: 'error',
      error: { code: 'NETWORK', message: 'x' },
      partial: true,
      metrics: null,
    });
    t.frame();
    const broken = t.last();
    await t.state().regenerate(broken.id);
    t.answer(2, 'whole');
    expect(t.last()).toMatchObject({ content: 'whole', parentId: broken.parentId });
    expect(t.state().messages[broken.id]?.content).toBe('half');
  });

  it('a context overflow says by how much; trimming drops the oldest turns from what is sent only', async () => {
    const t = setup();
    await t.send('a'.repeat(2_000));
    t.answer(1, 'first answer');
    await t.send('b'.repeat(1_000));
    const error: StudioError = {
      code: 'CONTEXT_TOO_LONG',
      message:
        'Too long. The server said: "Input is too long. The input has 1510 tokens; the context window of chat-model is 1000 tokens."',
    };
    t.emit(t.id(2), 0, { type: 'error', error, partial: false, metrics: null });
    t.frame();
    await vi.waitFor(() => expect(t.state().failure?.overflow).not.toBeNull());
    expect(t.state().failure?.overflow).toMatchObject({
      requestTokens: 1510,
      window: 1000,
      over: 510,
      estimated: false,
    });
    expect(t.state().draft).toBe('b'.repeat(1_000));
    await t.state().trimAndRetry();
    expect(t.chats[2]?.messages).toEqual([{ role: 'user', content: 'b'.repeat(1_000) }]);
    expect(t.state().lastDropped).toBe(2);
    // Nothing left the conversation.
    expect(t.thread().map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('retrying with another endpoint switches the conversation to it', async () => {
    const t = setup();
    await t.send('Hi');
    t.emit(t.id(1), 0, {
      type: 'error',
      error: { code: 'NOT_FOUND', message: 'gone' },
      partial: false,
      metrics: null,
    });
    t.frame();
    await vi.waitFor(() => expect(t.state().failure?.error.code).toBe('NOT_FOUND'));
    await t.state().retryWithEndpoint('big-model');
    expect(t.chats[1]).toMatchObject({ endpoint: 'big-model', messages: [{ role: 'user', content: 'Hi' }] });
    await t.settle();
    expect((await t.repo.get(t.state().conversationId ?? ''))?.endpoint).toBe('big-model');
  });

  it('restoreLast reopens the conversation open before the reload', async () => {
    const t = setup();
    await t.send('Remember me');
    t.answer(1, 'ok');
    await t.settle();
    const id = t.state().conversationId;
    t.store.setState({ conversationId: null, messages: {}, thread: [] });
    await t.state().restoreLast();
    expect(t.state().conversationId).toBe(id);
    expect(t.thread().map((m) => m.content)).toEqual(['Remember me', 'ok']);
  });
});
