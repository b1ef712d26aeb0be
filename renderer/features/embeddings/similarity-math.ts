/*
 * The embedding math, pure and synchronous: the similarity worker calls it and the unit tests
 * import it directly. Everything works on flat Float32Arrays (row-major, `count × dim`) so
 * that buffers can be transferred to and from the worker without copying. Written by hand
 * because it is a few loops; a linear-algebra library would cost more than it saves.
 */

import { type DotKernel, dotKernel, paddedDim, ROW_BLOCK } from './dot-kernel';
import { averageRanks } from './ranks';

/** Re-exported: the ranking lives in ranks.ts, callers keep one import for the math. */
export { averageRanks };

/** `count` vectors of `dim` numbers each, row-major in one buffer. */
export interface VectorSet {
  data: Float32Array;
  count: number;
  dim: number;
}

/** Cosine similarity of two vectors; 0 when either is all zeros (no direction to compare). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The L2 norm of each row. */
export function rowNorms(set: VectorSet): Float64Array {
  const norms = new Float64Array(set.count);
  for (let r = 0; r < set.count; r++) {
    let sum = 0;
    const base = r * set.dim;
    for (let k = 0; k < set.dim; k++) sum += (set.data[base + k] as number) ** 2;
    norms[r] = Math.sqrt(sum);
  }
  return norms;
}

/**
 * The `count × count` cosine-similarity matrix. Rows are normalised once, so each entry is
 * a dot product; only the blocks on and above the diagonal are computed, each written to
 * both halves (see dot-kernel.ts: WebAssembly SIMD where it compiles). The diagonal is
 * exactly 1 (0 for a zero vector, which has no direction).
 */
export function similarityMatrix(
  set: VectorSet,
  norms = rowNorms(set),
  kernel: DotKernel = dotKernel(),
): Float32Array {
  const { count: n, dim } = set;
  const dimP = paddedDim(dim);
  const out = n * dimP;
  const mem = kernel.floats(out + n * n);
  for (let r = 0; r < n; r++) {
    const norm = norms[r] as number;
    const base = r * dim;
    const at = r * dimP;
    if (norm === 0) mem.fill(0, at, at + dimP);
    else {
      for (let k = 0; k < dim; k++) mem[at + k] = (set.data[base + k] as number) / norm;
      mem.fill(0, at + dim, at + dimP);
    }
  }
  for (let r = 0; r < n; r += ROW_BLOCK)
    kernel.dots(mem, 0, r, Math.min(n, r + ROW_BLOCK), r, n, dimP, out, n);
  const matrix = kernel.floats(0).slice(out, out + n * n);
  for (let i = 0; i < n; i++) matrix[i * n + i] = (norms[i] as number) > 0 ? 1 : 0;
  return matrix;
}

/** Cosine of each row of `set` with `query`. */
export function scoresAgainst(set: VectorSet, query: ArrayLike<number>): Float32Array {
  const scores = new Float32Array(set.count);
  for (let r = 0; r < set.count; r++)
    scores[r] = cosine(set.data.subarray(r * set.dim, (r + 1) * set.dim), query);
  return scores;
}

/** Indices ordered by score, highest first; equal scores keep index order (stable). */
export function rankOrder(scores: ArrayLike<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/** Pearson correlation; null when either side is constant (correlation undefined). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n < 2 || b.length !== n) return null;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va === 0 || vb === 0 ? null : cov / Math.sqrt(va * vb);
}

/** Spearman's rank correlation: Pearson on average ranks, so ties are handled exactly. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  return pearson(averageRanks(a), averageRanks(b));
}

/** The entries above the diagonal of an `n × n` matrix, row by row: (0,1), (0,2)…(n−2,n−1). */
export function upperTriangle(matrix: Float32Array, n: number): Float32Array {
  const out = new Float32Array((n * (n - 1)) / 2);
  let at = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[at++] = matrix[i * n + j] as number;
  return out;
}

/** Mean and extremes of the off-diagonal entries (the diagonal is always 1 and says nothing). */
export function offDiagonalRange(matrix: Float32Array, n: number): { min: number; max: number } {
  if (n < 2) return { min: 0, max: 1 };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = matrix[i * n + j] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  return { min, max };
}
