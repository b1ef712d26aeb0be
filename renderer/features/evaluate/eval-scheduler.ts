import type { StudioError } from '../../../shared/errors';
import { AdaptiveLimiter, type LimiterOptions } from './eval-limiter';

/*
 * The queue of an evaluation run: every (row, variant) request, started as the endpoints'
 * adaptive limits allow (eval-limiter.ts), with retries for what may pass on a second try.
 * It knows nothing of streams or the database: `execute` runs one request and says how it
 * ended, `settled` records a final outcome. Timers come from the deps, so tests drive it with
 * fake timers. Queues are per endpoint with a moving head, so a 600,000-request run costs the
 * same per step as a small one.
 */

/** One request of a run: a row for a variant. */
export interface EvalTask {
  rowIndex: number;
  variantId: string;
  endpoint: string;
  /** Attempts made so far. */
  attempts: number;
  /** Not started again before this time (epoch ms), after a retryable failure. */
  notBefore: number;
}

/** How one attempt ended. */
export type AttemptOutcome = { kind: 'done' } | { kind: 'error'; error: StudioError } | { kind: 'aborted' };

/** What the scheduler needs. */
export interface SchedulerDeps {
  now(): number;
  /** Calls `run` after `ms`; returns a cancel function. */
  setTimer(run: () => void, ms: number): () => void;
  /** Runs one attempt of `task`. */
  execute(task: EvalTask): Promise<AttemptOutcome>;
  /** A task's final outcome (done, or an error not retried again). Aborted attempts are not final. */
  settled(task: EvalTask, outcome: Exclude<AttemptOutcome, { kind: 'aborted' }>): void;
  /** Nothing left to run and nothing in flight (not called after pause or cancel). */
  finished(): void;
  /** Something changed (in flight, limits): the view may refresh. */
  changed?(): void;
  /** Requests in flight over all endpoints (the bridge runs 16 streams per window). */
  globalMax?: number;
  limiter?: Partial<LimiterOptions>;
}

/** Attempts of one request in total, the first included. */
export const MAX_ATTEMPTS = 5;

/** Codes worth another try: rate limits, an unavailable or failing server, the network, a busy bridge. */
const RETRYABLE = new Set(['RATE_LIMITED', 'UNAVAILABLE', 'SERVER', 'NETWORK', 'TIMEOUT', 'BUSY']);

/** Whether `error` may pass on another attempt. */
export const isRetryable = (error: StudioError): boolean => RETRYABLE.has(error.code);

/** Backoff before attempt `attempts + 1` when the server named no wait: 1 s, 2 s, 4 s… capped at 30 s. */
export const backoffMs = (attempts: number): number =>
  Math.min(30_000, 1_000 * 2 ** Math.max(0, attempts - 1));

interface EndpointQueue {
  limiter: AdaptiveLimiter;
  tasks: EvalTask[];
  head: number;
  /** Tasks to try again (few), each with its `notBefore`. */
  retries: EvalTask[];
}

/** Where a run's queue is. */
export type SchedulerState = 'idle' | 'running' | 'paused' | 'cancelled' | 'finished';

/** Runs a run's tasks. */
export class EvalScheduler {
  #queues = new Map<string, EndpointQueue>();
  #inFlight = 0;
  #state: SchedulerState = 'idle';
  #cancelTimer: (() => void) | null = null;
  #wakeAt = Number.POSITIVE_INFINITY;
  readonly #deps: SchedulerDeps;

  constructor(tasks: readonly EvalTask[], deps: SchedulerDeps) {
    this.#deps = deps;
    for (const task of tasks) this.#queueOf(task.endpoint).tasks.push({ ...task });
  }

  get state(): SchedulerState {
    return this.#state;
  }

  /** Requests running now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Requests not yet finished for good (waiting or in flight). */
  get remaining(): number {
    let n = this.#inFlight;
    for (const q of this.#queues.values()) n += q.tasks.length - q.head + q.retries.length;
    return n;
  }

  /** The current concurrency limit per endpoint, its learned pace, and until when it waits after a 429. */
  limits(): {
    endpoint: string;
    limit: number;
    pace: number | null;
    inFlight: number;
    blockedUntil: number;
    rateLimited: number;
  }[] {
    return [...this.#queues].map(([endpoint, q]) => ({
      endpoint,
      limit: q.limiter.limit,
      pace: q.limiter.pace,
      inFlight: q.limiter.inFlight,
      blockedUntil: q.limiter.blockedUntil,
      rateLimited: q.limiter.rateLimited,
    }));
  }

  /** Starts (or resumes) running. */
  start(): void {
    if (this.#state === 'cancelled' || this.#state === 'finished') return;
    this.#state = 'running';
    this.#pump();
  }

  /** Starts nothing new; what is in flight finishes and is recorded. */
  pause(): void {
    if (this.#state !== 'running') return;
    this.#state = 'paused';
    this.#clearTimer();
    this.#deps.changed?.();
  }

  /** Starts nothing new, ever; the caller stops what is in flight. */
  cancel(): void {
    if (this.#state === 'finished') return;
    this.#state = 'cancelled';
    this.#clearTimer();
    this.#deps.changed?.();
  }

  /**
   * The privileged side is retrying a 429 of `endpoint` (a `retry` stream event): the
   * endpoint's limit comes down now rather than after its retries run out.
   */
  noteRateLimit(endpoint: string, waitMs: number | null): void {
    this.#queues.get(endpoint)?.limiter.limited(this.#deps.now(), waitMs);
    this.#deps.changed?.();
  }

  #queueOf(endpoint: string): EndpointQueue {
    let q = this.#queues.get(endpoint);
    if (!q) {
      q = { limiter: new AdaptiveLimiter(this.#deps.limiter), tasks: [], head: 0, retries: [] };
      this.#queues.set(endpoint, q);
    }
    return q;
  }

  #clearTimer(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#wakeAt = Number.POSITIVE_INFINITY;
  }

  /** The next task of `q` ready at `now` (taken off its queue), or null. */
  #take(q: EndpointQueue, now: number): EvalTask | null {
    const ready = q.retries.findIndex((t) => t.notBefore <= now);
    if (ready !== -1) return q.retries.splice(ready, 1)[0] ?? null;
    if (q.head >= q.tasks.length) return null;
    const task = q.tasks[q.head] ?? null;
    q.head += 1;
    // Release what the queue no longer needs, now and then, so memory follows progress.
    if (q.head > 4096 && q.head * 2 > q.tasks.length) {
      q.tasks = q.tasks.slice(q.head);
      q.head = 0;
    }
    return task;
  }

  /** Starts every task the limits allow now; sets one timer for the next moment something can. */
  #pump(): void {
    if (this.#state !== 'running') return;
    const now = this.#deps.now();
    const globalMax = this.#deps.globalMax ?? 16;
    let wake = Number.POSITIVE_INFINITY;
    let progress = true;
    // Round-robin over endpoints, one start each per pass, so no endpoint starves another.
    while (progress && this.#inFlight < globalMax) {
      progress = false;
      for (const q of this.#queues.values()) {
        if (this.#inFlight >= globalMax) break;
        if (!q.limiter.canStart(now)) continue;
        const task = this.#take(q, now);
        if (!task) continue;
        this.#run(q, task);
        progress = true;
      }
    }
    for (const q of this.#queues.values()) {
      const waiting = q.head < q.tasks.length || q.retries.length > 0;
      if (!waiting) continue;
      if (q.limiter.blockedUntil > now) wake = Math.min(wake, q.limiter.blockedUntil);
      else if (q.limiter.inFlight < q.limiter.limit) {
        // Held by the pace only: wake when its window lets the next one go.
        const paced = q.limiter.paceFreeAt(now);
        if (paced > now) wake = Math.min(wake, paced);
      }
      for (const t of q.retries)
        if (t.notBefore > now) wake = Math.min(wake, Math.max(t.notBefore, q.limiter.blockedUntil));
    }
    if (wake < this.#wakeAt) {
      this.#clearTimer();
      this.#wakeAt = wake;
      this.#cancelTimer = this.#deps.setTimer(() => {
        this.#cancelTimer = null;
        this.#wakeAt = Number.POSITIVE_INFINITY;
        this.#pump();
      }, wake - now);
    }
    if (this.#inFlight === 0 && this.remaining === 0) {
      this.#clearTimer();
      this.#state = 'finished';
      this.#deps.finished();
    }
    this.#deps.changed?.();
  }

  #run(q: EndpointQueue, task: EvalTask): void {
    this.#inFlight += 1;
    const startedAt = this.#deps.now();
    q.limiter.started(startedAt);
    const attempt = { ...task, attempts: task.attempts + 1 };
    void this.#deps
      .execute(attempt)
      .catch(
        (cause): AttemptOutcome => ({
          kind: 'error',
          error: { code: 'INTERNAL', message: cause instanceof Error ? cause.message : String(cause) },
        }),
      )
      .then((outcome) => this.#ended(q, attempt, outcome, startedAt));
  }

  #ended(q: EndpointQueue, task: EvalTask, outcome: AttemptOutcome, startedAt: number): void {
    this.#inFlight -= 1;
    q.limiter.ended();
    const now = this.#deps.now();
    if (outcome.kind === 'done') {
      q.limiter.succeeded();
      this.#deps.settled(task, outcome);
    } else if (outcome.kind === 'aborted') {
      // Stopped by a cancel (or a pause that stopped it): not an answer; it waits to run again.
      q.retries.push({ ...task, attempts: task.attempts - 1, notBefore: now });
    } else {
      const { error } = outcome;
      const waitMs = error.retryAfterSec !== undefined ? error.retryAfterSec * 1_000 : null;
      if (error.code === 'RATE_LIMITED') q.limiter.limited(now, waitMs, startedAt);
      if (isRetryable(error) && task.attempts < MAX_ATTEMPTS) {
        q.retries.push({ ...task, notBefore: now + (waitMs ?? backoffMs(task.attempts)) });
      } else {
        this.#deps.settled(task, outcome);
      }
    }
    if (this.#state === 'running') this.#pump();
    else this.#deps.changed?.();
  }
}
