import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../../renderer/features/embeddings/analysis';

/** Random unit-ish vectors, deterministic (xorshift), so the timing run is repeatable. */
function randomVectors(count: number, dim: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(count * dim);
  for (let k = 0; k < out.length; k++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[k] = ((s >>> 0) / 0xffffffff) * 2 - 1;
  }
  return out;
}

describe('analysis at full size', () => {
  it('handles 2 models × 500 texts × 1024 dimensions with a query', () => {
    const model = (endpoint: string, seed: number) => ({
      endpoint,
      data: randomVectors(500, 1024, seed),
      count: 500,
      dim: 1024,
      query: randomVectors(1, 1024, seed + 1),
    });
    const result = analyze({ id: 1, models: [model('a', 7), model('b', 99)], topDisagreements: 8 });
    // Logged for the record (the UI shows the same number, measured in the browser's worker).
    console.info(`analysis of 2 × 500 × 1024 took ${result.computeMs.toFixed(0)} ms`);
    expect(result.models[0]?.matrix).toHaveLength(500 * 500);
    expect(result.agreement[0]?.disagreements).toHaveLength(8);
    // Loose bound: the CI box is shared; this only catches an accidental O(n³) or worse.
    expect(result.computeMs).toBeLessThan(15_000);
  });
});
