import { describe, expect, it } from 'vitest';
import {
  dotKernel,
  kernelModuleBytes,
  paddedDim,
} from '../../../../../renderer/features/embeddings/dot-kernel';
import {
  cosine,
  rowNorms,
  similarityMatrix,
} from '../../../../../renderer/features/embeddings/similarity-math';

/** Deterministic pseudo-random vectors in -0.5..0.5. */
function vectors(count: number, dim: number, seed = 7): Float32Array {
  const data = new Float32Array(count * dim);
  let s = seed;
  for (let k = 0; k < data.length; k++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    data[k] = s / 2 ** 32 - 0.5;
  }
  return data;
}

/** The plain loop: cosine of every pair, in float64. */
function plainMatrix(data: Float32Array, n: number, dim: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const a = data.subarray(i * dim, (i + 1) * dim);
      const b = data.subarray(j * dim, (j + 1) * dim);
      out.push(i === j ? 1 : cosine(a, b));
    }
  return out;
}

describe('the WebAssembly SIMD kernel', () => {
  it('compiles here (Node has WebAssembly SIMD)', () => {
    expect(WebAssembly.validate(kernelModuleBytes())).toBe(true);
    expect(dotKernel().kind).toBe('simd');
  });

  // Sizes that are not multiples of the 2 × 4 tile or of the 4 lanes, and a real one.
  for (const [n, dim] of [
    [1, 4],
    [3, 2],
    [7, 10],
    [9, 33],
    [37, 1024],
  ] as const) {
    it(`matches the plain loop within float tolerance, ${n} × ${dim}`, () => {
      const data = vectors(n, dim);
      const set = { data, count: n, dim };
      const expected = plainMatrix(data, n, dim);
      for (const kernel of [dotKernel(), dotKernel('js')]) {
        const m = similarityMatrix(set, rowNorms(set), kernel);
        expect(m.length).toBe(n * n);
        m.forEach((v, k) => {
          expect(Math.abs(v - (expected[k] as number)), `${kernel.kind} at ${k}`).toBeLessThan(1e-5);
        });
        // Exactly symmetric: both halves come from one sum.
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(m[i * n + j]).toBe(m[j * n + i]);
      }
    });
  }

  it('fills only the rows and columns asked for, in both halves', () => {
    const n = 6;
    const dim = 8;
    const unit = vectors(n, dim, 3);
    for (const kernel of [dotKernel(), dotKernel('js')]) {
      const out = n * dim;
      const mem = kernel.floats(out + n * n);
      mem.set(unit, 0);
      mem.fill(-9, out, out + n * n);
      kernel.dots(mem, 0, 4, 6, 0, 3, dim, out, n);
      const m = kernel.floats(0).slice(out, out + n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const inBlock = (i >= 4 && j < 3) || (j >= 4 && i < 3);
          const v = m[i * n + j] as number;
          if (!inBlock) expect(v, `${kernel.kind} ${i},${j}`).toBe(-9);
          else {
            let dot = 0;
            for (let k = 0; k < dim; k++)
              dot += (unit[i * dim + k] as number) * (unit[j * dim + k] as number);
            expect(Math.abs(v - dot)).toBeLessThan(1e-5);
          }
        }
    }
  });

  it('pads dimensions to whole lanes', () => {
    expect([1, 4, 5, 1024, 1025].map(paddedDim)).toEqual([4, 4, 8, 1024, 1028]);
  });
});
