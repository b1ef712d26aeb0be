import { describe, expect, it, vi } from 'vitest';
import type { StudioError } from '../../../../../shared/errors';
import { METRICS, setup } from './harness';

describe('chat store: turns and stream events', () => {
  it('sends system prompt + history and applies deltas in order, once per frame', async () => {
    const t = setup();
    t.state().setSystemPrompt('Be brief.');
    await t.send('Hello');
    expect(t.chats[0]).toEqual({
      streamId: t.id(1),
      endpoint: 'chat-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      params: {},
    });
    expect(t.state().draft).toBe('');
    t.emit(t.id(1), 0, { type: 'start', model: 'm' });
    t.emit(t.id(1), 2, { type: 'delta', index: 0, text: ' there' });
    t.emit(t.id(1), 1, { type: 'delta', index: 0, text: 'Hi' });
    expect(t.last().content).toBe(''); // nothing applied before the frame
    t.frame();
    expect(t.last()).toMatchObject({ content: 'Hi there', status: 'streaming', model: 'm' });
    t.emit(t.id(1), 3, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    expect(t.last()).toMatchObject({ status: 'done', metrics: METRICS, costUsd: 0.007 });
    expect(t.last().choices).toEqual([{ text: 'Hi there', finishReason: 'stop' }]);
    expect(t.state().activeId).toBeNull();
  });

  it('ignores duplicate and stale seq numbers and events after the end', async () => {
    const t = setup();
    await t.send('Hello');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'a' });
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'a' });
    t.frame();
    t.emit(t.id(1), 1, { type: 'delta', index: 0, text: 'b' });
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'a' });
    t.emit(t.id(1), 2, { type: 'done', finishReasons: [null], metrics: METRICS });
    t.emit(t.id(1), 3, { type: 'delta', index: 0, text: 'late' });
    t.frame();
    expect(t.last()).toMatchObject({ content: 'ab', status: 'done' });
  });

  it('creates the conversation on the first send, titled from the message, and saves it', async () => {
    const t = setup();
    await t.send(`Tell me about ${'very '.repeat(30)}long titles`);
    t.answer(1, 'Answer');
    await t.settle();
    const [conversation] = await t.repo.list();
    expect(conversation?.title.length).toBeLessThanOrEqual(61);
    expect(conversation?.title.endsWith('…')).toBe(true);
    expect(conversation).toMatchObject({ endpoint: 'chat-model', activeLeafId: t.last().id });
    const stored = await t.repo.messages(conversation?.id ?? '');
    expect(stored.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', t.thread()[0]?.content, undefined],
      ['assistant', 'Answer', 'done'],
    ]);
    expect(t.prefs.get('chat.conversation')).toBe(conversation?.id);
  });

  it('sends earlier answers as history on the next turn', async () => {
    const t = setup();
    await t.send('One');
    t.answer(1, 'Answer');
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
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'partial' });
    t.frame();
    await t.state().stop();
    expect(t.cancels).toEqual([t.id(1)]);
    t.emit(t.id(1), 1, { type: 'aborted', metrics: null });
    t.frame();
    expect(t.last()).toMatchObject({ content: 'partial', status: 'stopped' });
    expect(t.state().activeId).toBeNull();
  });

  it('settles a stream the privileged side no longer knows as stopped', async () => {
    const t = setup({ cancelled: false });
    await t.send('Hello');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'kept' });
    await t.state().stop();
    expect(t.last()).toMatchObject({ content: 'kept', status: 'stopped' });
  });

  it('an error after text keeps the text with the error, and leaves the draft alone', async () => {
    const t = setup();
    await t.send('Hello');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'half' });
    t.emit(t.id(1), 1, {
      type: 'error',
      error: { code: 'NETWORK', message: 'Reset.' },
      partial: true,
      metrics: null,
    });
    t.frame();
    expect(t.last()).toMatchObject({ content: 'half', status: 'error', error: { code: 'NETWORK' } });
    expect(t.state().failure).toBeNull();
    expect(t.state().draft).toBe('');
  });

  it('an error before any text takes the turn back: draft restored, failure with actions', async () => {
    const t = setup();
    await t.send('First');
    t.answer(1, 'Fine');
    await t.send('Please answer');
    const error: StudioError = {
      code: 'RATE_LIMITED',
      message: 'Slow down.',
      limit: 'queries',
      retryAfterSec: 3,
    };
    t.emit(t.id(2), 0, { type: 'error', error, partial: false, metrics: null });
    t.frame();
    await vi.waitFor(() => expect(t.thread()).toHaveLength(2));
    expect(t.state().draft).toBe('Please answer');
    expect(t.state().failure).toMatchObject({ error, retry: { kind: 'send' }, endpoint: 'chat-model' });
    const failure = t.state().failure;
    expect((failure?.retryAfter ?? 0) - (failure?.at ?? 0)).toBe(3_000);
    await t.settle();
    expect(await t.repo.messages(t.state().conversationId ?? '')).toHaveLength(2);
    // Retry sends the restored draft once, without the failed turn.
    await t.state().retryFailure();
    expect(t.chats[2]?.messages.at(-1)).toEqual({ role: 'user', content: 'Please answer' });
    expect(t.chats[2]?.messages).toHaveLength(3);
    expect(t.state().failure).toBeNull();
  });

  it('a refused start fails the turn and restores the draft', async () => {
    const t = setup({ startErrors: [{ code: 'NOT_CONFIGURED', message: 'No workspace.' }] });
    await t.send('Hi');
    await vi.waitFor(() => expect(t.state().failure?.error.code).toBe('NOT_CONFIGURED'));
    expect(t.state().draft).toBe('Hi');
    expect(t.state().activeId).toBeNull();
    expect(t.thread()).toHaveLength(0);
  });

  it('shows a retry notice, cleared by the first delta', async () => {
    const t = setup();
    await t.send('Hi');
    const reason: StudioError = { code: 'RATE_LIMITED', message: 'x', limit: 'output-tokens' };
    t.emit(t.id(1), 0, { type: 'retry', attempt: 1, delayMs: 2000, reason });
    t.frame();
    expect(t.state().retryNotice).toBe('Retrying in 2s (rate limited: output tokens per minute)');
    t.emit(t.id(1), 1, { type: 'delta', index: 0, text: 'ok' });
    t.frame();
    expect(t.state().retryNotice).toBeNull();
  });

  it('labels answers from the demo workspace as synthetic', async () => {
    const t = setup({ demo: true });
    await t.send('Hi');
    expect(t.last().synthetic).toBe(true);
  });

  it('does not send without text, while streaming, or with invalid parameters', async () => {
    const t = setup();
    await t.send('   ');
    expect(t.chats).toHaveLength(0);
    await t.send('One');
    await t.send('Two');
    expect(t.chats).toHaveLength(1);
    expect(t.state().draft).toBe('Two');
    t.answer(1, 'done');
    t.state().setParams({ temperature: 3 });
    await t.state().send();
    expect(t.chats).toHaveLength(1);
    t.state().setParams({ temperature: 0, max_tokens: 50 });
    await t.state().send();
    expect(t.chats[1]?.params).toEqual({ temperature: 0, max_tokens: 50 });
  });

  it('starts a new conversation on the same endpoint, from the default preset, never the last conversation’s settings', async () => {
    const t = setup();
    t.state().setSystemPrompt('Sys');
    t.state().setParams({ temperature: 0, max_tokens: 40, stop: ['.'] });
    await t.send('Hi');
    t.answer(1, 'Yo');
    t.state().newConversation();
    expect(t.state()).toMatchObject({
      conversationId: null,
      thread: [],
      systemPrompt: '',
      params: {},
      endpoint: 'chat-model',
    });
    expect(t.prefs.has('chat.conversation')).toBe(false);

    // With a default preset, a new conversation starts from it (and the choice is remembered).
    t.state().setDefaultPreset({
      id: 'p1',
      name: 'Terse',
      systemPrompt: 'Be terse.',
      params: { temperature: 0.2 },
    });
    expect(t.state().defaultPreset).toEqual({ id: 'p1', name: 'Terse' });
    t.state().setParams({ top_p: 0.5 });
    t.state().newConversation();
    expect(t.state()).toMatchObject({ systemPrompt: 'Be terse.', params: { temperature: 0.2 } });
    t.state().setDefaultPreset(null);
    t.state().newConversation();
    expect(t.state()).toMatchObject({ systemPrompt: '', params: {} });
  });
});
