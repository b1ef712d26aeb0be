import { describe, expect, it } from 'vitest';
import {
  agreementOfRanked,
  pairView,
  type RankedModel,
  topDisagreementsOf,
} from '../../../../../renderer/features/embeddings/agreement';
import { similarityMatrix } from '../../../../../renderer/features/embeddings/similarity-math';

/** A model over `count` random-ish 4-dimension vectors, values rounded so that ties happen. */
function ranked(endpoint: string, count: number, seed: number): RankedModel {
  const data = Float32Array.from({ length: count * 4 }, (_, k) => Math.round(Math.sin(k * seed) * 4) / 4);
  return { endpoint, count, pairs: pairView(similarityMatrix({ data, count, dim: 4 }), count) };
}

/** The same order as the running top-k, by sorting every pair: rank gap, value gap, position. */
function reference(a: RankedModel, b: RankedModel, k: number): number[] {
  const gap = (p: number) =>
    Math.abs((a.pairs.percentiles[p] as number) - (b.pairs.percentiles[p] as number));
  const valueGap = (p: number) => Math.abs((a.pairs.values[p] as number) - (b.pairs.values[p] as number));
  const all = Array.from({ length: a.pairs.values.length }, (_, p) => p);
  all.sort((x, y) => gap(y) - gap(x) || valueGap(y) - valueGap(x) || x - y);
  return all.slice(0, k);
}

/** Pair position (row by row over the upper triangle) of texts i < j among n. */
const position = (i: number, j: number, n: number) => i * n - (i * (i + 1)) / 2 + (j - i - 1);

describe('agreement', () => {
  it('finds the same top disagreements as sorting every pair', () => {
    const a = ranked('a', 30, 1.3);
    const b = ranked('b', 30, 2.9);
    for (const k of [1, 8, 50]) {
      const found = topDisagreementsOf(a, b, k).map((d) => position(d.i, d.j, 30));
      expect(found).toEqual(reference(a, b, k));
    }
    expect(topDisagreementsOf(a, b, 0)).toEqual([]);
  });

  it('compares every pair of models, in order, with rho 1 for a model and itself', () => {
    const a = ranked('a', 12, 1.3);
    const b = ranked('b', 12, 2.9);
    const out = agreementOfRanked([a, b, { ...a, endpoint: 'a2' }], 3);
    expect(out.map((x) => `${x.a}-${x.b}`)).toEqual(['a-b', 'a-a2', 'b-a2']);
    expect(out[1]?.spearman).toBeCloseTo(1, 12);
    expect(out[1]?.disagreements.every((d) => d.percentileA === d.percentileB)).toBe(true);
  });
});
