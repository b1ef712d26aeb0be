import { type StudioError, StudioFailure } from '../../../shared/errors';
import type { GenerationSink } from '../types';
import type { ErrorContext } from './http-errors';
import type { MetricsRecorder } from './metrics';
import { errorFromNetwork, networkErrorCode, type TimeoutPhase, timeoutError } from './network-errors';

/*
 * The attempts of one logical request: each attempt gets its own abort controller (linked to
 * the caller's signal) and re-armable timeout, and failures before the first token are retried
 * on 429 / 503 / transient connection errors with a Retry-After-aware backoff.
 */

/** Retries before the first token on 429 / 503 / connection errors. */
export interface WorkspaceClientRetry {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Wait before the first retry when the server gave no Retry-After; doubles each time. */
  baseDelayMs: number;
  /** Longest wait; a Retry-After longer than this is not waited for (the error is returned). */
  maxDelayMs: number;
  /**
   * Whether a 429 is retried here (absent: yes). False for a caller that paces its requests
   * and retries them itself (Evaluate): a retry from here would land outside its pace.
   */
  rateLimited?: boolean;
}

/** The retry policy used when the caller gives none. */
export const DEFAULT_RETRY: WorkspaceClientRetry = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** A wait between retries; should resolve early when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** An abortable wait (resolves early, without error, when the signal aborts). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** How one request (all its attempts) ended. `netCode` is the system code of a connection failure. */
export type AttemptResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'aborted' }
  | { kind: 'error'; error: StudioError; retryable: boolean; netCode?: string };

/** Per logical request: whether the one credential refresh (onUnauthorized) was used already. */
export interface AuthState {
  refreshed: boolean;
}

const isRetryableCode = (e: StudioError) => e.code === 'RATE_LIMITED' || e.code === 'UNAVAILABLE';

/** One attempt's abort controller, linked to the caller's signal, with a re-armable timeout. */
export class Attempt {
  readonly controller = new AbortController();
  timedOut: { phase: TimeoutPhase; ms: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOuterAbort = () => this.controller.abort();

  constructor(
    private readonly outer: AbortSignal | undefined,
    readonly auth: AuthState = { refreshed: false },
  ) {
    if (outer?.aborted) this.controller.abort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  /** (Re)starts the timeout: when `ms` pass before the next arm, the attempt aborts as `phase`. */
  arm(phase: TimeoutPhase, ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = { phase, ms };
      this.controller.abort();
    }, ms);
  }

  /** Stops the timeout and unlinks the caller's signal. */
  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  /** Turns whatever an attempt threw into a result, telling abort, timeout and network apart. */
  classify(err: unknown, ctx: ErrorContext): AttemptResult<never> {
    if (this.outer?.aborted) return { kind: 'aborted' };
    if (this.timedOut)
      return {
        kind: 'error',
        error: timeoutError(this.timedOut.phase, this.timedOut.ms, ctx),
        retryable: false,
      };
    if (err instanceof StudioFailure)
      return { kind: 'error', error: err.error, retryable: isRetryableCode(err.error) };
    // The system code (ENOTFOUND, CERT_…) is kept for connection health: it tells DNS from TLS.
    return { kind: 'error', ...errorFromNetwork(err, ctx), netCode: networkErrorCode(err) };
  }
}

/**
 * How long to wait before retry number `attempt` (1-based): the server's Retry-After, else an
 * exponential backoff capped at maxDelayMs. Null when no retry should happen: a Retry-After
 * beyond maxDelayMs is left to the user.
 */
export function retryDelay(error: StudioError, attempt: number, retry: WorkspaceClientRetry): number | null {
  if (error.retryAfterSec === undefined)
    return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  const ms = error.retryAfterSec * 1000;
  return ms <= retry.maxDelayMs ? ms : null;
}

/** What `runAttempts` needs besides the work itself. */
export interface AttemptRun {
  ctx: ErrorContext;
  signal: AbortSignal | undefined;
  /** Counts sends and retries; a content delta in it forbids further retries. */
  rec: Pick<MetricsRecorder, 'markSent' | 'markRetry' | 'deltaCount'>;
  retry: WorkspaceClientRetry;
  sleep: Sleep;
  onRetry?: GenerationSink['retry'] | undefined;
}

/** Runs attempts until one succeeds, fails for good, or the caller aborts. */
export async function runAttempts<T>(
  { ctx, signal, rec, retry, sleep, onRetry }: AttemptRun,
  run: (attempt: Attempt) => Promise<T>,
): Promise<AttemptResult<T>> {
  const auth: AuthState = { refreshed: false };
  for (let n = 1; ; n++) {
    if (signal?.aborted) return { kind: 'aborted' };
    rec.markSent();
    const attempt = new Attempt(signal, auth);
    let result: AttemptResult<T>;
    try {
      result = { kind: 'ok', value: await run(attempt) };
    } catch (err) {
      result = attempt.classify(err, ctx);
    } finally {
      attempt.dispose();
    }
    // After the first token a retry would duplicate text: never retry then.
    if (result.kind !== 'error' || !result.retryable || rec.deltaCount > 0 || n >= retry.maxAttempts)
      return result;
    if (retry.rateLimited === false && result.error.code === 'RATE_LIMITED') return result;
    const delay = retryDelay(result.error, n, retry);
    if (delay === null) return result;
    onRetry?.(n, delay, result.error);
    rec.markRetry();
    await sleep(delay, signal);
  }
}
