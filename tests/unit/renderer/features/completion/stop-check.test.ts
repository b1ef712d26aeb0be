import { describe, expect, it } from 'vitest';
import type { CompletionRunRecord } from '../../../../../renderer/core/db/records';
import {
  checkParams,
  describeStopCheck,
  isGreedy,
  judgeStopCheck,
} from '../../../../../renderer/features/completion/stop-check';
import { METRICS, setup } from './harness';

describe('judgeStopCheck', () => {
  it('names the stop sequence that comes right where the text ended', () => {
    const check = judgeStopCheck('a = 1\n    ', { text: 'a = 1\n    return a', finishReason: 'length' }, [
      'return',
      '###',
    ]);
    expect(check).toEqual({ state: 'sequence', sequences: ['return'] });
    expect(describeStopCheck(check)).toContain('continues with "return" right here');
  });

  it("is the model's own end when the re-run ends at the same place with stop", () => {
    expect(judgeStopCheck('done.', { text: 'done.', finishReason: 'stop' }, ['END'])).toEqual({
      state: 'natural',
    });
  });

  it('cannot tell when the re-run differs, runs out of tokens, or goes on with something else', () => {
    expect(judgeStopCheck('abc', { text: 'abd…', finishReason: 'stop' }, ['x']).state).toBe('inconclusive');
    expect(judgeStopCheck('abc', { text: 'abc', finishReason: 'length' }, ['x']).state).toBe('inconclusive');
    const other = judgeStopCheck('abc', { text: 'abc def', finishReason: 'stop' }, ['x']);
    expect(describeStopCheck(other)).toContain('" def", which is none of them');
  });
});

describe('checkParams', () => {
  const run = { params: { temperature: 0, stop: ['x'], max_tokens: 10, n: 1 } } as CompletionRunRecord;
  it('drops stop and asks for just past the original end, within the limit', () => {
    expect(checkParams(run, 'x'.repeat(100), null)).toEqual({ temperature: 0, n: 1, max_tokens: 114 });
    expect(checkParams(run, 'x'.repeat(100), 50)).toEqual({ temperature: 0, n: 1, max_tokens: 50 });
  });
  it('runs only with greedy decoding', () => {
    expect(isGreedy({ temperature: 0 })).toBe(true);
    expect(isGreedy({ top_k: 1 })).toBe(true);
    expect(isGreedy({})).toBe(false);
  });
});

describe('checkStop (store)', () => {
  it('re-runs without stop sequences, keeps the verdict and records the usage', async () => {
    const t = setup();
    t.state().setPrompt('def f():');
    t.state().setParams({ temperature: 0, stop: ['return'] });
    await t.state().send();
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: '\n    x = 1\n    ' });
    t.emit(t.id(1), 1, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    const checking = t.state().checkStop(0);
    await Promise.resolve();
    const runId = t.state().run?.id as string;
    expect(t.state().stopChecks[`${runId}:0`]).toEqual({ state: 'checking' });
    await new Promise((r) => setTimeout(r, 0));
    expect(t.completions[1]).toMatchObject({ prompt: 'def f():', params: { temperature: 0 } });
    expect(t.completions[1]?.params).not.toHaveProperty('stop');
    t.emit(t.id(2), 0, { type: 'delta', index: 0, text: '\n    x = 1\n    return x' });
    t.emit(t.id(2), 1, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    await checking;
    expect(t.state().stopChecks[`${runId}:0`]).toEqual({ state: 'sequence', sequences: ['return'] });
    expect(t.usage).toHaveLength(2);
    // The run on screen is untouched by the re-run's events.
    expect(t.state().run?.choices[0]?.text).toBe('\n    x = 1\n    ');
  });
});
