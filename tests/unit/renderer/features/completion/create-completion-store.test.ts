import { describe, expect, it } from 'vitest';
import type { CompletionRunRecord } from '../../../../../renderer/core/db/records';
import { applyRunEvents, type RunLink } from '../../../../../renderer/features/completion/completion-events';
import { createCompletionStore } from '../../../../../renderer/features/completion/create-completion-store';
import { METRICS, setup } from './harness';

const run = (): CompletionRunRecord => ({
  id: 'r',
  createdAt: 1,
  updatedAt: 1,
  workspaceId: null,
  endpoint: 'e',
  prompt: 'p',
  params: {},
  status: 'streaming',
  choices: [],
  model: null,
  metrics: null,
  error: null,
  synthetic: false,
  costUsd: null,
});

describe('applyRunEvents', () => {
  it('applies deltas per choice, ignores duplicates, other streams and events after the end', () => {
    const link: RunLink = { streamId: 's', runId: 'r', lastSeq: -1, ended: false };
    const base = { streamId: 's' };
    const result = applyRunEvents(run(), link, [
      { ...base, seq: 2, type: 'delta', index: 0, text: 'b' },
      { ...base, seq: 0, type: 'start', model: 'm' },
      { ...base, seq: 1, type: 'delta', index: 1, text: 'X' },
      { ...base, seq: 1, type: 'delta', index: 1, text: 'X' },
      { streamId: 'other', seq: 3, type: 'delta', index: 0, text: 'nope' },
      { ...base, seq: 3, type: 'done', finishReasons: ['stop', 'length'], metrics: METRICS },
      { ...base, seq: 4, type: 'delta', index: 0, text: 'late' },
    ]);
    expect(result.run.choices).toEqual([
      { text: 'b', finishReason: 'stop' },
      { text: 'X', finishReason: 'length' },
    ]);
    expect(result.run.model).toBe('m');
    expect(result.run.status).toBe('done');
    expect(result.ending?.type).toBe('done');
  });
});

describe('completion store', () => {
  it('streams choices side by side, per frame, and settles with metrics, cost and usage once', async () => {
    const t = setup({ demo: true });
    t.state().setPrompt('def f(x):');
    t.state().setParams({ n: 2, temperature: 0 });
    await t.state().send();
    expect(t.completions[0]).toEqual({
      streamId: t.id(1),
      endpoint: 'completions-model',
      prompt: 'def f(x):',
      params: { n: 2, temperature: 0 },
    });
    t.emit(t.id(1), 0, { type: 'start', model: 'm' });
    t.emit(t.id(1), 1, { type: 'delta', index: 0, text: '\n  a' });
    t.emit(t.id(1), 2, { type: 'delta', index: 1, text: '\n  b' });
    expect(t.state().run?.choices).toEqual([]);
    t.frame();
    expect(t.state().run?.choices.map((c) => c.text)).toEqual(['\n  a', '\n  b']);
    expect(t.state().streaming).toBe(true);
    t.emit(t.id(1), 3, { type: 'done', finishReasons: ['stop', 'length'], metrics: METRICS });
    t.emit(t.id(1), 3, { type: 'done', finishReasons: ['stop', 'length'], metrics: METRICS });
    t.frame();
    const s = t.state();
    expect(s.streaming).toBe(false);
    expect(s.run).toMatchObject({ status: 'done', synthetic: true, costUsd: 0.007, metrics: METRICS });
    expect(s.run?.choices.map((c) => c.finishReason)).toEqual(['stop', 'length']);
    expect(t.usage).toEqual([
      expect.objectContaining({
        source: 'completion',
        endpoint: 'completions-model',
        promptTokens: 3,
        completionTokens: 4,
        costUsd: 0.007,
      }),
    ]);
    await t.settle();
    expect((await t.repo.get(s.run?.id as string))?.choices).toHaveLength(2);
  });

  it('keeps events that arrive before startCompletion answers', async () => {
    const t = setup();
    t.state().setPrompt('x');
    const sending = t.state().send();
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'early' });
    t.frame();
    await sending;
    t.frame();
    expect(t.state().run?.choices[0]?.text).toBe('early');
  });

  it('Stop keeps the partial text with status stopped', async () => {
    const t = setup();
    t.state().setPrompt('x');
    await t.state().send();
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'partial' });
    t.frame();
    await t.state().stop();
    expect(t.cancels).toEqual([t.id(1)]);
    t.emit(t.id(1), 1, { type: 'aborted', metrics: { ...METRICS, completionTokens: 1 } });
    t.frame();
    expect(t.state().run).toMatchObject({
      status: 'stopped',
      choices: [{ text: 'partial', finishReason: null }],
    });
    expect(t.state().streaming).toBe(false);
    expect(t.usage).toHaveLength(1);
  });

  it('Stop settles by itself when the stream is already unknown', async () => {
    const t = setup({ cancelled: false });
    t.state().setPrompt('x');
    await t.state().send();
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'kept' });
    await t.state().stop();
    expect(t.state().run).toMatchObject({ status: 'stopped', choices: [{ text: 'kept' }] });
  });

  it('Append adds the selected choice to the prompt so the next Send continues', async () => {
    const t = setup();
    t.state().setPrompt('Once');
    t.state().setParams({ n: 2 });
    await t.state().send();
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: ' upon' });
    t.emit(t.id(1), 1, { type: 'delta', index: 1, text: ' more' });
    t.emit(t.id(1), 2, { type: 'done', finishReasons: ['length', 'length'], metrics: METRICS });
    t.frame();
    t.state().selectChoice(1);
    t.state().append();
    expect(t.state().prompt).toBe('Once more');
    expect(t.prefs.get('completion.prompt')).toBe('Once more');
    await t.state().send();
    expect(t.completions[1]?.prompt).toBe('Once more');
  });

  it('a request refused before streaming shows the error, keeps the prompt and saves no run', async () => {
    const t = setup({ startErrors: [{ code: 'INVALID_INPUT', message: 'chat endpoint' }] });
    t.state().setPrompt('keep me');
    await t.state().send();
    expect(t.state()).toMatchObject({
      prompt: 'keep me',
      streaming: false,
      run: null,
      failure: { code: 'INVALID_INPUT' },
    });
    await t.settle();
    expect(await t.repo.list()).toEqual([]);
  });

  it('an error mid-stream keeps the text and the run', async () => {
    const t = setup();
    t.state().setPrompt('x');
    await t.state().send();
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'some' });
    t.emit(t.id(1), 1, {
      type: 'error',
      error: { code: 'NETWORK', message: 'gone' },
      partial: true,
      metrics: null,
    });
    t.frame();
    expect(t.state().run).toMatchObject({
      status: 'error',
      error: { code: 'NETWORK' },
      choices: [{ text: 'some' }],
    });
    expect(t.usage).toEqual([]);
  });

  it('a request the server refused (a per-minute 429) is no usage and costs nothing', async () => {
    const t = setup();
    t.state().setPrompt('Complete this code:\ndef fibonacci(n):');
    await t.state().send();
    const said = 'Exceeded workspace queries per minute rate limit for databricks-llama-completions';
    t.emit(t.id(1), 0, {
      type: 'error',
      error: {
        code: 'RATE_LIMITED',
        limit: 'queries-per-minute',
        message: 'The endpoint hit its queries-per-minute limit. Wait a moment and try again.',
        serverMessage: said,
        status: 429,
        serverCode: 'REQUEST_LIMIT_EXCEEDED',
      },
      partial: false,
      // The privileged side's estimate of the prompt it sent.
      metrics: { ...METRICS, promptTokens: 12, completionTokens: null, usageReported: false },
    });
    t.frame();
    await t.settle();
    expect(t.state().run).toMatchObject({
      status: 'error',
      error: { serverMessage: said },
      metrics: null,
      costUsd: null,
    });
    expect(t.usage).toEqual([]);
  });

  it('does not send invalid parameters', async () => {
    const t = setup();
    t.state().setPrompt('x');
    t.state().setParams({ temperature: 9 });
    await t.state().send();
    expect(t.completions).toEqual([]);
  });

  it('saves runs while streaming and lists them newest first; a reopened run restores prompt, params and outputs', async () => {
    const t = setup();
    t.state().setPrompt('first');
    t.state().setParams({ max_tokens: 5 });
    await t.state().send();
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: ' one' });
    t.frame();
    await t.settle();
    expect((await t.repo.get('run-1'))?.choices[0]?.text).toBe(' one');
    t.emit(t.id(1), 1, { type: 'done', finishReasons: ['length'], metrics: METRICS });
    t.frame();
    t.state().setPrompt('second');
    t.state().setParams({ stop: ['END'] });
    await t.state().send();
    t.emit(t.id(2), 0, { type: 'done', finishReasons: ['stop'], metrics: METRICS });
    t.frame();
    await t.settle();

    // A fresh store on the same database (an app restart).
    const again = createCompletionStore({ ...t.deps, readPreference: () => null });
    await again.getState().loadHistory();
    expect(again.getState().runs.map((r) => r.prompt)).toEqual(['second', 'first']);
    expect(again.getState().run?.prompt).toBe('second');
    await again.getState().openRun('run-1');
    expect(again.getState()).toMatchObject({
      prompt: 'first',
      params: { max_tokens: 5 },
      endpoint: 'completions-model',
      run: { id: 'run-1', status: 'done', choices: [{ text: ' one', finishReason: 'length' }] },
    });
  });

  it('a run saved mid-stream comes back as interrupted', async () => {
    const t = setup();
    t.state().setPrompt('x');
    await t.state().send();
    t.emit(t.id(1), 0, { type: 'delta', index: 0, text: 'half' });
    t.frame();
    await t.settle();
    const again = createCompletionStore({ ...t.deps });
    await again.getState().loadHistory();
    expect(again.getState().runs[0]).toMatchObject({ status: 'interrupted', choices: [{ text: 'half' }] });
  });

  it('restores the draft from preferences', () => {
    const t = setup();
    t.state().setPrompt('draft');
    t.state().setParams({ top_k: 5 });
    const again = createCompletionStore({ ...t.deps });
    expect(again.getState()).toMatchObject({
      prompt: 'draft',
      params: { top_k: 5 },
      endpoint: 'completions-model',
    });
  });
});
