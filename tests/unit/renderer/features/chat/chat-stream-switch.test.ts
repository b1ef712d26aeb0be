import { describe, expect, it, vi } from 'vitest';
import { METRICS, setup } from './harness';

/* The Stream switch is a parameter: sent with the request, and remembered per conversation. */

const WHOLE = { ...METRICS, ttftMs: METRICS.totalMs, streamed: false as const };

describe('chat store: the Stream switch', () => {
  it('sends stream: false, shows a whole answer like a streamed one, and keeps it per conversation', async () => {
    const t = setup();
    t.state().setParams({ temperature: 0, stream: false });
    await t.send('Hi');
    expect(t.chats[0]?.params).toEqual({ temperature: 0, stream: false });
    // The privileged side sends the same events for a whole answer: one delta with all of it.
    t.emit(t.id(1), 0, { type: 'start', model: 'm' });
    t.emit(t.id(1), 1, { type: 'delta', index: 0, text: 'The whole answer.' });
    t.emit(t.id(1), 2, { type: 'done', finishReasons: ['stop'], metrics: WHOLE });
    t.frame();
    expect(t.last()).toMatchObject({ content: 'The whole answer.', status: 'done', metrics: WHOLE });
    const first = t.state().conversationId ?? '';
    await t.settle();
    expect((await t.repo.messages(first)).at(-1)?.metrics).toMatchObject({ streamed: false });

    // Another conversation streams; the first one still has its switch off when reopened.
    t.state().newConversation();
    t.state().setParams({ temperature: 0 });
    await t.send('Again');
    expect(t.chats[1]?.params).toEqual({ temperature: 0 });
    t.answer(2, 'streamed');
    await t.settle();
    await t.state().openConversation(first);
    expect(t.state().params).toEqual({ temperature: 0, stream: false });
    await vi.waitFor(async () => expect((await t.repo.get(first))?.params).toMatchObject({ stream: false }));
  });
});
