import type { PackedEmbeddings, StudioApi } from '../../../shared/contract';
import type { StudioError } from '../../../shared/errors';
import { type BatchLimits, DEFAULT_BATCH_LIMITS, planBatches } from './batching';
import type { EmbeddingCache } from './embedding-cache';
import { unpackVectors } from './packed-vectors';
import { yieldToPage } from './timing';

/*
 * Getting one model's vectors for a list of distinct texts: cache first, then the network in
 * batches, one batch at a time (a model's batches run in sequence so its rate limit sees one
 * request at a time; different models run side by side).
 */

/** How far one model has got. */
export interface RunProgress {
  batchesDone: number;
  batchesTotal: number;
  /** Texts served from the cache. */
  fromCache: number;
  /** Texts asked for. */
  total: number;
}

/** How one model's run ended. */
export interface ModelRunOutcome {
  status: 'done' | 'error' | 'cancelled';
  /** Text → vector, for every text obtained (all of them when done). */
  vectors: Map<string, Float32Array>;
  progress: RunProgress;
  /** Sum of the batches' request times, ms (cache hits take none). */
  latencyMs: number;
  /** Input tokens of this run's requests; null when no request reported any. */
  tokens: number | null;
  /** The served model's name when the server gave one. */
  model: string | null;
  error: StudioError | null;
}

/** What a run needs from outside. */
export interface ModelRunDeps {
  createEmbeddings: StudioApi['createEmbeddings'];
  /** Null when IndexedDB is unavailable: every text then goes to the network. */
  cache: EmbeddingCache | null;
  isCancelled(): boolean;
  onProgress(progress: RunProgress): void;
  limits?: BatchLimits;
}

async function cachedVectors(deps: ModelRunDeps, endpoint: string, texts: string[]) {
  if (!deps.cache) return texts.map(() => undefined);
  try {
    return await deps.cache.getMany(endpoint, texts);
  } catch {
    // A broken cache only costs tokens: embed everything instead of failing the run.
    return texts.map(() => undefined);
  }
}

function badResponse(message: string): StudioError {
  return { code: 'BAD_RESPONSE', message };
}

/** Calls the bridge once; a rejected promise (a dropped connection) becomes an error value. */
async function requestBatch(deps: ModelRunDeps, endpoint: string, input: string[]) {
  try {
    return await deps.createEmbeddings({ endpoint, input });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'The request failed.';
    return { ok: false as const, error: { code: 'INTERNAL' as const, message } };
  }
}

/** Records one answered batch in `outcome`; returns an error when the answer doesn't fit the batch. */
function takeBatch(
  deps: ModelRunDeps,
  endpoint: string,
  batch: string[],
  value: PackedEmbeddings,
  outcome: ModelRunOutcome,
): StudioError | null {
  if (value.count !== batch.length)
    return badResponse(`${endpoint} returned ${value.count} vectors for ${batch.length} texts.`);
  let vectors: Float32Array[];
  try {
    vectors = unpackVectors(value);
  } catch (error) {
    return badResponse(`${endpoint}'s vectors could not be read (${(error as Error).message}).`);
  }
  const fresh = batch.map((text, k) => [text, vectors[k] as Float32Array] as const);
  for (const [text, vector] of fresh) outcome.vectors.set(text, vector);
  // Not awaited: the cache writes in idle time, and reads wait for its writes themselves.
  deps.cache?.putMany(endpoint, fresh).catch(() => undefined);
  outcome.latencyMs += value.metrics.totalMs;
  const tokens = value.usage?.promptTokens ?? value.metrics.promptTokens;
  if (tokens !== null) outcome.tokens = (outcome.tokens ?? 0) + tokens;
  outcome.model = value.model ?? outcome.model;
  return null;
}

/**
 * Embeds `texts` (distinct) with `endpoint`. Cancel stops issuing further batches. The bridge
 * has no abort for embeddings (they are a single non-streamed request), so a batch already in
 * flight runs to the end on the server and its answer is ignored when it comes back.
 */
export async function embedForModel(
  endpoint: string,
  texts: string[],
  deps: ModelRunDeps,
): Promise<ModelRunOutcome> {
  const hits = await cachedVectors(deps, endpoint, texts);
  const vectors = new Map<string, Float32Array>();
  const misses: string[] = [];
  hits.forEach((vector, k) => {
    if (vector) vectors.set(texts[k] as string, vector);
    else misses.push(texts[k] as string);
  });
  const batches = planBatches(misses, deps.limits ?? DEFAULT_BATCH_LIMITS);
  const progress: RunProgress = {
    batchesDone: 0,
    batchesTotal: batches.length,
    fromCache: texts.length - misses.length,
    total: texts.length,
  };
  const outcome: ModelRunOutcome = {
    status: 'done',
    vectors,
    progress,
    latencyMs: 0,
    tokens: null,
    model: null,
    error: null,
  };
  deps.onProgress({ ...progress });
  for (const batch of batches) {
    if (deps.isCancelled()) return { ...outcome, status: 'cancelled' };
    const result = await requestBatch(deps, endpoint, batch);
    // The answer arrived in the socket's task, which already read and parsed a large frame:
    // decoding its vectors and updating the view go in a task of their own.
    await yieldToPage();
    if (deps.isCancelled()) return { ...outcome, status: 'cancelled' };
    const error = result.ok ? takeBatch(deps, endpoint, batch, result.value, outcome) : result.error;
    if (error) return { ...outcome, status: 'error', error };
    progress.batchesDone += 1;
    deps.onProgress({ ...progress });
  }
  return outcome;
}
