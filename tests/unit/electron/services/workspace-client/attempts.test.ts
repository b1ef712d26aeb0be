import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Attempt,
  type AttemptRun,
  abortableSleep,
  DEFAULT_RETRY,
  retryDelay,
  runAttempts,
} from '../../../../../electron/services/workspace-client/attempts';
import { failure, type StudioError } from '../../../../../shared/errors';

/* The attempts of one request: per-attempt abort and timeout, classification, retry policy. */

const ctx = { endpoint: 'llama', host: 'https://ws.example.com' };
const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
const rateLimited = (extra: Partial<StudioError> = {}) => failure('RATE_LIMITED', 'slow down', extra);
const netError = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

/** A recorder double: counts sends and retries; `deltas` simulates text already shown. */
function recorder(deltas = 0) {
  return {
    sent: 0,
    retries: 0,
    deltaCount: deltas,
    markSent() {
      this.sent++;
    },
    markRetry() {
      this.retries++;
    },
  };
}

function run(overrides: Partial<AttemptRun> = {}) {
  const rec = recorder();
  const sleep = vi.fn(async (_ms: number, _signal?: AbortSignal) => {});
  const onRetry = vi.fn();
  const options: AttemptRun = { ctx, signal: undefined, rec, retry, sleep, onRetry, ...overrides };
  return { rec, sleep, onRetry, options };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('abortableSleep', () => {
  it('waits the given time', async () => {
    vi.useFakeTimers();
    let done = false;
    void abortableSleep(500).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('resolves early, without error, when the signal aborts or already has', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const waiting = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
    await expect(abortableSleep(60_000, controller.signal)).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('retryDelay', () => {
  it('doubles from baseDelayMs and caps at maxDelayMs without a Retry-After', () => {
    const e = rateLimited().error;
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(e, n, retry))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it("honours the server's Retry-After, and gives up when it is longer than maxDelayMs", () => {
    expect(retryDelay(rateLimited({ retryAfterSec: 1 }).error, 3, retry)).toBe(1_000);
    expect(retryDelay(rateLimited({ retryAfterSec: 0 }).error, 1, retry)).toBe(0);
    expect(retryDelay(rateLimited({ retryAfterSec: 2 }).error, 1, retry)).toBeNull();
  });

  it('has sensible defaults', () => {
    expect(DEFAULT_RETRY).toEqual({ maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 });
  });
});

describe('Attempt', () => {
  it('aborts when the caller aborts, and is born aborted for an aborted caller', () => {
    const outer = new AbortController();
    const attempt = new Attempt(outer.signal);
    outer.abort();
    expect(attempt.controller.signal.aborted).toBe(true);
    expect(new Attempt(outer.signal).controller.signal.aborted).toBe(true);
  });

  it('times out in the armed phase; re-arming restarts the wait', async () => {
    vi.useFakeTimers();
    const attempt = new Attempt(undefined);
    attempt.arm('first-byte', 100);
    await vi.advanceTimersByTimeAsync(90);
    attempt.arm('idle', 100);
    await vi.advanceTimersByTimeAsync(90);
    expect(attempt.controller.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(attempt.controller.signal.aborted).toBe(true);
    expect(attempt.timedOut).toEqual({ phase: 'idle', ms: 100 });
  });

  it('dispose stops the timeout and unlinks the caller', async () => {
    vi.useFakeTimers();
    const outer = new AbortController();
    const attempt = new Attempt(outer.signal);
    attempt.arm('connect', 100);
    attempt.dispose();
    await vi.advanceTimersByTimeAsync(200);
    outer.abort();
    expect(attempt.controller.signal.aborted).toBe(false);
    expect(attempt.timedOut).toBeNull();
  });

  it('classifies a caller abort, a timeout, a StudioFailure and a network error', () => {
    const outer = new AbortController();
    outer.abort();
    expect(new Attempt(outer.signal).classify(new Error('x'), ctx)).toEqual({ kind: 'aborted' });

    const timed = new Attempt(undefined);
    timed.timedOut = { phase: 'connect', ms: 10_000 };
    const timeout = timed.classify(new Error('aborted'), ctx);
    expect(timeout).toMatchObject({ kind: 'error', retryable: false, error: { code: 'TIMEOUT' } });

    const plain = new Attempt(undefined);
    expect(plain.classify(rateLimited(), ctx)).toMatchObject({ kind: 'error', retryable: true });
    expect(plain.classify(failure('UNAVAILABLE', 'scaling'), ctx)).toMatchObject({ retryable: true });
    expect(plain.classify(failure('BAD_PARAMETER', 'no'), ctx)).toMatchObject({ retryable: false });
    expect(plain.classify(netError('ECONNRESET'), ctx)).toMatchObject({
      kind: 'error',
      retryable: true,
      netCode: 'ECONNRESET',
      error: { code: 'NETWORK' },
    });
    expect(plain.classify(netError('ENOTFOUND'), ctx)).toMatchObject({
      retryable: false,
      netCode: 'ENOTFOUND',
    });
  });
});

describe('runAttempts', () => {
  it('returns the first success without retrying', async () => {
    const { rec, sleep, options } = run();
    await expect(runAttempts(options, async () => 42)).resolves.toEqual({ kind: 'ok', value: 42 });
    expect(rec.sent).toBe(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('retries retryable failures with backoff, telling onRetry and counting retries', async () => {
    const controller = new AbortController();
    const { rec, sleep, onRetry, options } = run({ signal: controller.signal });
    const work = vi.fn().mockRejectedValueOnce(rateLimited()).mockRejectedValueOnce(rateLimited());
    work.mockResolvedValue('ok');
    await expect(runAttempts(options, work)).resolves.toEqual({ kind: 'ok', value: 'ok' });
    expect(rec).toMatchObject({ sent: 3, retries: 2 });
    expect(sleep.mock.calls).toEqual([
      [100, controller.signal],
      [200, controller.signal],
    ]);
    expect(onRetry.mock.calls.map(([n, delay, reason]) => [n, delay, reason.code])).toEqual([
      [1, 100, 'RATE_LIMITED'],
      [2, 200, 'RATE_LIMITED'],
    ]);
  });

  it('stops after maxAttempts and returns the last error', async () => {
    const { rec, options } = run();
    const result = await runAttempts(options, async () => {
      throw rateLimited();
    });
    expect(result).toMatchObject({ kind: 'error', error: { code: 'RATE_LIMITED' } });
    expect(rec).toMatchObject({ sent: 3, retries: 2 });
  });

  it('never retries a failure that is not retryable, or one after text was shown', async () => {
    const first = run();
    await runAttempts(first.options, async () => {
      throw failure('BAD_PARAMETER', 'no');
    });
    expect(first.rec.sent).toBe(1);

    const streamed = run({ rec: recorder(1) });
    const result = await runAttempts(streamed.options, async () => {
      throw rateLimited();
    });
    expect(result).toMatchObject({ kind: 'error', retryable: true });
    expect(streamed.sleep).not.toHaveBeenCalled();
  });

  it('returns a 429 at once when the policy leaves 429s to the caller, and still retries the rest', async () => {
    const limited = run({ retry: { ...retry, rateLimited: false } });
    const result = await runAttempts(limited.options, async () => {
      throw rateLimited({ retryAfterSec: 1 });
    });
    expect(result).toMatchObject({ kind: 'error', error: { code: 'RATE_LIMITED', retryAfterSec: 1 } });
    expect(limited.rec).toMatchObject({ sent: 1, retries: 0 });
    expect(limited.onRetry).not.toHaveBeenCalled();

    const unavailable = run({ retry: { ...retry, rateLimited: false } });
    const work = vi.fn().mockRejectedValueOnce(failure('UNAVAILABLE', 'busy')).mockResolvedValue('ok');
    await expect(runAttempts(unavailable.options, work)).resolves.toEqual({ kind: 'ok', value: 'ok' });
    expect(unavailable.rec).toMatchObject({ sent: 2, retries: 1 });
  });

  it('does not wait out a Retry-After longer than maxDelayMs', async () => {
    const { rec, sleep, options } = run();
    const result = await runAttempts(options, async () => {
      throw rateLimited({ retryAfterSec: 60 });
    });
    expect(result).toMatchObject({ kind: 'error', error: { retryAfterSec: 60 } });
    expect(rec.sent).toBe(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('answers aborted when the caller aborted, before or between attempts', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = run({ signal: controller.signal });
    const work = vi.fn();
    await expect(runAttempts(before.options, work)).resolves.toEqual({ kind: 'aborted' });
    expect(work).not.toHaveBeenCalled();

    const later = new AbortController();
    const between = run({ signal: later.signal, sleep: async () => later.abort() });
    const result = await runAttempts(between.options, async () => {
      throw rateLimited();
    });
    expect(result).toEqual({ kind: 'aborted' });
    expect(between.rec.sent).toBe(1);
  });

  it('shares one credential refresh across the attempts of a request', async () => {
    const { options } = run();
    const seen: boolean[] = [];
    await runAttempts(options, async (attempt) => {
      seen.push(attempt.auth.refreshed);
      attempt.auth.refreshed = true;
      if (seen.length < 2) throw rateLimited();
    });
    expect(seen).toEqual([false, true]);
  });
});
