import { describe, expect, it } from 'vitest';
import { METRICS, setup } from './harness';

/* The chat store with reasoning models: the next turn carries the reasoning; honest parameters. */

const CLAUDE = 'databricks-claude-sonnet-4-6';

/** Streams a signed reasoning part and an answer into the `n`th stream. */
function reasonedAnswer(t: ReturnType<typeof setup>, n: number, text: string) {
  const id = t.id(n);
  t.emit(id, 0, { type: 'start', model: 'claude' });
  t.emit(id, 1, { type: 'reasoning', index: 0, item: 0, part: 0, text: 'Thinking it over.' });
  t.emit(id, 2, { type: 'reasoning', index: 0, item: 0, part: 0, text: '', signature: 'sig==' });
  t.emit(id, 3, { type: 'delta', index: 0, text });
  t.emit(id, 4, { type: 'done', finishReasons: ['stop'], metrics: { ...METRICS, reasoningTokens: 4 } });
  t.frame();
}

describe('chat store: reasoning across turns', () => {
  it('sends the previous answer back with its signed reasoning, and the thinking budget', async () => {
    const t = setup();
    t.state().setEndpoint(CLAUDE);
    t.state().setParams({ max_tokens: 4000, thinking_budget: 2000 });
    await t.send('First question');
    expect(t.chats[0]?.params).toEqual({ max_tokens: 4000, thinking_budget: 2000 });
    reasonedAnswer(t, 1, 'First answer.');
    expect(t.last().choices?.[0]?.reasoning).toEqual([
      { summary: [{ type: 'summary_text', text: 'Thinking it over.', signature: 'sig==' }] },
    ]);
    await t.send('Second question');
    expect(t.chats[1]?.messages).toEqual([
      { role: 'user', content: 'First question' },
      {
        role: 'assistant',
        content: 'First answer.',
        reasoning: [{ summary: [{ type: 'summary_text', text: 'Thinking it over.', signature: 'sig==' }] }],
      },
      { role: 'user', content: 'Second question' },
    ]);
  });

  it('keeps an answer that failed after reasoning (output is never thrown away)', async () => {
    const t = setup();
    t.state().setEndpoint(CLAUDE);
    await t.send('Question');
    t.emit(t.id(1), 0, { type: 'reasoning', index: 0, item: 0, part: 0, text: 'Half a thought' });
    t.emit(t.id(1), 1, {
      type: 'error',
      error: { code: 'NETWORK', message: 'Connection lost.' },
      partial: true,
      metrics: null,
    });
    t.frame();
    expect(t.last()).toMatchObject({ role: 'assistant', status: 'error' });
    expect(t.state().failure).toBeNull();
  });
});

describe('chat store: reasoning parameters per endpoint', () => {
  it('leaves out a reasoning setting the endpoint has no control for', async () => {
    const t = setup();
    t.state().setParams({ max_tokens: 100, thinking_budget: 2000, reasoning_effort: 'high' });
    await t.send('Hello');
    // chat-model is no known family: no reasoning control, so neither is sent.
    expect(t.chats[0]?.params).toEqual({ max_tokens: 100 });
    expect(t.last().params).toEqual({ max_tokens: 100 });
  });

  it('refuses to send an invalid combination and says why', async () => {
    const t = setup();
    t.state().setEndpoint(CLAUDE);
    t.state().setParams({ max_tokens: 2000, thinking_budget: 2000 });
    await t.send('Hello');
    expect(t.chats).toHaveLength(0);
    expect(t.state().draft).toBe('Hello');
    // An effort this model rejects is refused too; one it takes goes.
    t.state().setEndpoint('databricks-gpt-oss-120b');
    t.state().setParams({ reasoning_effort: 'minimal' });
    await t.state().send();
    expect(t.chats).toHaveLength(0);
    t.state().setParams({ reasoning_effort: 'high' });
    await t.state().send();
    expect(t.chats[0]?.params).toEqual({ reasoning_effort: 'high' });
  });
});
