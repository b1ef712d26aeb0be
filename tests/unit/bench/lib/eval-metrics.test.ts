import { describe, expect, it } from 'vitest';
import { countOver, evalCsv, rateBoundMs, sharePercent } from '../../../bench/lib/eval-metrics';

describe('the Evaluate rows', () => {
  it('imports a CSV with a header and one line per row, quoting commas', () => {
    const lines = evalCsv(3).trim().split('\n');
    expect(lines).toEqual(['country,expected', 'France 0,Paris', '"Italy, 1",Rome', 'France 2,Paris']);
  });

  it('bounds a rate-limited run at rows ÷ allowed rate', () => {
    expect(rateBoundMs(1_000, 50)).toBe(20_000);
    expect(rateBoundMs(10, 4)).toBe(2_500);
    expect(() => rateBoundMs(10, 0)).toThrow(/positive/);
  });

  it('gives shares in percent, and 0 of nothing', () => {
    expect(sharePercent(5, 1_000)).toBe(0.5);
    expect(sharePercent(0, 0)).toBe(0);
  });

  it('counts what is over a limit (not equal to it)', () => {
    expect(countOver([10, 50, 51, 120], 50)).toBe(2);
    expect(countOver([], 50)).toBe(0);
  });
});
