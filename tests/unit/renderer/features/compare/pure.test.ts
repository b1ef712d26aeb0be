import { describe, expect, it } from 'vitest';
import type { CompareAnswer, VoteRecord } from '../../../../../renderer/core/db/records';
import { jsonlLines, toJsonl, toMarkdown } from '../../../../../renderer/features/compare/compare-export';
import { turnBadges } from '../../../../../renderer/features/compare/compare-metrics';
import { movePane, paneHistory, shuffled } from '../../../../../renderer/features/compare/compare-model';
import { leaderboard } from '../../../../../renderer/features/compare/leaderboard';
import { parseSweepValues, sweepPanes } from '../../../../../renderer/features/compare/sweep';
import { diffStats, wordDiff } from '../../../../../renderer/features/compare/word-diff';
import { metrics } from './harness';

const answer = (patch: Partial<CompareAnswer> = {}): CompareAnswer => ({
  turn: 0,
  content: 'text',
  status: 'done',
  finishReason: 'stop',
  model: null,
  metrics: metrics(),
  error: null,
  costUsd: 0.01,
  ...patch,
});

describe('sweeps', () => {
  it('parses values within the limits', () => {
    expect(parseSweepValues('0, 0.7, 1.4', 'temperature')).toEqual({ ok: true, values: [0, 0.7, 1.4] });
    expect(parseSweepValues('64, 256, 1024', 'max_tokens')).toEqual({ ok: true, values: [64, 256, 1024] });
    expect(parseSweepValues('0, 3', 'temperature')).toMatchObject({ ok: false });
    expect(parseSweepValues('1.5, 2', 'top_k')).toMatchObject({ ok: false });
    expect(parseSweepValues('1', 'top_p')).toMatchObject({ ok: false });
    expect(parseSweepValues('1,2,3,4,5,6,7', 'top_k')).toMatchObject({ ok: false });
    expect(parseSweepValues('64, 9000', 'max_tokens', 8192)).toMatchObject({ ok: false });
  });

  it('makes one pane per value differing only in the swept parameter', () => {
    let n = 0;
    const panes = sweepPanes('m', 'top_p', [0.1, 1], { temperature: 0.5 }, () => `p${++n}`);
    expect(panes.map((p) => [p.id, p.endpoint, p.params])).toEqual([
      ['p1', 'm', { temperature: 0.5, top_p: 0.1 }],
      ['p2', 'm', { temperature: 0.5, top_p: 1 }],
    ]);
  });
});

describe('leaderboard', () => {
  const vote = (endpoints: string[], winner: string | null): VoteRecord => ({
    id: 'v',
    comparisonId: 'c',
    turn: 0,
    at: 0,
    endpoints,
    winner,
  });

  it('counts wins, a loss for each other endpoint and ties for everyone', () => {
    const rows = leaderboard([
      vote(['a', 'b', 'c'], 'a'),
      vote(['a', 'b'], 'b'),
      vote(['a', 'b', 'c'], null),
    ]);
    const byName = Object.fromEntries(rows.map((r) => [r.endpoint, r]));
    expect(byName.a).toMatchObject({ wins: 1, losses: 1, ties: 1 });
    expect(byName.b).toMatchObject({ wins: 1, losses: 1, ties: 1 });
    expect(byName.c).toMatchObject({ wins: 0, losses: 1, ties: 1, winRate: 0 });
    expect(byName.a?.winRate).toBeCloseTo(1 / 3);
    expect(rows.at(-1)?.endpoint).toBe('c');
  });

  it('counts an endpoint once per vote even in two panes (a sweep)', () => {
    const rows = leaderboard([vote(['m', 'm', 'n'], 'm')]);
    expect(rows).toEqual([
      { endpoint: 'm', wins: 1, losses: 0, ties: 0, winRate: 1 },
      { endpoint: 'n', wins: 0, losses: 1, ties: 0, winRate: 0 },
    ]);
  });
});

describe('word diff', () => {
  it('marks inserted and removed words', () => {
    const parts = wordDiff('the quick brown fox jumps', 'the slow brown fox leaps high');
    expect(parts).toEqual([
      { type: 'same', text: 'the ' },
      { type: 'del', text: 'quick ' },
      { type: 'ins', text: 'slow ' },
      { type: 'same', text: 'brown fox ' },
      { type: 'del', text: 'jumps' },
      { type: 'ins', text: 'leaps high' },
    ]);
    expect(diffStats(parts)).toEqual({ inserted: 3, removed: 2 });
  });

  it('reassembles both texts and handles empty sides', () => {
    const a = 'one two three four five';
    const b = 'zero one three five six';
    const parts = wordDiff(a, b);
    expect(
      parts
        .filter((p) => p.type !== 'ins')
        .map((p) => p.text.trim())
        .join(' '),
    ).toBe(a);
    expect(
      parts
        .filter((p) => p.type !== 'del')
        .map((p) => p.text.trim())
        .join(' '),
    ).toBe(b);
    expect(wordDiff('', 'new words')).toEqual([{ type: 'ins', text: 'new words' }]);
    expect(wordDiff('same', 'same')).toEqual([{ type: 'same', text: 'same' }]);
  });
});

describe('badges', () => {
  it('marks the fastest, highest throughput and cheapest once two have finished', () => {
    const badges = turnBadges([
      { paneId: 'a', answer: answer({ metrics: metrics({ ttftMs: 50, tokensPerSec: 90 }), costUsd: 0.02 }) },
      { paneId: 'b', answer: answer({ metrics: metrics({ ttftMs: 20, tokensPerSec: 40 }), costUsd: null }) },
      { paneId: 'c', answer: answer({ metrics: metrics({ ttftMs: 80, tokensPerSec: 60 }), costUsd: 0.01 }) },
      { paneId: 'd', answer: answer({ status: 'error', metrics: metrics({ ttftMs: 1 }) }) },
    ]);
    expect([...badges.fastest]).toEqual(['b']);
    expect([...badges.throughput]).toEqual(['a']);
    expect([...badges.cheapest]).toEqual(['c']);
    const one = turnBadges([
      { paneId: 'a', answer: answer() },
      { paneId: 'b', answer: answer({ status: 'streaming' }) },
    ]);
    expect(one.fastest.size + one.throughput.size + one.cheapest.size).toBe(0);
  });
});

describe('model helpers', () => {
  it('builds a pane history from shared turns and its own answers', () => {
    const pane = {
      id: 'p',
      endpoint: 'm',
      inheritParams: true,
      params: {},
      answers: [answer({ turn: 0, content: 'A0' }), answer({ turn: 1, content: '' })],
    };
    expect(paneHistory(pane, '', ['Q0', 'Q1', 'Q2']).map((m) => `${m.role}:${m.content}`)).toEqual([
      'user:Q0',
      'assistant:A0',
      'user:Q1',
      'user:Q2',
    ]);
  });

  it('moves and shuffles', () => {
    expect(movePane(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(movePane(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    const ids = ['a', 'b', 'c', 'd'];
    expect(shuffled(ids, () => 0.99)).toEqual(ids);
    expect([...shuffled(ids, Math.random)].sort()).toEqual(ids);
  });
});

describe('exports', () => {
  const comparison = {
    title: 'T',
    systemPrompt: 'Be brief.',
    sharedParams: { max_tokens: 10 },
    turns: ['Q0', 'Q1'],
    synthetic: true,
    panes: [
      {
        id: 'p1',
        endpoint: 'a',
        inheritParams: true,
        params: {},
        answers: [answer({ content: 'A0' }), answer({ turn: 1, content: 'A1' })],
      },
      {
        id: 'p2',
        endpoint: 'b',
        inheritParams: false,
        params: { temperature: 0 },
        answers: [
          answer({
            content: '',
            status: 'error',
            error: { code: 'RATE_LIMITED', message: 'slow down' },
            metrics: null,
          }),
        ],
      },
    ],
  };

  it('writes one JSONL line per pane per turn with the effective parameters', () => {
    const text = toJsonl(comparison);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      turn: 0,
      prompt: { system: 'Be brief.', user: 'Q0' },
      endpoint: 'a',
      parameters: { max_tokens: 10 },
      output: 'A0',
      finish_reason: 'stop',
      metrics: { ttft_ms: 10, tokens_per_sec: 50, prompt_tokens: 3, completion_tokens: 4, cost_usd: 0.01 },
      synthetic: true,
    });
    expect(lines[1]).toMatchObject({
      endpoint: 'b',
      parameters: { temperature: 0 },
      error: 'slow down',
      status: 'error',
    });
    expect(lines[2]).toMatchObject({ turn: 1, prompt: { user: 'Q1' }, output: 'A1' });
    expect(jsonlLines(comparison)).toHaveLength(3);
  });

  it('writes Markdown with every turn, pane and metrics', () => {
    const md = toMarkdown(comparison);
    expect(md).toContain('## Turn 2');
    expect(md).toContain('### Pane 2: b');
    expect(md).toContain('Parameters: temperature=0');
    expect(md).toContain('synthetic');
    expect(md).toContain('TTFT 10 ms');
  });
});
