import type { StudioApi } from '../../../shared/contract';
import type { StudioError } from '../../../shared/errors';
import type { ModelAgreement, ModelAnalysis, ModelVectors } from './analysis';
import { embedForModel, type ModelRunOutcome, type RunProgress } from './embed-run';
import type { EmbeddingCache } from './embedding-cache';
import type { Compute } from './similarity-client';
import { uniqueTexts } from './text-input';
import { measureSpan, now, SIMILARITY_MEASURE, yieldToPage } from './timing';

/*
 * One comparison: every selected model embeds the texts side by side, then the analysis runs
 * (in the worker) over the models that succeeded. A model's failure never stops the others.
 */

/** Where one model is in a comparison. */
export type ModelStatus = 'running' | 'done' | 'error' | 'cancelled';

/** One model's run as the UI shows it. */
export interface ModelRunView {
  endpoint: string;
  status: ModelStatus;
  progress: RunProgress;
  latencyMs: number;
  tokens: number | null;
  model: string | null;
  error: StudioError | null;
}

/** A finished comparison. `texts` keeps duplicates, as entered. */
export interface Comparison {
  texts: string[];
  query: string | null;
  models: ModelAnalysis[];
  agreement: ModelAgreement[];
  /** Time from every model's vectors being in to the analysis being back, ms. */
  computeMs: number;
  /** When the run started (performance.now()), for the `embeddings:run` measure. */
  startedAt: number;
}

/** How many disagreeing pairs are reported per pair of models. */
export const TOP_DISAGREEMENTS = 8;

/** What a comparison needs from the store. */
export interface RunContext {
  api: Pick<StudioApi, 'createEmbeddings'>;
  cache: EmbeddingCache | null;
  compute: Compute;
  /** True once this comparison was cancelled or replaced. */
  isStale(): boolean;
  update(endpoint: string, patch: Partial<ModelRunView>): void;
  /** Called when embedding is over and the analysis starts. */
  onComputing(): void;
  /** Called once per model run that sent requests, with the input tokens they used. */
  onUsage?(endpoint: string, promptTokens: number): void;
}

/** The starting view of a model's run. */
export function initialRun(endpoint: string): ModelRunView {
  const progress = { batchesDone: 0, batchesTotal: 0, fromCache: 0, total: 0 };
  return { endpoint, status: 'running', progress, latencyMs: 0, tokens: null, model: null, error: null };
}

function viewOf(outcome: ModelRunOutcome): Partial<ModelRunView> {
  const { status, progress, latencyMs, tokens, model, error } = outcome;
  return { status, progress, latencyMs, tokens, model, error };
}

/** Rows copied per task while laying vectors out (2,000 texts × 2 models are 16 MB to copy). */
export const LAYOUT_ROWS_PER_STEP = 256;

/**
 * Lays one model's vectors out for the worker: the texts in order (duplicates repeated) in one
 * buffer, the query in its own. Fails when dimensions differ, which happens when the model
 * behind an endpoint changed since vectors were cached. Copies `LAYOUT_ROWS_PER_STEP` rows at
 * a time, yielding to the page between, so that no single task copies them all.
 */
export async function layoutVectors(
  endpoint: string,
  vectors: Map<string, Float32Array>,
  texts: string[],
  query: string | null,
): Promise<ModelVectors | StudioError> {
  const dims = new Set([...vectors.values()].map((v) => v.length));
  if (dims.size !== 1)
    return {
      code: 'BAD_RESPONSE',
      message: `${endpoint} gave vectors of different sizes (${[...dims].join(', ')}); clear the cache and run again.`,
    };
  const dim = [...dims][0] as number;
  const data = new Float32Array(texts.length * dim);
  for (let k = 0; k < texts.length; k++) {
    if (k > 0 && k % LAYOUT_ROWS_PER_STEP === 0) await yieldToPage();
    data.set(vectors.get(texts[k] as string) as Float32Array, k * dim);
  }
  const queryVector = query === null ? null : Float32Array.from(vectors.get(query) as Float32Array);
  return { endpoint, data, count: texts.length, dim, query: queryVector };
}

/** Embeds with every endpoint, then analyses; null when cancelled or nothing succeeded. */
export async function runComparison(
  ctx: RunContext,
  endpoints: string[],
  texts: string[],
  query: string | null,
): Promise<Comparison | null> {
  const startedAt = now();
  // The workers start (and load their code) while the texts are being embedded.
  ctx.compute.warm?.(endpoints.length);
  const inputs = uniqueTexts(query === null ? texts : [...texts, query]);
  const outcomes = await Promise.all(
    endpoints.map(async (endpoint) => {
      const outcome = await embedForModel(endpoint, inputs, {
        createEmbeddings: ctx.api.createEmbeddings,
        cache: ctx.cache,
        isCancelled: ctx.isStale,
        onProgress: (progress) => {
          if (!ctx.isStale()) ctx.update(endpoint, { progress });
        },
      });
      // Tokens sent are paid for even when the run was cancelled or failed part way.
      if (outcome.tokens !== null) ctx.onUsage?.(endpoint, outcome.tokens);
      if (!ctx.isStale()) ctx.update(endpoint, viewOf(outcome));
      return { endpoint, outcome };
    }),
  );
  if (ctx.isStale()) return null;
  const vectorsIn = now();
  const models: ModelVectors[] = [];
  for (const { endpoint, outcome } of outcomes) {
    if (outcome.status !== 'done') continue;
    const laid = await layoutVectors(endpoint, outcome.vectors, texts, query);
    if (ctx.isStale()) return null;
    if ('code' in laid) ctx.update(endpoint, { status: 'error', error: laid });
    else models.push(laid);
  }
  if (models.length === 0) return null;
  ctx.onComputing();
  const dim = models[0]?.dim ?? 0;
  const result = await ctx.compute({ models, topDisagreements: TOP_DISAGREEMENTS });
  const computed = now();
  const detail = {
    models: models.length,
    texts: texts.length,
    dim,
    workerMs: result.workerMs ?? null,
    kernels: result.kernels ?? null,
  };
  measureSpan(SIMILARITY_MEASURE, vectorsIn, computed, detail);
  if (ctx.isStale()) return null;
  const { agreement } = result;
  return { texts, query, models: result.models, agreement, computeMs: computed - vectorsIn, startedAt };
}
