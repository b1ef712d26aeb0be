import { describe, expect, it } from 'vitest';
import { offsetOf } from '../../../bench/lib/clock';

describe('clock offset', () => {
  it('takes the quickest round trip, its midpoint against the remote reading', () => {
    const { offsetMs, uncertaintyMs } = offsetOf([
      { before: 0, remote: 120, after: 40 },
      { before: 100, remote: 205, after: 102 },
      { before: 200, remote: 300, after: 230 },
    ]);
    expect(offsetMs).toBe(104);
    expect(uncertaintyMs).toBe(1);
  });

  it('refuses to guess without a usable sample', () => {
    expect(() => offsetOf([{ before: 5, remote: Number.NaN, after: 6 }])).toThrow(/no clock samples/);
  });
});
