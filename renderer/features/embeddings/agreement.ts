import { averageRanks, pearson, upperTriangle } from './similarity-math';

/*
 * Agreement between models: Spearman's rho over every pair of texts, and the pairs whose rank
 * differs most. Split in two steps so that each model's pairs can be ranked in its own worker
 * (the costly part) and the comparison of the ranked pairs, which is cheap, runs once after.
 */

/** A pair of texts the two models judge differently. */
export interface Disagreement {
  i: number;
  j: number;
  valueA: number;
  valueB: number;
  /** Where the pair sits among all pairs, 0 = least similar, 1 = most similar. */
  percentileA: number;
  percentileB: number;
}

/** Agreement between two models' similarity matrices. */
export interface ModelAgreement {
  a: string;
  b: string;
  /** Spearman's rho over the upper triangles; null when undefined (fewer than 2 pairs, constant). */
  spearman: number | null;
  disagreements: Disagreement[];
}

/** A model's pairs (upper triangle, row by row) and where each sits among them, 0..1. */
export interface PairView {
  values: Float32Array;
  /** Average ranks scaled to 0..1 (ties share one). */
  percentiles: Float64Array;
}

/** One model's ranked pairs, as the agreement step takes them. */
export interface RankedModel {
  endpoint: string;
  count: number;
  pairs: PairView;
}

/** Ranks a model's pairs (the upper triangle of its `count × count` matrix). */
export function pairView(matrix: Float32Array, count: number): PairView {
  const values = upperTriangle(matrix, count);
  const percentiles = averageRanks(values);
  const span = Math.max(1, values.length - 1);
  for (let k = 0; k < percentiles.length; k++) percentiles[k] = ((percentiles[k] as number) - 1) / span;
  return { values, percentiles };
}

/** Pair index (row by row over the upper triangle) → its two text indices. */
function pairAt(index: number, n: number): { i: number; j: number } {
  let i = 0;
  let rest = index;
  while (rest >= n - 1 - i) {
    rest -= n - 1 - i;
    i++;
  }
  return { i, j: i + 1 + rest };
}

/**
 * The pairs of texts whose similarity *rank* differs most between two models. Ranks, not raw
 * values, because each model has its own baseline (one model's 0.3 may be another's 0.6);
 * the value difference breaks ties, then the pair's position. A running top-k (k is small)
 * instead of sorting all pairs: 500 texts make 124,750 of them. Most pairs fall below the
 * current k-th rank gap and are dismissed by one comparison.
 */
function disagreementsOf(a: PairView, b: PairView, n: number, k: number): Disagreement[] {
  const { values: va, percentiles: pa } = a;
  const { values: vb, percentiles: pb } = b;
  const top: number[] = [];
  const gap = (p: number) => Math.abs((pa[p] as number) - (pb[p] as number));
  const valueGap = (p: number) => Math.abs((va[p] as number) - (vb[p] as number));
  // Whether pair x goes before pair y: bigger rank gap, then bigger value gap, then first.
  const before = (x: number, y: number) => {
    const gx = gap(x);
    const gy = gap(y);
    if (gx !== gy) return gx > gy;
    const vx = valueGap(x);
    const vy = valueGap(y);
    return vx !== vy ? vx > vy : x < y;
  };
  let worst = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < va.length && k > 0; p++) {
    const g = Math.abs((pa[p] as number) - (pb[p] as number));
    if (top.length === k && (g < worst || !before(p, top[k - 1] as number))) continue;
    let at = top.length;
    while (at > 0 && before(p, top[at - 1] as number)) at--;
    top.splice(at, 0, p);
    if (top.length > k) top.pop();
    worst = gap(top[top.length - 1] as number);
  }
  return top.map((p) => ({
    ...pairAt(p, n),
    valueA: va[p] as number,
    valueB: vb[p] as number,
    percentileA: pa[p] as number,
    percentileB: pb[p] as number,
  }));
}

/** The `k` pairs two models disagree on most (see `disagreementsOf`). */
export function topDisagreementsOf(a: RankedModel, b: RankedModel, k: number): Disagreement[] {
  return disagreementsOf(a.pairs, b.pairs, a.count, k);
}

/**
 * Agreement of every pair of models, in model order. Spearman's rho is Pearson on the ranks;
 * the percentiles are the ranks scaled linearly, which leaves Pearson unchanged, so each
 * model's pairs are ranked once and serve both numbers.
 */
export function agreementOfRanked(models: RankedModel[], k: number): ModelAgreement[] {
  const out: ModelAgreement[] = [];
  for (let x = 0; x < models.length; x++)
    for (let y = x + 1; y < models.length; y++) {
      const a = models[x] as RankedModel;
      const b = models[y] as RankedModel;
      out.push({
        a: a.endpoint,
        b: b.endpoint,
        spearman: pearson(a.pairs.percentiles, b.pairs.percentiles),
        disagreements: disagreementsOf(a.pairs, b.pairs, a.count, k),
      });
    }
  return out;
}
