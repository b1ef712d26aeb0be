/*
 * The embedding math, pure and synchronous: the similarity worker calls it and the unit tests
 * import it directly. Everything works on flat Float32Arrays (row-major, `count × dim`) so
 * that buffers can be transferred to and from the worker without copying. Written by hand
 * because it is a few loops; a linear-algebra library would cost more than it saves.
 */

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

/** Each row scaled to length 1 (zero rows stay zero), as a new buffer. */
export function normalizeRows(set: VectorSet, norms = rowNorms(set)): Float32Array {
  const out = new Float32Array(set.count * set.dim);
  for (let r = 0; r < set.count; r++) {
    const n = norms[r] as number;
    if (n === 0) continue;
    const base = r * set.dim;
    for (let k = 0; k < set.dim; k++) out[base + k] = (set.data[base + k] as number) / n;
  }
  return out;
}

/**
 * The dot products of the upper triangle (j >= i) of unit rows into `out` (`n × n`), in
 * tiles of 2 rows × 4 columns: each step of the inner loop loads six numbers for eight
 * multiply-adds, where one pair of rows at a time loads two per multiply-add. Memory
 * traffic, not arithmetic, bounds this loop in V8, so that is about twice as fast at
 * 500 × 1024; eight accumulators still fit in registers (bigger tiles spill and lose).
 * Rows or columns past the end are clamped to the last one; their duplicate writes carry
 * the same values. Entries below the diagonal written here are overwritten by the mirror.
 */
function upperDots(unit: Float32Array, n: number, dim: number, out: Float32Array): void {
  const last = n - 1;
  for (let i = 0; i < n; i += 2) {
    const i1 = Math.min(i + 1, last);
    const a0 = i * dim;
    const a1 = i1 * dim;
    for (let j = i; j < n; j += 4) {
      const j1 = Math.min(j + 1, last);
      const j2 = Math.min(j + 2, last);
      const j3 = Math.min(j + 3, last);
      const b0 = j * dim;
      const b1 = j1 * dim;
      const b2 = j2 * dim;
      const b3 = j3 * dim;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < dim; k++) {
        const x0 = unit[a0 + k] as number;
        const x1 = unit[a1 + k] as number;
        let y = unit[b0 + k] as number;
        s00 += x0 * y;
        s10 += x1 * y;
        y = unit[b1 + k] as number;
        s01 += x0 * y;
        s11 += x1 * y;
        y = unit[b2 + k] as number;
        s02 += x0 * y;
        s12 += x1 * y;
        y = unit[b3 + k] as number;
        s03 += x0 * y;
        s13 += x1 * y;
      }
      const r0 = i * n;
      const r1 = i1 * n;
      out[r0 + j] = s00;
      out[r0 + j1] = s01;
      out[r0 + j2] = s02;
      out[r0 + j3] = s03;
      out[r1 + j] = s10;
      out[r1 + j1] = s11;
      out[r1 + j2] = s12;
      out[r1 + j3] = s13;
    }
  }
}

/**
 * The `count × count` cosine-similarity matrix. Rows are normalised once, so each entry is
 * a dot product; only the upper triangle is computed and mirrored (half the work). The
 * diagonal is exactly 1 (0 for a zero vector, which has no direction).
 */
export function similarityMatrix(set: VectorSet, norms = rowNorms(set)): Float32Array {
  const { count: n, dim } = set;
  const unit = normalizeRows(set, norms);
  const matrix = new Float32Array(n * n);
  upperDots(unit, n, dim, matrix);
  for (let i = 0; i < n; i++) {
    matrix[i * n + i] = (norms[i] as number) > 0 ? 1 : 0;
    for (let j = i + 1; j < n; j++) matrix[j * n + i] = matrix[i * n + j] as number;
  }
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
