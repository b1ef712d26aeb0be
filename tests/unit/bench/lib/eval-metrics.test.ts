import { describe, expect, it } from 'vitest';
import { countOver, evalCsv, rateBoundMs, readLimits, sharePercent } from '../../../bench/lib/eval-metrics';

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

  it("reads the run panel's limits line and the progress line's in-flight count", () => {
    expect(
      readLimits(
        'databricks-meta-llama-3-1-70b-instruct: 16 at a time, 48 a second, 3× rate-limited',
        '120 / 1,000 done · about 18 s left · 15 in flight',
      ),
    ).toEqual({ limit: 16, pace: 48, rateLimited: 3, inFlight: 15 });
    expect(readLimits('ep: 4 at a time')).toEqual({ limit: 4, pace: null, rateLimited: 0, inFlight: null });
    expect(readLimits('')).toBeNull();
  });
});
