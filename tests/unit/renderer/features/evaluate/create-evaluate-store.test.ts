import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStudioDatabase } from '../../../../../renderer/core/db/database';
import { evalDatasetsRepo, evalRunsRepo } from '../../../../../renderer/core/db/eval-repo';
import { createEvaluateStore } from '../../../../../renderer/features/evaluate/create-evaluate-store';
import type { Metrics } from '../../../../../shared/domain';
import { fakeStreamApi, manualClock } from '../../core/stream/fake-stream-api';
import { uniqueName } from '../../db/fixtures';

/* The Evaluate store on the stream API double and a throwaway IndexedDB: a run, its saving, a reload that resumes it. */

const metrics: Metrics = {
  startedAt: 0,
  firstByteMs: 1,
  ttftMs: 1,
  totalMs: 50,
  tokensPerSec: null,
  promptTokens: 10,
  completionTokens: 2,
  usageReported: true,
  retries: 0,
};

function setup(db = openStudioDatabase(uniqueName('eval')), prefs = new Map<string, string>()) {
  const fake = fakeStreamApi();
  const { clock, frame } = manualClock();
  let ids = 0;
  const opened: unknown[] = [];
  const store = createEvaluateStore({
    getApi: () => fake.api,
    repos: () => ({ datasets: evalDatasetsRepo(db), runs: evalRunsRepo(db) }),
    recordUsage: async () => undefined,
    costOf: () => 0.001,
    priceFor: () => ({ inputPerMillion: 1, outputPerMillion: 1 }),
    isDemoWorkspace: () => true,
    workspaceId: () => 'demo',
    openInChat: (endpoint, seed) => {
      opened.push({ endpoint, ...seed });
      return true;
    },
    readPreference: (k) => prefs.get(k) ?? null,
    writePreference: (k, v) => (v === null ? prefs.delete(k) : prefs.set(k, v)),
    clock,
    now: () => Date.now(),
    newId: () => `id${++ids}`,
  });
  /** Answers stream `n` (1-based) with `text`, then done. */
  const answer = async (n: number, text: string) => {
    const id = fake.id(n);
    fake.emit(id, 0, { type: 'start', model: 'm' });
    fake.emit(id, 1, { type: 'delta', index: 0, text });
    fake.emit(id, 2, { type: 'done', finishReasons: ['stop'], metrics });
    frame();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { store, fake, frame, answer, db, prefs, opened };
}

describe('createEvaluateStore', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('runs rows × variants through the stream client, saves each result, and resumes after a reload', async () => {
    const t = setup();
    const { store, fake } = t;
    await store.getState().init();
    expect(await store.getState().importDataset('q.csv', 'q,expected\nfirst,A\nsecond,B\nthird,C\n')).toBe(
      true,
    );
    store.getState().setTemplate({ system: 'Be brief.', user: 'Say {{q}}' });
    store.getState().setVariantEndpoint(store.getState().variants[0]?.id ?? '', 'a');
    store.getState().addVariant();
    store.getState().setVariantEndpoint(store.getState().variants[1]?.id ?? '', 'b');
    store.getState().addScorer({ id: 'exact', kind: 'exact', caseSensitive: false });
    expect(store.getState().runProblem()).toBeNull();

    await store.getState().requestRun();
    await vi.advanceTimersByTimeAsync(0);
    // Four at a time per endpoint: all six requests start at once, each its rendered row.
    expect(fake.chats).toHaveLength(6);
    expect(fake.chats[0]).toMatchObject({
      endpoint: 'a',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say first' },
      ],
      // The scheduler paces and retries 429s itself: the host must not retry them on its own.
      retryRateLimited: false,
    });
    await t.answer(1, 'A');
    await t.answer(2, 'nope');
    expect(store.getState().progress).toMatchObject({ total: 6, done: 2, failed: 0 });
    const runId = store.getState().run?.id ?? '';
    expect(await evalRunsRepo(t.db).results(runId)).toHaveLength(2);

    // A reload: a new store on the same database finds the run interrupted, shows it paused.
    const again = setup(t.db, t.prefs);
    await again.store.getState().init();
    expect(again.store.getState()).toMatchObject({ phase: 'paused', run: { id: runId, status: 'paused' } });
    expect(again.store.getState().progress).toMatchObject({ done: 2, total: 6 });
    await again.store.getState().resume();
    await vi.advanceTimersByTimeAsync(0);
    // Only the four requests without a result run again.
    expect(again.fake.chats).toHaveLength(4);
    for (let n = 1; n <= 4; n += 1) await again.answer(n, 'B');
    expect(again.store.getState().phase).toBe('done');
    expect(again.store.getState().progress).toMatchObject({ done: 6, failed: 0 });
    expect(await evalRunsRepo(t.db).results(runId)).toHaveLength(6);

    // Scores come from the stored answers (row 1 expected A: variant a said A).
    const variantA = again.store.getState().run?.variants[0]?.id ?? '';
    expect(again.store.getState().resultOf(0, variantA)?.output).toBe('A');

    // A row opens in chat with its variables filled, not sent.
    expect(again.store.getState().openRowInChat(1, variantA)).toBe(true);
    expect(again.opened[0]).toMatchObject({ endpoint: 'a', systemPrompt: 'Be brief.', draft: 'Say second' });
  });

  it('names unknown variables, refuses a malformed file with its line, and asks before a large run', async () => {
    const { store } = setup();
    await store.getState().init();
    expect(await store.getState().importDataset('bad.jsonl', '{"q":1}\n{"q":\n')).toBe(false);
    expect(store.getState().importError).toMatch(/^bad\.jsonl: Line 2: not valid JSON/);
    const rows = Array.from({ length: 1_001 }, (_, i) => `row ${i}`).join('\n');
    await store.getState().importDataset('big.csv', `q\n${rows}\n`);
    store.getState().setTemplate({ user: '{{question}}' });
    expect(store.getState().runProblem()).toBe("Unknown variable {{question}}: the dataset's columns are q.");
    store.getState().setTemplate({ user: '{{q}}' });
    store.getState().setVariantEndpoint(store.getState().variants[0]?.id ?? '', 'a');
    await store.getState().requestRun();
    expect(store.getState().confirm).toMatchObject({ requests: 1_001, needsConfirmation: true });
    expect(store.getState().run).toBeNull();
    store.getState().dismissConfirm();
    expect(store.getState().confirm).toBeNull();
  });

  it('asks the judge about each answer, stores its verdicts and cost; a tool call is kept with the answer', async () => {
    const t = setup();
    const { store, fake } = t;
    await store.getState().init();
    await store.getState().importDataset('q.jsonl', '{"q":"one"}\n{"q":"two"}\n');
    store.getState().setTemplate({ user: '{{q}}' });
    store.getState().setVariantEndpoint(store.getState().variants[0]?.id ?? '', 'a');
    await store.getState().requestRun();
    await vi.advanceTimersByTimeAsync(0);
    await t.answer(1, 'fine');
    const call = fake.id(2);
    fake.emit(call, 0, {
      type: 'item',
      index: 0,
      item: { type: 'function_call', callId: 'c1', name: 'lookup', arguments: '{"q":"two"}' },
    });
    fake.emit(call, 1, { type: 'done', finishReasons: ['tool_calls'], metrics });
    t.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().phase).toBe('done');
    const variant = store.getState().run?.variants[0]?.id ?? '';
    expect(store.getState().resultOf(1, variant)?.toolCalls).toEqual([
      { name: 'lookup', arguments: '{"q":"two"}' },
    ]);

    store.getState().addScorer({ id: 'judge', kind: 'judge', endpoint: 'j', rubric: 'Correct?' });
    const judging = store.getState().runJudge('judge');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.chats.slice(2).map((c) => c.endpoint)).toEqual(['j', 'j']);
    expect(fake.chats[2]?.messages[1]?.content).toContain('Answer to grade:\nfine');
    await t.answer(3, 'PASS - right');
    await t.answer(4, 'FAIL: wrong');
    await judging;
    expect(store.getState().resultOf(0, variant)?.judge).toEqual([
      { scorerId: 'judge', pass: true, reason: 'right', costUsd: 0.001 },
    ]);
    expect(store.getState().resultOf(1, variant)?.judge?.[0]?.pass).toBe(false);
    // Stored too: a reopened run has them.
    const stored = await evalRunsRepo(t.db).results(store.getState().run?.id ?? '');
    expect(stored.filter((r) => r.judge?.length === 1)).toHaveLength(2);
  });
});
