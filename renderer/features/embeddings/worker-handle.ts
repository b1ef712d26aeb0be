import type { JobInput, WorkerAnswer } from './worker-protocol';

/** How long a new worker has to answer its probe. */
const PROBE_TIMEOUT_MS = 10_000;

/** A successful answer. */
type Answered = Extract<WorkerAnswer, { ok: true }>;

/** One similarity worker: numbered jobs in, answers out. */
export interface WorkerHandle {
  /** True once it answered its probe; false when it can't start (or never answered). */
  ready: Promise<boolean>;
  /** True once it failed or stopped: the pool starts another one next time. */
  readonly dead: boolean;
  /** Sends a job, transferring `transfer`; rejects when the job fails or the worker stops. */
  call(job: JobInput, transfer: Transferable[]): Promise<Answered>;
}

/**
 * Starts one similarity worker (bundled by Vite from the URL below; the page's CSP
 * `default-src 'self'` allows it) and probes it. Null where there is no Worker at all.
 */
export function startSimilarityWorker(): WorkerHandle | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./similarity.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  let nextId = 1;
  let dead = false;
  const pending = new Map<number, { resolve(a: Answered): void; reject(e: Error): void }>();
  const stop = (reason: string) => {
    dead = true;
    for (const waiter of pending.values()) waiter.reject(new Error(reason));
    pending.clear();
    worker.terminate();
  };
  worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
    const answer = event.data;
    const waiter = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.ok) waiter?.resolve(answer);
    else waiter?.reject(new Error(answer.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    stop('The similarity worker stopped.');
  };
  const call = (job: JobInput, transfer: Transferable[]) =>
    new Promise<Answered>((resolve, reject) => {
      if (dead) return reject(new Error('The similarity worker stopped.'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...job, id }, transfer);
    });
  // A worker that neither answers nor fails (a module it can't load, silently) would
  // otherwise leave the comparison "computing" forever.
  const probe = call({ kind: 'probe' }, []).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS));
  const ready = Promise.race([probe, timeout]).then((alive) => {
    if (!alive && !dead) stop('The similarity worker did not start.');
    return alive;
  });
  return {
    ready,
    get dead() {
      return dead;
    },
    call,
  };
}
