import { describe, expect, it } from 'vitest';
import {
  analyze,
  type ModelAnalysis,
  requestTransferables,
  resultTransferables,
  topDisagreements,
} from '../../../../../renderer/features/embeddings/analysis';

/** A 3×3 model from its upper triangle (pairs 01, 02, 12). */
function model(endpoint: string, upper: [number, number, number]): ModelAnalysis {
  const [a, b, c] = upper;
  const matrix = Float32Array.from([1, a, b, a, 1, c, b, c, 1]);
  return {
    endpoint,
    count: 3,
    dim: 1,
    vectors: new Float32Array(3),
    matrix,
    meanNorm: 1,
    range: { min: 0, max: 1 },
    queryScores: null,
    queryOrder: null,
  };
}

describe('topDisagreements', () => {
  it('orders pairs by the difference in their rank among all pairs', () => {
    // A ranks pair 01 highest, B lowest; 02 sits in the middle for both; 12 is the mirror of 01.
    const a = model('a', [0.9, 0.5, 0.1]);
    const b = model('b', [0.1, 0.5, 0.9]);
    const top = topDisagreements(a, b, 2);
    expect(top.map((d) => [d.i, d.j])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(top[0]?.percentileA).toBe(1);
    expect(top[0]?.percentileB).toBe(0);
    expect(top[0]?.valueA).toBeCloseTo(0.9, 6);
    expect(top[0]?.valueB).toBeCloseTo(0.1, 6);
  });

  it('ignores a shift of baseline: same order, no rank disagreement', () => {
    const a = model('a', [0.9, 0.5, 0.1]);
    const b = model('b', [0.95, 0.75, 0.55]);
    const top = topDisagreements(a, b, 3);
    for (const d of top) expect(d.percentileA).toBe(d.percentileB);
    // With ranks equal, the largest value gap comes first: pair 12 (0.1 vs 0.55).
    expect([top[0]?.i, top[0]?.j]).toEqual([1, 2]);
  });
});

describe('analyze', () => {
  it('gives matrices, mean norms, query order and Spearman between models', () => {
    const a = {
      endpoint: 'a',
      data: Float32Array.from([3, 4, 0, 2, 1, 0]),
      count: 3,
      dim: 2,
      query: Float32Array.from([0, 1]),
    };
    const b = {
      endpoint: 'b',
      data: Float32Array.from([1, 0, 0, 1, 1, 1]),
      count: 3,
      dim: 2,
      query: Float32Array.from([1, 0]),
    };
    const ticks = [10, 25];
    const result = analyze({ id: 7, models: [a, b], topDisagreements: 2 }, () => ticks.shift() ?? 0);
    expect(result.id).toBe(7);
    expect(result.computeMs).toBe(15);
    const [ma, mb] = result.models;
    // Norms 5, 2, 1 → mean 8/3.
    expect(ma?.meanNorm).toBeCloseTo(8 / 3, 6);
    // Query [0,1]: cos = 0.8, 1, 0 → order 1, 0, 2.
    expect(ma?.queryOrder).toEqual([1, 0, 2]);
    expect(mb?.queryOrder).toEqual([0, 2, 1]);
    // a's pairs: 01 = 0.8, 02 = 0.6, 12 = 0; b's: 01 = 0, 02 = 1/√2, 12 = 1/√2.
    expect(result.agreement).toHaveLength(1);
    const rho = result.agreement[0]?.spearman ?? Number.NaN;
    // Ranks a: [3, 2, 1]; b: [1, 2.5, 2.5] → cov −1.5, var 2 and 1.5 → −1.5/√3.
    expect(rho).toBeCloseTo(-1.5 / Math.sqrt(3), 6);
    expect(result.agreement[0]?.disagreements).toHaveLength(2);
  });

  it('lists every buffer to transfer, once', () => {
    const data = new Float32Array(4);
    const request = {
      id: 1,
      models: [{ endpoint: 'a', data, count: 2, dim: 2, query: null }],
      topDisagreements: 1,
    };
    expect(requestTransferables(request)).toEqual([data.buffer]);
    const result = analyze(request);
    expect(resultTransferables(result)).toHaveLength(2);
  });
});

describe('createWorkerCompute', () => {
  it('runs inline where there is no Worker (here: node), with the same answer', async () => {
    const { createWorkerCompute } = await import(
      '../../../../../renderer/features/embeddings/similarity-client'
    );
    const compute = createWorkerCompute();
    const data = Float32Array.from([1, 0, 0, 1]);
    const result = await compute({
      models: [{ endpoint: 'a', data, count: 2, dim: 2, query: null }],
      topDisagreements: 1,
    });
    expect(Array.from(result.models[0]?.matrix ?? [])).toEqual([1, 0, 0, 1]);
  });
});
