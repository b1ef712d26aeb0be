import { describe, expect, it } from 'vitest';
import {
  type BenchResults,
  compareTargets,
  info,
  machineLoaded,
  mergeRemeasured,
  notMeasured,
  overCount,
  resultsMarkdown,
  target,
  withNote,
  withResults,
} from '../../../bench/lib/report';
import { summarize } from '../../../bench/lib/stats';

const results = (): BenchResults => ({
  version: 1,
  date: '2026-12-06T10:00:00.000Z',
  machine: {
    cpu: 'Test CPU',
    cores: 2,
    memoryGb: 24,
    os: 'Linux 6',
    node: '20.20.2',
    chromium: '140.0',
    loadAverage: 0.5,
  },
  runs: 3,
  durationSec: 420,
  targets: [
    target('drain', '1 · Drain', summarize([40, 60, 50]), 100, 'ms'),
    target('rate', '3 · One stream', summarize([2_000, 5_000, 5_000]), 5_000, 'tokens/s', 'higher'),
    info('tti', '6 · Time to interactive', summarize([900]), 'ms'),
  ],
  renderers: [
    {
      renderer: 'the app',
      cadence: 'product',
      busyMs: summarize([3_000, 3_200]),
      updatesPerSec: summarize([20, 21]),
      staleP50Ms: summarize([30]),
      staleP95Ms: summarize([55, 61]),
      staleMaxMs: summarize([70]),
      longestTaskMs: summarize([40]),
      framesOver50: summarize([0]),
      updateGrowth: summarize([1]),
      drainMs: summarize([50]),
    },
  ],
  ratios: { 'app / streamdown': 0.42 },
  scenarios: {},
});

describe('worst-case goals, the machine and comparisons', () => {
  it('judges a worst-case goal on the worst run, not the median', () => {
    // Two good runs and one with a 69 ms task: the median passes, the goal does not.
    const task = target('task', '1 · Longest task', summarize([40, 44, 69]), 50, 'ms', 'lower', 'worst');
    expect(task).toMatchObject({ value: 69, goal: '≤ 50 ms, worst run', met: false, judged: 'worst' });
    const rate = target(
      'rate',
      'Rate',
      summarize([6_000, 4_000, 7_000]),
      5_000,
      'tokens/s',
      'higher',
      'worst',
    );
    expect(rate).toMatchObject({ value: 4_000, met: false });
    expect(resultsMarkdown({ ...results(), targets: [task] })).toContain(
      '| 1 · Longest task | ≤ 50 ms, worst run | 69 ms (40–69) | **no** |',
    );
  });

  it('flags a run that started on a loaded machine, and names the commit', () => {
    const loaded = { ...results().machine, loadAverage: 6.2 };
    expect(machineLoaded(loaded)).toBe(true);
    expect(machineLoaded(results().machine)).toBe(false);
    const markdown = resultsMarkdown({ ...results(), commit: 'abc1234', machine: loaded });
    expect(markdown).toContain('Last run 2026-12-06 at commit abc1234 on Test CPU');
    expect(markdown).toContain('**Loaded machine:** the load average at start (6.2) was above the 2 cores');
    expect(resultsMarkdown(results())).not.toContain('Loaded machine');
  });

  it('compares each target with an earlier run', () => {
    const base = results();
    const now = {
      ...results(),
      targets: [
        target('drain', '1 · Drain', summarize([150]), 100, 'ms'),
        target('rate', '3 · One stream', summarize([5_000]), 5_000, 'tokens/s', 'higher'),
        info('new-row', 'New', summarize([3]), 'ms'),
      ],
    };
    expect(compareTargets(base, now)).toEqual([
      'drain: 50 → 150 ms (+200 %), now missed',
      'rate: 5,000 → 5,000 tokens/s (+0 %)',
      'new-row: 3 ms (new)',
    ]);
  });
});

describe('the results tables', () => {
  it('judges each target against its goal, in the right direction', () => {
    const [drain, rate, tti] = results().targets;
    expect(drain).toMatchObject({ value: 50, min: 40, max: 60, goal: '≤ 100 ms', met: true });
    expect(rate).toMatchObject({ value: 5_000, goal: '≥ 5,000 tokens/s', met: true });
    expect(tti?.met).toBeNull();
  });

  it('shows medians with their range, the machine, and the ratios', () => {
    const markdown = resultsMarkdown(results());
    expect(markdown).toContain('| 1 · Drain | ≤ 100 ms | 50 ms (40–60) | yes |');
    expect(markdown).toContain('| 6 · Time to interactive | — | 900 ms | — |');
    expect(markdown).toContain('Test CPU (2 cores, 24 GB');
    expect(markdown).toContain('| 70 | 40 | 0 | 1 | 50 |');
    expect(markdown).toContain('app / streamdown 0.42');
  });

  it('shows a worst-run count beside the figure, and a missing feature as not measured, never a number', () => {
    const worst = withNote(
      target('t', '1 · Longest task', summarize([30, 69, 40]), 50, 'ms', 'lower', 'worst'),
      overCount([0, 2, 0], 'tasks'),
    );
    const missing = notMeasured('x', '7 · Something', '≤ 1 ms', 'feature missing');
    const markdown = resultsMarkdown({ ...results(), targets: [worst, missing] });
    expect(markdown).toContain(
      '| 1 · Longest task | ≤ 50 ms, worst run | 69 ms (30–69); 2 tasks > 50 ms in 3 runs | **no** |',
    );
    expect(markdown).toContain('| 7 · Something | ≤ 1 ms | not measured (feature missing) | — |');
    expect(overCount([0, 0], 'frames')).toBe('no frames > 50 ms in 2 runs');
  });

  it('shows each renderer with its cadence, update rate and staleness', () => {
    expect(resultsMarkdown(results())).toContain(
      '| the app | product | 3,100 (3,000–3,200) | 20.5 (20–21) | 30 | 58 (55–61) | 70 |',
    );
  });

  it("shows an older file's renderer rows, without the figures it lacks", () => {
    const old = { renderer: 'old', busyMs: summarize([1]) } as unknown as BenchResults['renderers'][number];
    expect(resultsMarkdown({ ...results(), renderers: [old] })).toContain('| old | — | 1 | — | — |');
  });

  it('merges a re-measured scenario into a full run: its rows in place, its failure gone, and the table says so', () => {
    const base = {
      ...results(),
      failures: { streaming: 'locator.waitFor: Timeout' },
      targets: [target('a', '6 · A', summarize([1]), 5, 'ms'), target('c', '3 · C', summarize([9]), 5, 'ms')],
    };
    const partial = {
      ...results(),
      date: '2026-12-08T00:00:00.000Z',
      commit: 'abc1234',
      targets: [target('c', '3 · C', summarize([2]), 5, 'ms'), target('d', '3 · D', summarize([3]), 5, 'ms')],
    };
    const merged = mergeRemeasured(base, partial, ['streaming']);
    expect(merged.targets.map((t) => [t.id, t.value])).toEqual([
      ['a', 1],
      ['c', 2],
      ['d', 3],
    ]);
    expect(merged.failures).toBeUndefined();
    expect(resultsMarkdown(merged)).toContain(
      'Re-measured in a later run and merged in: streaming (2026-12-08 at commit abc1234, load average',
    );
  });

  it('leaves the side-by-side table out of a run without scenario 1', () => {
    expect(resultsMarkdown({ ...results(), renderers: [] })).not.toContain('Renderer');
  });

  it("replaces only the README's results block", () => {
    const readme = 'intro\n<!-- bench:results:start -->\nold\n<!-- bench:results:end -->\noutro';
    expect(withResults(readme, 'new')).toBe(
      'intro\n<!-- bench:results:start -->\n\nnew\n\n<!-- bench:results:end -->\noutro',
    );
    expect(() => withResults('no block', 'new')).toThrow(/bench:results:start/);
  });
});
