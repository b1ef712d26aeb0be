import { describe, expect, it } from 'vitest';
import { percentile, round, summarize } from '../../../bench/lib/stats';

describe('summaries of repeated runs', () => {
  it('gives the median and the range, keeping every run in order', () => {
    expect(summarize([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, runs: [30, 10, 20] });
    expect(summarize([1, 2, 3, 4]).median).toBe(2.5);
  });

  it('ignores runs that produced no figure, and says so with NaN when none did', () => {
    expect(summarize([Number.NaN, 4, 6]).median).toBe(5);
    expect(summarize([Number.NaN]).median).toBeNaN();
  });

  it('interpolates percentiles', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([], 50)).toBeNaN();
  });

  it('rounds small figures to two decimals and large ones to whole numbers', () => {
    expect(round(12.345)).toBe(12.35);
    expect(round(16.014)).toBe(16.01);
    expect(round(1234.5)).toBe(1235);
  });
});
