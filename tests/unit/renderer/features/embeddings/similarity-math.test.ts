import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  cosine,
  offDiagonalRange,
  pearson,
  rankOrder,
  rowNorms,
  scoresAgainst,
  similarityMatrix,
  spearman,
  upperTriangle,
} from '../../../../../renderer/features/embeddings/similarity-math';

const set = (rows: number[][]) => ({
  data: Float32Array.from(rows.flat()),
  count: rows.length,
  dim: rows[0]?.length ?? 0,
});

describe('cosine', () => {
  it('matches hand-computed values', () => {
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [-1, 0])).toBe(-1);
    // (1·1 + 1·0) / (√2 · 1) = 1/√2
    expect(cosine([1, 1], [1, 0])).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('is 0 for a zero vector instead of NaN', () => {
    expect(cosine([0, 0], [1, 2])).toBe(0);
  });
});

describe('similarityMatrix', () => {
  // [1,0], [1,1], [0,2]: cos01 = 1/√2, cos02 = 0, cos12 = 2/(√2·2) = 1/√2.
  const vectors = set([
    [1, 0],
    [1, 1],
    [0, 2],
  ]);

  it('is the symmetric cosine matrix with 1 on the diagonal', () => {
    const m = similarityMatrix(vectors);
    const expected = [1, Math.SQRT1_2, 0, Math.SQRT1_2, 1, Math.SQRT1_2, 0, Math.SQRT1_2, 1];
    expected.forEach((v, k) => {
      expect(m[k]).toBeCloseTo(v, 6);
    });
  });

  it('gives a zero vector 0 everywhere, its diagonal included', () => {
    const m = similarityMatrix(
      set([
        [0, 0],
        [1, 0],
      ]),
    );
    expect(Array.from(m)).toEqual([0, 0, 0, 1]);
  });

  it('extracts the upper triangle row by row and its range', () => {
    const m = similarityMatrix(vectors);
    const upper = Array.from(upperTriangle(m, 3));
    expect(upper[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(upper[1]).toBeCloseTo(0, 6);
    expect(upper[2]).toBeCloseTo(Math.SQRT1_2, 6);
    const range = offDiagonalRange(m, 3);
    expect(range.min).toBeCloseTo(0, 6);
    expect(range.max).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('computes norms and scores against a query', () => {
    expect(Array.from(rowNorms(vectors))).toEqual([1, Math.SQRT2, 2].map((x) => expect.closeTo(x, 6)));
    const scores = Array.from(scoresAgainst(vectors, [0, 1]));
    expect(scores[0]).toBeCloseTo(0, 6);
    expect(scores[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(scores[2]).toBeCloseTo(1, 6);
  });
});

describe('ranks and correlation', () => {
  it('orders by score, best first, ties by index', () => {
    expect(rankOrder([0.2, 0.9, 0.2, 0.5])).toEqual([1, 3, 0, 2]);
  });

  it('gives ties the average of the ranks they span', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([5, 5, 5]))).toEqual([2, 2, 2]);
    expect(Array.from(averageRanks([3, 1, 2]))).toEqual([3, 1, 2]);
  });

  it('computes Spearman exactly with ties', () => {
    // Ranks [1, 2.5, 2.5, 4] and [1, 3, 2, 4]: cov 4.5, var 4.5 and 5 → 4.5/√22.5 = 3/√10.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(3 / Math.sqrt(10), 12);
  });

  it('is ±1 for monotone relations, whatever the scale', () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('is null when a side is constant or too short', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1], [1])).toBeNull();
  });
});

describe('similarityMatrix at sizes that leave partial tiles', () => {
  it('matches cosine of every pair, for every count and dimension up to 7 × 9', () => {
    for (let count = 1; count <= 7; count++)
      for (let dim = 1; dim <= 9; dim++) {
        const rows = Array.from({ length: count }, (_, i) =>
          Array.from({ length: dim }, (_, k) => Math.sin(i * 3.1 + k * 1.7 + dim)),
        );
        const m = similarityMatrix(set(rows));
        for (let i = 0; i < count; i++)
          for (let j = 0; j < count; j++) {
            const expected = i === j ? 1 : cosine(rows[i] as number[], rows[j] as number[]);
            expect(m[i * count + j]).toBeCloseTo(expected, 5);
            expect(m[i * count + j]).toBe(m[j * count + i]);
          }
      }
  });
});
