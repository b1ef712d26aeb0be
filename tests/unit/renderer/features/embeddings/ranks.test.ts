import { describe, expect, it } from 'vitest';
import { averageRanks } from '../../../../../renderer/features/embeddings/ranks';

/** The definition, the slow way: rank = 1 + (values below) + (equal values − 1) / 2. */
function reference(values: number[]): number[] {
  return values.map((v) => {
    const below = values.filter((x) => x < v).length;
    const equal = values.filter((x) => x === v).length;
    return below + (equal + 1) / 2;
  });
}

/** Deterministic numbers with many ties and both signs (xorshift). */
function sample(length: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (((s >>> 0) % 41) - 20) / 8;
  });
}

describe('averageRanks', () => {
  it('gives ties the average of the ranks they span, for plain arrays and Float32Arrays alike', () => {
    for (const values of [
      [10, 20, 20, 30],
      [5, 5, 5],
      [3, 1, 2],
    ]) {
      expect(Array.from(averageRanks(values))).toEqual(reference(values));
      expect(Array.from(averageRanks(Float32Array.from(values)))).toEqual(reference(values));
    }
  });

  it('matches the definition on float32 values with ties, negatives and both zeros', () => {
    const values = sample(600, 12345);
    values[7] = -0;
    values[8] = 0;
    expect(Array.from(averageRanks(values))).toEqual(reference(Array.from(values)));
  });

  it('handles empty and single inputs', () => {
    expect(Array.from(averageRanks(new Float32Array(0)))).toEqual([]);
    expect(Array.from(averageRanks(Float32Array.of(0.3)))).toEqual([1]);
  });
});
