import {
  type AnalysisRequest,
  type AnalysisResult,
  analyze,
  pairTransferables,
  type RankedAnalysis,
  rankedModels,
  vectorTransferables,
} from './analysis';
import { startSimilarityWorker, type WorkerHandle } from './worker-handle';

/** Runs an analysis somewhere (workers in the app, inline in tests). */
export type Compute = ((request: Omit<AnalysisRequest, 'id'>) => Promise<AnalysisResult>) & {
  /** Starts (and checks) the workers `models` models will need, before the vectors are in. */
  warm?(models: number): void;
};

/** Runs the analysis on the calling thread: for tests, and as the fallback without workers. */
export const computeInline: Compute = async (request) => analyze({ ...request, id: 0 });

/** Workers to use at most: one per model, bounded by the cores there are (and 4). */
function defaultPoolSize(): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(4, cores));
}

/**
 * A Compute backed by a small pool of lazily started Web Workers: each model's matrix, the
 * costly part, is computed in its own worker side by side, then one worker compares the
 * models' ranked pairs. Request buffers are transferred, not copied, so after the call the
 * caller's Float32Arrays are detached: the result hands the vectors back.
 *
 * A new worker is first sent a probe. Only once it has answered does real data go to it: a
 * worker that can't start (no Worker here, or a file:// page whose engine refuses module
 * workers) is then noticed before any buffer is transferred away. With no worker at all the
 * math runs inline: the UI pauses while it does, but the user gets an answer, not an error.
 */
export function createWorkerCompute(poolSize = defaultPoolSize()): Compute {
  let handles: WorkerHandle[] = [];

  /** Up to `count` workers that answered their probe (fewer when some could not start). */
  const liveWorkers = async (count: number): Promise<WorkerHandle[]> => {
    handles = handles.filter((h) => !h.dead);
    while (handles.length < count) {
      const handle = startSimilarityWorker();
      if (!handle) break;
      handles.push(handle);
    }
    const wanted = handles.slice(0, count);
    const alive = await Promise.all(wanted.map((h) => h.ready));
    return wanted.filter((_, k) => alive[k]);
  };

  const compute: Compute = async (request) => {
    const started = performance.now();
    const workers = await liveWorkers(Math.min(Math.max(1, request.models.length), poolSize));
    if (workers.length === 0) return computeInline(request);
    const rankPairs = request.models.length > 1;
    const workerMs: number[] = [];
    const kernels: ('simd' | 'js')[] = [];
    const parts = await Promise.all(
      request.models.map(async (model, k): Promise<RankedAnalysis> => {
        const answer = await (workers[k % workers.length] as WorkerHandle).call(
          { kind: 'model', model, rankPairs },
          vectorTransferables(model),
        );
        if (answer.kind !== 'model') throw new Error('The similarity worker answered out of turn.');
        workerMs[k] = answer.ms;
        kernels[k] = answer.kernel;
        return { analysis: answer.analysis, pairs: answer.pairs };
      }),
    );
    let agreement: AnalysisResult['agreement'] = [];
    if (rankPairs) {
      const models = rankedModels(parts);
      const answer = await (workers[0] as WorkerHandle).call(
        { kind: 'agreement', models, k: request.topDisagreements },
        models.flatMap((m) => pairTransferables(m.pairs)),
      );
      if (answer.kind !== 'agreement') throw new Error('The similarity worker answered out of turn.');
      agreement = answer.agreement;
    }
    const models = parts.map((p) => p.analysis);
    return { id: 0, models, agreement, computeMs: performance.now() - started, workerMs, kernels };
  };
  compute.warm = (models) => {
    void liveWorkers(Math.min(Math.max(1, models), poolSize));
  };
  return compute;
}
