import { type AnalysisRequest, type AnalysisResult, analyze, requestTransferables } from './analysis';

/** Runs an analysis somewhere (the worker in the app, inline in tests). */
export type Compute = (request: Omit<AnalysisRequest, 'id'>) => Promise<AnalysisResult>;

/** How long a new worker has to answer its empty first request. */
const PROBE_TIMEOUT_MS = 10_000;

type WorkerAnswer = { ok: true; result: AnalysisResult } | { ok: false; id: number; message: string };

/** Runs the analysis on the calling thread: for tests, and as the fallback without workers. */
export const computeInline: Compute = async (request) => analyze({ ...request, id: 0 });

/**
 * A Compute backed by one lazily started Web Worker (bundled by Vite from the URL below; the
 * page's CSP `default-src 'self'` allows it). Request buffers are transferred, not copied, so
 * after the call the caller's Float32Arrays are detached: the result hands the vectors back.
 *
 * A new worker is first sent an empty request. Only once it has answered does real data go
 * to it: a worker that can't start (no Worker here, or a file:// page whose engine refuses
 * module workers) is then noticed before any buffer is transferred away, and the math runs
 * inline instead. The UI pauses while it does, but the user gets an answer, not an error.
 */
export function createWorkerCompute(): Compute {
  let worker: Worker | null = null;
  let ready: Promise<boolean> | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(r: AnalysisResult): void; reject(e: Error): void }>();

  const onAnswer = (event: MessageEvent<WorkerAnswer>) => {
    const answer = event.data;
    const id = answer.ok ? answer.result.id : answer.id;
    const waiter = pending.get(id);
    pending.delete(id);
    if (answer.ok) waiter?.resolve(answer.result);
    else waiter?.reject(new Error(answer.message));
  };

  const send = (request: AnalysisRequest) =>
    new Promise<AnalysisResult>((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      worker?.postMessage(request, requestTransferables(request));
    });

  const startWorker = async (): Promise<boolean> => {
    if (typeof Worker === 'undefined') return false;
    try {
      const w = new Worker(new URL('./similarity.worker.ts', import.meta.url), { type: 'module' });
      worker = w;
      w.onmessage = onAnswer;
      w.onerror = (event) => {
        event.preventDefault();
        for (const waiter of pending.values()) waiter.reject(new Error('The similarity worker stopped.'));
        pending.clear();
        w.terminate();
        // The next comparison starts (and checks) a fresh worker.
        worker = null;
        ready = null;
      };
      // A worker that neither answers nor fails (a module it can't load, silently) would
      // otherwise leave the comparison "computing" forever.
      const probe = send({ id: nextId++, models: [], topDisagreements: 0 }).then(() => true);
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS));
      return await Promise.race([probe, timeout]);
    } catch {
      return false;
    }
  };

  return async (request) => {
    ready ??= startWorker();
    if (!(await ready)) return computeInline(request);
    return send({ ...request, id: nextId++ });
  };
}
