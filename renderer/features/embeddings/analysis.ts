import {
  averageRanks,
  offDiagonalRange,
  pearson,
  rankOrder,
  rowNorms,
  scoresAgainst,
  similarityMatrix,
  upperTriangle,
  type VectorSet,
} from './similarity-math';

/*
 * One analysis pass over every model's vectors: similarity matrices, norms, query scores,
 * and agreement between models. Pure, so the worker runs it and the tests call it directly.
 */

/** One model's vectors going into the analysis. `query` is the query's vector, if any. */
export interface ModelVectors extends VectorSet {
  endpoint: string;
  query: Float32Array | null;
}

/** What the worker is asked to do. */
export interface AnalysisRequest {
  id: number;
  models: ModelVectors[];
  /** How many disagreeing pairs to report per pair of models. */
  topDisagreements: number;
}

/** One model's results. `vectors` is the request's buffer, handed back to its owner. */
export interface ModelAnalysis {
  endpoint: string;
  count: number;
  dim: number;
  vectors: Float32Array;
  /** `count × count`, row-major. */
  matrix: Float32Array;
  meanNorm: number;
  /** Smallest and largest off-diagonal similarity (the heatmap's colour range). */
  range: { min: number; max: number };
  /** Cosine of each text with the query; null without a query. */
  queryScores: Float32Array | null;
  /** Text indices by query score, best first; null without a query. */
  queryOrder: number[] | null;
}

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

/** Everything the worker answers. */
export interface AnalysisResult {
  id: number;
  models: ModelAnalysis[];
  agreement: ModelAgreement[];
  /** Time the math took inside the worker, in ms. */
  computeMs: number;
}

/** Analyses one model's vectors. */
export function analyzeModel(input: ModelVectors): ModelAnalysis {
  const norms = rowNorms(input);
  let sum = 0;
  for (const n of norms) sum += n;
  const matrix = similarityMatrix(input);
  const queryScores = input.query ? scoresAgainst(input, input.query) : null;
  return {
    endpoint: input.endpoint,
    count: input.count,
    dim: input.dim,
    vectors: input.data,
    matrix,
    meanNorm: input.count > 0 ? sum / input.count : 0,
    range: offDiagonalRange(matrix, input.count),
    queryScores,
    queryOrder: queryScores ? rankOrder(queryScores) : null,
  };
}

/** A model's pairs (upper triangle) and where each sits among them, 0..1 (average ranks for ties). */
interface PairView {
  values: Float32Array;
  percentiles: Float64Array;
}

function pairView(m: ModelAnalysis): PairView {
  const values = upperTriangle(m.matrix, m.count);
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

/** Whether pair x disagrees more than pair y: bigger rank gap, then bigger value gap, then first. */
function before(a: PairView, b: PairView, x: number, y: number): boolean {
  const gap = (k: number) => Math.abs((a.percentiles[k] as number) - (b.percentiles[k] as number));
  const valueGap = (k: number) => Math.abs((a.values[k] as number) - (b.values[k] as number));
  return (
    gap(x) > gap(y) ||
    (gap(x) === gap(y) && (valueGap(x) > valueGap(y) || (valueGap(x) === valueGap(y) && x < y)))
  );
}

/**
 * The pairs of texts whose similarity *rank* differs most between two models. Ranks, not raw
 * values, because each model has its own baseline (one model's 0.3 may be another's 0.6);
 * the value difference only breaks ties. A running top-k (k is small) instead of sorting all
 * pairs: 500 texts make 124,750 of them.
 */
function disagreementsOf(a: PairView, b: PairView, n: number, k: number): Disagreement[] {
  const top: number[] = [];
  for (let p = 0; p < a.values.length; p++) {
    if (top.length === k && !before(a, b, p, top[k - 1] as number)) continue;
    let at = top.length;
    while (at > 0 && before(a, b, p, top[at - 1] as number)) at--;
    top.splice(at, 0, p);
    if (top.length > k) top.pop();
  }
  return top.map((p) => ({
    ...pairAt(p, n),
    valueA: a.values[p] as number,
    valueB: b.values[p] as number,
    percentileA: a.percentiles[p] as number,
    percentileB: b.percentiles[p] as number,
  }));
}

/** The `k` pairs two models disagree on most (see `disagreementsOf`). */
export function topDisagreements(a: ModelAnalysis, b: ModelAnalysis, k: number): Disagreement[] {
  return disagreementsOf(pairView(a), pairView(b), a.count, k);
}

/**
 * Agreement of every pair of models, in model order. Spearman's rho is Pearson on the ranks;
 * the percentiles are the ranks scaled linearly, which leaves Pearson unchanged, so each
 * model's pairs are ranked once and serve both numbers.
 */
export function agreementOf(models: ModelAnalysis[], k: number): ModelAgreement[] {
  const views = models.map(pairView);
  const out: ModelAgreement[] = [];
  for (let x = 0; x < models.length; x++)
    for (let y = x + 1; y < models.length; y++) {
      const a = views[x] as PairView;
      const b = views[y] as PairView;
      out.push({
        a: (models[x] as ModelAnalysis).endpoint,
        b: (models[y] as ModelAnalysis).endpoint,
        spearman: pearson(a.percentiles, b.percentiles),
        disagreements: disagreementsOf(a, b, (models[x] as ModelAnalysis).count, k),
      });
    }
  return out;
}

/** Runs the whole analysis and measures it. */
export function analyze(
  request: AnalysisRequest,
  now: () => number = () => performance.now(),
): AnalysisResult {
  const started = now();
  const models = request.models.map(analyzeModel);
  const agreement = agreementOf(models, request.topDisagreements);
  return { id: request.id, models, agreement, computeMs: now() - started };
}

/** The buffers of a result, to transfer (not copy) across the worker boundary. */
export function resultTransferables(result: AnalysisResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const m of result.models) {
    buffers.add(m.vectors.buffer as ArrayBuffer);
    buffers.add(m.matrix.buffer as ArrayBuffer);
    if (m.queryScores) buffers.add(m.queryScores.buffer as ArrayBuffer);
  }
  return [...buffers];
}

/** The buffers of a request, to transfer to the worker. */
export function requestTransferables(request: AnalysisRequest): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const m of request.models) {
    buffers.add(m.data.buffer as ArrayBuffer);
    if (m.query) buffers.add(m.query.buffer as ArrayBuffer);
  }
  return [...buffers];
}
