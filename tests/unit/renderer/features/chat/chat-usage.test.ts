import { describe, expect, it } from 'vitest';
import { METRICS, setup } from './harness';

/* Every finished chat request records its usage exactly once (renderer/core/db/usage-repo.ts). */

const ENTRY = {
  workspaceId: null,
  endpoint: 'chat-model',
  source: 'chat',
  promptTokens: 3,
  completionTokens: 4,
  costUsd: 0.007,
};

describe('chat usage recording', () => {
  it('records a finished answer once, with its tokens and cost', async () => {
    const t = setup();
    await t.send('Hello');
    t.answer(1, 'Hi');
    // Late and duplicate events after the end change nothing.
    t.emit(t.id(1), 2, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.emit(t.id(1), 3, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    await t.settle();
    expect(t.usage).toHaveLength(1);
    expect(t.usage[0]).toMatchObject(ENTRY);
    expect(typeof t.usage[0]?.at).toBe('number');
  });

  it('records estimated counts, stopped and errored answers, but not requests without counts', async () => {
    const t = setup();
    const estimated = { ...METRICS, usageReported: false, promptTokens: 10, completionTokens: null };
    await t.send('One');
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'part' });
    t.emit(t.id(1), 1, { type: 'aborted', metrics: estimated });
    t.frame();
    await t.send('Two');
    t.emit(t.id(2), 0, { type: 'delta', index: 0, text: 'half' });
    t.emit(t.id(2), 1, {
      type: 'error',
      error: { code: 'NETWORK', message: 'lost' },
      partial: true,
      metrics: METRICS,
    });
    t.frame();
    await t.send('Three');
    t.emit(t.id(3), 0, {
      type: 'error',
      error: { code: 'NETWORK', message: 'lost' },
      partial: false,
      metrics: null,
    });
    t.frame();
    await t.settle();
    expect(t.usage.map((u) => [u.promptTokens, u.completionTokens, u.costUsd])).toEqual([
      [10, 0, 0.01],
      [3, 4, 0.007],
    ]);
  });

  it('records no usage for a request that failed before generating anything, even with estimated counts', async () => {
    const t = setup();
    // Databricks' 400 for a context overflow; the privileged side estimated the prompt it sent.
    const refused = {
      code: 'CONTEXT_TOO_LONG' as const,
      message: 'The input is longer than the model accepts.',
      serverMessage: 'Input is too long.',
      status: 400,
    };
    const estimated = { ...METRICS, usageReported: false, promptTokens: 688, completionTokens: null };
    await t.send('Hello');
    t.emit(t.id(1), 0, { type: 'error', error: refused, partial: false, metrics: estimated });
    t.frame();
    // The same for a continuation that failed before its first new token.
    await t.send('Again');
    t.answer(2, 'Part', 'length');
    await t.state().continueAnswer(t.last().id);
    t.emit(t.id(3), 0, {
      type: 'error',
      error: { code: 'NETWORK', message: 'lost' },
      partial: false,
      metrics: estimated,
    });
    t.frame();
    await t.settle();
    expect(t.usage.map((u) => u.promptTokens)).toEqual([3]);
  });

  it('records only the new request when an answer is continued', async () => {
    const t = setup();
    await t.send('Hello');
    t.answer(1, 'Hi', 'length');
    await t.state().continueAnswer(t.last().id);
    t.answer(2, ' there');
    await t.settle();
    // The message's metrics add up both requests; each usage row is one request.
    expect(t.last().metrics?.completionTokens).toBe(8);
    expect(t.usage.map((u) => u.completionTokens)).toEqual([4, 4]);
  });
});
