import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../../renderer/core/nice-ticks';

describe('niceTicks', () => {
  it.each([
    // The axes the issue showed: $14,454 and 3.21B tokens.
    { max: 14_454, ticks: [0, 5_000, 10_000, 15_000] },
    { max: 10_841, ticks: [0, 5_000, 10_000, 15_000] },
    { max: 3.21e9, ticks: [0, 1e9, 2e9, 3e9, 4e9] },
    { max: 1.61e9, ticks: [0, 5e8, 1e9, 1.5e9, 2e9] },
    // Exactly round maxima stay put; steps of 2 and 2.5.
    { max: 100, ticks: [0, 25, 50, 75, 100] },
    { max: 8, ticks: [0, 2, 4, 6, 8] },
    { max: 7, ticks: [0, 2, 4, 6, 8] },
    { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] },
    // Small values without floating-point noise.
    { max: 0.3, ticks: [0, 0.1, 0.2, 0.3] },
    { max: 0.012, ticks: [0, 0.005, 0.01, 0.015] },
  ])('$max → $ticks', ({ max, ticks }) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  it('honours the interval limit', () => {
    expect(niceTicks(14_454, 2)).toEqual([0, 10_000, 20_000]);
    expect(niceTicks(9, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('falls back to 0..1 for an empty or broken range', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(-5)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
    expect(niceTicks(Number.POSITIVE_INFINITY)).toEqual([0, 1]);
  });
});
