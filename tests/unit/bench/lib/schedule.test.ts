import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../electron/demo-workspace/tokenizer';
import { DEFAULT_COALESCE_MS } from '../../../../electron/services/streams/stream-emitter';
import { coalescedSchedule, shuffled } from '../../../bench/lib/schedule';

describe('the feed the peers get', () => {
  const text = 'word '.repeat(1000).trim();

  it('carries exactly the text, the first token alone and at once', () => {
    const events = coalescedSchedule(text, 2_000);
    expect(events.map((e) => e.text).join('')).toBe(text);
    expect(events[0]).toEqual({ t: 0, text: tokenize(text)[0] });
  });

  it('coalesces like the app: one event per interval, the last one when the last token is sent', () => {
    const events = coalescedSchedule(text, 2_000);
    const tokens = tokenize(text).length;
    for (const [i, event] of events.slice(1, -1).entries())
      expect(event.t).toBe((i + 1) * DEFAULT_COALESCE_MS);
    expect(events.at(-1)?.t).toBeCloseTo(((tokens - 1) * 1000) / 2_000);
    // 2,000 tokens/s and 24 ms: 48 tokens per event.
    expect(tokenize(events[2]?.text ?? '').length).toBe(48);
  });

  it('gives nothing for nothing', () => {
    expect(coalescedSchedule('', 1000)).toEqual([]);
  });
});

describe('the renderer order', () => {
  it('is a permutation drawn from the seed: the same seed, the same order', () => {
    const items = ['app', 'ours', 'streamdown', 'react-markdown'];
    expect(shuffled(items, 7)).toEqual(shuffled(items, 7));
    expect([...shuffled(items, 7)].sort()).toEqual([...items].sort());
    const orders = new Set(Array.from({ length: 20 }, (_, i) => shuffled(items, i).join()));
    expect(orders.size).toBeGreaterThan(5);
    expect(items).toEqual(['app', 'ours', 'streamdown', 'react-markdown']);
  });

  it('puts every renderer first about equally often over consecutive seeds', () => {
    const items = ['app', 'ours', 'streamdown', 'react-markdown'];
    const firsts = new Map<string, number>();
    for (let seed = 19_001; seed <= 19_200; seed++) {
      const first = shuffled(items, seed)[0] as string;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    // 50 each expected; a seed that isn't mixed gives one renderer the first slot far more often.
    for (const item of items) expect(firsts.get(item)).toBeGreaterThan(35);
  });
});
