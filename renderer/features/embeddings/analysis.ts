import {
  agreementOfRanked,
  type ModelAgreement,
  type PairView,
  pairView,
  type RankedModel,
  topDisagreementsOf,
} from './agreement';
import {
  offDiagonalRange,
  rankOrder,
  rowNorms,
  scoresAgainst,
  similarityMatrix,
  type VectorSet,
} from './similarity-math';

export type { Disagreement, ModelAgreement, PairView } from './agreement';

/*
 * One analysis pass over every model's vectors: similarity matrices, norms, query scores,
 * and agreement between models. Pure, so the workers run it and the tests call it directly.
 * In two steps: each model alone (`analyzeModelRanked`, one worker per model when there are
 * several), then the agreement between their ranked pairs (`agreementOfRanked`, cheap).
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
  /** The heatmap, drawn by the worker (absent when the analysis ran on the page). */
  heatmap?: ImageBitmap | null;
}

/** Everything the analysis answers. */
export interface AnalysisResult {
  id: number;
  models: ModelAnalysis[];
  agreement: ModelAgreement[];
  /** Time the math took, in ms. */
  computeMs: number;
  /** Each model's own analysis time inside its worker, ms (absent when run inline). */
  workerMs?: number[];
  /** Each model's dot-product kernel in its worker (absent when run inline). */
  kernels?: ('simd' | 'js')[];
}

/** Analyses one model's vectors. */
export function analyzeModel(input: ModelVectors): ModelAnalysis {
  const norms = rowNorms(input);
  let sum = 0;
  for (const n of norms) sum += n;
  const matrix = similarityMatrix(input, norms);
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

/** One model analysed, with its pairs ranked for the agreement step (null when not needed). */
export interface RankedAnalysis {
  analysis: ModelAnalysis;
  pairs: PairView | null;
}

/** Analyses one model and, when it will be compared with others, ranks its pairs. */
export function analyzeModelRanked(input: ModelVectors, rankPairs: boolean): RankedAnalysis {
  const analysis = analyzeModel(input);
  return { analysis, pairs: rankPairs ? pairView(analysis.matrix, analysis.count) : null };
}

/** The models with their ranked pairs, as `agreementOfRanked` takes them. */
export function rankedModels(parts: RankedAnalysis[]): RankedModel[] {
  return parts.map(({ analysis, pairs }) => ({
    endpoint: analysis.endpoint,
    count: analysis.count,
    pairs: pairs ?? pairView(analysis.matrix, analysis.count),
  }));
}

const ranked = (m: ModelAnalysis): RankedModel => ({
  endpoint: m.endpoint,
  count: m.count,
  pairs: pairView(m.matrix, m.count),
});

/** The `k` pairs two models disagree on most (ranked by the difference of their percentiles). */
export function topDisagreements(a: ModelAnalysis, b: ModelAnalysis, k: number) {
  return topDisagreementsOf(ranked(a), ranked(b), k);
}

/** Agreement of every pair of models, in model order (see `agreementOfRanked`). */
export function agreementOf(models: ModelAnalysis[], k: number): ModelAgreement[] {
  return agreementOfRanked(models.map(ranked), k);
}

/** Runs the whole analysis on this thread and measures it. */
export function analyze(
  request: AnalysisRequest,
  now: () => number = () => performance.now(),
): AnalysisResult {
  const started = now();
  const parts = request.models.map((m) => analyzeModelRanked(m, request.models.length > 1));
  const agreement = agreementOfRanked(rankedModels(parts), request.topDisagreements);
  const models = parts.map((p) => p.analysis);
  return { id: request.id, models, agreement, computeMs: now() - started };
}

/** The buffers of one model's result, to transfer (not copy) across the worker boundary. */
export function analysisTransferables(m: ModelAnalysis, pairs: PairView | null = null): Transferable[] {
  const buffers = new Set<ArrayBuffer>([m.vectors.buffer as ArrayBuffer, m.matrix.buffer as ArrayBuffer]);
  if (m.queryScores) buffers.add(m.queryScores.buffer as ArrayBuffer);
  if (pairs) for (const b of pairTransferables(pairs)) buffers.add(b);
  return m.heatmap ? [...buffers, m.heatmap] : [...buffers];
}

/** The buffers of a ranked view of pairs. */
export function pairTransferables(pairs: PairView): ArrayBuffer[] {
  return [pairs.values.buffer as ArrayBuffer, pairs.percentiles.buffer as ArrayBuffer];
}

/** The buffers of a result, to transfer (not copy) across the worker boundary. */
export function resultTransferables(result: AnalysisResult): Transferable[] {
  return [...new Set(result.models.flatMap((m) => analysisTransferables(m)))];
}

/** The buffers of one model's vectors, to transfer to a worker. */
export function vectorTransferables(m: ModelVectors): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([m.data.buffer as ArrayBuffer]);
  if (m.query) buffers.add(m.query.buffer as ArrayBuffer);
  return [...buffers];
}

/** The buffers of a request, to transfer to the worker. */
export function requestTransferables(request: AnalysisRequest): ArrayBuffer[] {
  return [...new Set(request.models.flatMap(vectorTransferables))];
}
