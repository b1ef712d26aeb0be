import { describe, expect, it } from 'vitest';
import { metrics, setup } from './harness';

const textOf = (s: ReturnType<typeof setup>, i: number) => s.state().panes[i]?.answers.at(-1)?.content;
const statusOf = (s: ReturnType<typeof setup>, i: number) => s.state().panes[i]?.answers.at(-1)?.status;

describe('compare store: one prompt, all panes', () => {
  it('starts one stream per pane and routes interleaved events by streamId', async () => {
    const s = setup();
    s.setPanes(['a', 'b', 'c']);
    s.state().setSystemPrompt('Be brief.');
    await s.send('Hello');
    expect(s.chats.map((c) => c.endpoint)).toEqual(['a', 'b', 'c']);
    expect(s.chats[0]?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ]);
    s.emit(s.id(2), 0, { type: 'delta', index: 0, text: 'B1 ' });
    s.emit(s.id(1), 0, { type: 'delta', index: 0, text: 'A1 ' });
    s.emit(s.id(3), 0, { type: 'delta', index: 0, text: 'C1 ' });
    s.emit(s.id(1), 1, { type: 'delta', index: 0, text: 'A2' });
    s.emit(s.id(2), 1, { type: 'delta', index: 0, text: 'B2' });
    s.frame();
    expect([textOf(s, 0), textOf(s, 1), textOf(s, 2)]).toEqual(['A1 A2', 'B1 B2', 'C1 ']);
    expect(statusOf(s, 2)).toBe('streaming');
    // A duplicate is ignored.
    s.emit(s.id(1), 1, { type: 'delta', index: 0, text: 'A2' });
    s.frame();
    expect(textOf(s, 0)).toBe('A1 A2');
  });

  it('keeps events that arrive before startChat answers, and drops strangers later', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const s = setup({ startGate: gate });
    s.setPanes(['a', 'b']);
    const sending = s.send('Early');
    await s.flush();
    s.emit(s.id(1), 0, { type: 'delta', index: 0, text: 'fast ' });
    s.emit(crypto.randomUUID(), 0, { type: 'delta', index: 0, text: 'chat stream' });
    s.frame();
    open();
    await sending;
    s.emit(s.id(1), 1, { type: 'delta', index: 0, text: 'start' });
    s.frame();
    expect(textOf(s, 0)).toBe('fast start');
    expect(textOf(s, 1)).toBe('');
  });

  it('applies a whole frame of events in one store update', async () => {
    const s = setup();
    s.setPanes(['a', 'b']);
    await s.send('Hi');
    let updates = 0;
    const unsubscribe = s.store.subscribe(() => updates++);
    for (let i = 0; i < 20; i++)
      s.emit(s.id(i % 2 ? 2 : 1), Math.floor(i / 2), { type: 'delta', index: 0, text: 'x' });
    s.frame();
    unsubscribe();
    expect(updates).toBe(1);
    expect(textOf(s, 0)).toBe('x'.repeat(10));
  });

  it("a pane whose endpoint is retired shows the server's words; the refused request is no usage", async () => {
    const s = setup();
    s.setPanes(['a', 'databricks-dbrx-instruct']);
    await s.send('Hello');
    // Databricks' answer for a retired model, as the privileged side maps it; it also
    // estimated the prompt it sent (no usage came back).
    const said = 'The endpoint databricks-dbrx-instruct has been retired. Please use another model.';
    const retired = {
      code: 'NOT_FOUND' as const,
      message: 'The model behind "databricks-dbrx-instruct" has been retired. Pick another model.',
      serverMessage: said,
      retired: true,
      status: 404,
      serverCode: 'RESOURCE_DOES_NOT_EXIST',
    };
    const estimated = metrics({ promptTokens: 688, completionTokens: null, usageReported: false });
    s.emit(s.id(2), 0, { type: 'error', error: retired, partial: false, metrics: estimated });
    s.emit(s.id(1), 0, { type: 'delta', index: 0, text: 'Hi' });
    s.emit(s.id(1), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.frame();
    const failed = s.state().panes[1]?.answers[0];
    expect(failed).toMatchObject({
      status: 'error',
      error: { serverMessage: said },
      metrics: null,
      costUsd: null,
    });
    expect(s.usage.map((u) => u.endpoint)).toEqual(['a']);
    expect(s.gone).toEqual([['databricks-dbrx-instruct', retired]]);
  });

  it("keeps one pane's error in that pane; the others finish and record usage once", async () => {
    const s = setup({
      startErrors: { b: { code: 'RATE_LIMITED', message: 'Too many requests', status: 429 } },
    });
    s.setPanes(['a', 'b', 'c']);
    await s.send('Hello');
    expect(statusOf(s, 1)).toBe('error');
    expect(s.state().panes[1]?.answers[0]?.error?.code).toBe('RATE_LIMITED');
    // Every pane's stream has its id from the start, the refused one too (the second).
    s.emit(s.id(1), 0, { type: 'delta', index: 0, text: 'one' });
    s.emit(s.id(3), 0, { type: 'delta', index: 0, text: 'three' });
    s.emit(s.id(3), 1, {
      type: 'error',
      error: { code: 'NETWORK', message: 'reset' },
      partial: true,
      metrics: metrics(),
    });
    s.emit(s.id(1), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.frame();
    expect([statusOf(s, 0), statusOf(s, 1), statusOf(s, 2)]).toEqual(['done', 'error', 'error']);
    // The partial text of a stream that broke stays.
    expect(textOf(s, 2)).toBe('three');
    expect(s.state().panes[0]?.answers[0]?.finishReason).toBe('stop');
    expect(s.state().panes[0]?.answers[0]?.costUsd).toBeCloseTo(0.007);
    // Usage for the two answers that ran (the refused one never did), source compare.
    expect(s.usage.map((u) => [u.endpoint, u.source, u.completionTokens]).sort()).toEqual([
      ['a', 'compare', 4],
      ['c', 'compare', 4],
    ]);
    // A late duplicate terminal event records nothing more.
    s.emit(s.id(1), 2, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.frame();
    expect(s.usage).toHaveLength(2);
  });

  it('continues each pane with its own answers', async () => {
    const s = setup();
    s.setPanes(['a', 'b']);
    await s.send('Q1');
    s.emit(s.id(1), 0, { type: 'delta', index: 0, text: 'from a' });
    s.emit(s.id(1), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.emit(s.id(2), 0, { type: 'delta', index: 0, text: 'from b' });
    s.emit(s.id(2), 1, { type: 'done', finishReasons: ['length'], metrics: metrics() });
    s.frame();
    await s.flush();
    await s.send('Q2');
    const [a, b] = s.chats.slice(2);
    expect(a?.messages.map((m) => m.content)).toEqual(['Q1', 'from a', 'Q2']);
    expect(b?.messages.map((m) => m.content)).toEqual(['Q1', 'from b', 'Q2']);
    // The turn was saved when both panes had finished.
    expect(s.comparisons.rows.size).toBe(1);
  });

  it('stops one pane or all; text so far stays', async () => {
    const s = setup();
    s.setPanes(['a', 'b', 'c']);
    await s.send('Go');
    await s.state().stopPane(s.state().panes[1]?.id ?? '');
    expect(s.cancels).toEqual([s.id(2)]);
    await s.state().stopAll();
    expect(s.cancels.sort()).toEqual([s.id(1), s.id(2), s.id(2), s.id(3)].sort());
    s.emit(s.id(2), 0, { type: 'delta', index: 0, text: 'part' });
    s.emit(s.id(2), 1, { type: 'aborted', metrics: null });
    s.frame();
    expect(statusOf(s, 1)).toBe('stopped');
    expect(textOf(s, 1)).toBe('part');
  });

  it('uses each pane’s own parameters or the shared ones', async () => {
    const s = setup();
    s.setPanes(['a', 'b']);
    s.state().setSharedParams({ max_tokens: 50 });
    const second = s.state().panes[1]?.id ?? '';
    s.state().setPaneInherit(second, false);
    s.state().setPaneParams(second, { temperature: 0 });
    await s.send('Hi');
    expect(s.chats.map((c) => c.params)).toEqual([{ max_tokens: 50 }, { temperature: 0 }]);
  });
});

describe('compare store: sweep, blind vote, setups', () => {
  it('a sweep replaces the panes with one pane per value', () => {
    const s = setup();
    s.state().setSharedParams({ max_tokens: 100 });
    s.state().applySweep('m', 'temperature', [0, 0.7, 1.4]);
    expect(s.state().panes.map((p) => [p.endpoint, p.inheritParams, p.params])).toEqual([
      ['m', false, { max_tokens: 100, temperature: 0 }],
      ['m', false, { max_tokens: 100, temperature: 0.7 }],
      ['m', false, { max_tokens: 100, temperature: 1.4 }],
    ]);
  });

  it('blind mode shuffles, votes on the last turn once and stores the endpoints', async () => {
    const s = setup();
    s.setPanes(['a', 'b', 'c']);
    s.state().setBlind(true);
    await s.send('Pick');
    // random() = 0 gives a fixed permutation, different from the panes' order.
    const order = s.state().order.map((id) => s.state().panes.find((p) => p.id === id)?.endpoint);
    expect(order).toEqual(['b', 'c', 'a']);
    for (const id of [s.id(1), s.id(2), s.id(3)])
      s.emit(id, 0, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.frame();
    await s.state().vote(s.state().order[0] ?? '');
    await s.state().vote(null);
    expect(s.votes).toHaveLength(1);
    expect(s.votes[0]).toMatchObject({ turn: 0, winner: 'b', endpoints: ['b', 'c', 'a'] });
    expect(s.state().votes).toHaveLength(1);
  });

  it('saves a setup by name and loads it back; remembers the last setup', async () => {
    const prefs = new Map<string, string>();
    const s = setup({ prefs });
    s.setPanes(['a', 'b', 'c']);
    await s.state().saveSetup('trio');
    s.state().removePane(s.state().panes[2]?.id ?? '');
    expect(s.state().panes).toHaveLength(2);
    await s.state().loadSetup(s.state().setups[0]?.id ?? '');
    expect(s.state().panes.map((p) => p.endpoint)).toEqual(['a', 'b', 'c']);
    const again = setup({ prefs });
    await again.state().init();
    expect(again.state().panes.map((p) => p.endpoint)).toEqual(['a', 'b', 'c']);
  });

  it('reopens the last comparison with its answers after a reload, until a new one starts', async () => {
    const prefs = new Map<string, string>();
    const s = setup({ prefs });
    s.setPanes(['a', 'b']);
    await s.send('Q1');
    s.emit(s.id(1), 0, { type: 'delta', index: 0, text: 'from a' });
    s.emit(s.id(1), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.emit(s.id(2), 0, { type: 'delta', index: 0, text: 'from b' });
    s.emit(s.id(2), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.frame();
    await s.flush();

    const reloaded = setup({ prefs, comparisons: s.comparisons });
    await reloaded.state().init();
    expect(reloaded.state().panes.map((p) => p.answers.at(-1)?.content)).toEqual(['from a', 'from b']);
    expect(reloaded.state().turns).toHaveLength(1);

    // New comparison: the next reload starts from the setup, empty.
    reloaded.state().newComparison();
    const again = setup({ prefs, comparisons: s.comparisons });
    await again.state().init();
    expect(again.state().panes.map((p) => p.endpoint)).toEqual(['a', 'b']);
    expect(again.state().panes.every((p) => p.answers.length === 0)).toBe(true);
  });

  it('starts from the setup when the remembered comparison is gone', async () => {
    const prefs = new Map<string, string>([['compare.current', 'deleted-id']]);
    const s = setup({ prefs });
    await s.state().init();
    expect(s.state().turns).toEqual([]);
    expect(prefs.has('compare.current')).toBe(false);
  });

  it('keeps 2 to 6 panes and moves them', () => {
    const s = setup();
    for (let i = 0; i < 10; i++) s.state().addPane('x');
    expect(s.state().panes).toHaveLength(6);
    s.setPanes(['a', 'b', 'c', 'd', 'e', 'f']);
    s.state().movePane(s.state().panes[0]?.id ?? '', 1);
    expect(s.state().panes.map((p) => p.endpoint)).toEqual(['b', 'a', 'c', 'd', 'e', 'f']);
    for (const p of [...s.state().panes]) s.state().removePane(p.id);
    expect(s.state().panes).toHaveLength(2);
  });
});
