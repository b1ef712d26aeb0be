import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdaptiveLimiter } from '../../../../../renderer/features/evaluate/eval-limiter';
import {
  type AttemptOutcome,
  EvalScheduler,
  type EvalTask,
} from '../../../../../renderer/features/evaluate/eval-scheduler';

/* The adaptive queue under 429 bursts, with fake timers: no real waiting, no timing assertions. */

describe('AdaptiveLimiter', () => {
  it('learns a pace from a 429 of a per-second limit, holding only the rejected request', () => {
    const l = new AdaptiveLimiter({ initial: 16, max: 16 });
    for (let i = 0; i < 25; i += 1) {
      expect(l.canStart(i * 10)).toBe(true);
      l.started(i * 10);
      l.ended();
    }
    // The window (the last second) saw 25 starts when the 429 came: 24 a second from now on.
    l.limited(250, 1_000);
    expect(l.pace).toBe(24);
    expect(l.blockedUntil).toBe(0);
    expect(l.canStart(250)).toBe(false);
    // 24 of the 25 may be in a window: the second oldest (at 10 ms) leaves it at 1,010 ms.
    expect(l.paceFreeAt(250)).toBe(1_010);
    expect(l.canStart(1_009)).toBe(false);
    expect(l.canStart(1_010)).toBe(true);
    // More 429s of the same burst don't lower it again; one a window later does.
    l.limited(300, 1_000);
    expect(l.pace).toBe(24);
    l.limited(1_300, 1_000);
    expect(l.pace).toBeLessThan(24);
  });

  it('probes above a pace learned low: each clean window raises it by twice as much, a 429 of a probe goes back', () => {
    const l = new AdaptiveLimiter({ initial: 16, max: 16 });
    // 39 starts in the second before a per-second 429 (a burst on the way filled the server's window).
    for (let i = 0; i < 40; i += 1) l.started(i * 25);
    l.limited(1_000, 1_000, 990);
    expect(l.pace).toBe(37);
    // The first 429 halves the concurrency (what was in flight overshot); later ones of a
    // per-second limit leave it: the pace holds the rate.
    expect(l.limit).toBe(8);
    l.started(2_000);
    expect(l.pace).toBe(38);
    l.started(3_000);
    expect(l.pace).toBe(40);
    l.started(4_000);
    expect(l.pace).toBe(44);
    // A 429 of a request started before the last raise says nothing of it.
    l.limited(4_100, 1_000, 3_500);
    expect(l.pace).toBe(44);
    // One started since: back to the last pace that went a window clean, and no more probing.
    l.limited(4_200, 1_000, 4_050);
    expect(l.pace).toBe(40);
    expect(l.limit).toBe(8);
    l.started(6_000);
    expect(l.pace).toBe(40);
  });

  it('halves on a 429, waits for Retry-After, and creeps back up after a streak', () => {
    const l = new AdaptiveLimiter({ initial: 4, max: 6 });
    l.limited(1_000, 3_000);
    expect(l.limit).toBe(2);
    expect(l.canStart(3_999)).toBe(false);
    expect(l.canStart(4_000)).toBe(true);
    l.succeeded();
    expect(l.limit).toBe(2);
    l.succeeded();
    expect(l.limit).toBe(3);
    for (let i = 0; i < 20; i += 1) l.succeeded();
    expect(l.limit).toBe(6);
    l.limited(0, null);
    l.limited(0, null);
    l.limited(0, null);
    l.limited(0, null);
    expect(l.limit).toBe(1);
    // The longest wait asked for stands (the first 429's Retry-After ended at 4 s).
    expect(l.blockedUntil).toBe(4_000);
  });
});

const tasks = (n: number, endpoint = 'e'): EvalTask[] =>
  Array.from({ length: n }, (_, i) => ({ rowIndex: i, variantId: 'v', endpoint, attempts: 0, notBefore: 0 }));

describe('EvalScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  /** A scheduler whose requests end when the test says. */
  function harness(n: number, options: { globalMax?: number } = {}) {
    const running: { task: EvalTask; end: (o: AttemptOutcome) => void }[] = [];
    const settled: [EvalTask, AttemptOutcome][] = [];
    let finished = 0;
    const scheduler = new EvalScheduler(tasks(n), {
      now: () => Date.now(),
      setTimer: (run, ms) => {
        const t = setTimeout(run, ms);
        return () => clearTimeout(t);
      },
      execute: (task) => new Promise((resolve) => running.push({ task, end: resolve })),
      settled: (task, outcome) => void settled.push([task, outcome]),
      finished: () => {
        finished += 1;
      },
      globalMax: options.globalMax,
    });
    /** Ends the oldest running request. */
    const end = async (outcome: AttemptOutcome) => {
      const r = running.shift();
      if (!r) throw new Error('nothing running');
      r.end(outcome);
      await vi.advanceTimersByTimeAsync(0);
    };
    /** Ends every request with success, letting fake time pass while the pace holds the rest. */
    const drain = async () => {
      while (running.length > 0 || scheduler.remaining > 0) {
        if (running.length > 0) await end({ kind: 'done' });
        else await vi.advanceTimersByTimeAsync(1_000);
      }
    };
    return { scheduler, running, settled, end, drain, finished: () => finished };
  }

  it('starts four, backs off on a 429 (Retry-After honoured), retries, and finishes every task once', async () => {
    const h = harness(10);
    h.scheduler.start();
    expect(h.running).toHaveLength(4);
    await h.end({ kind: 'error', error: { code: 'RATE_LIMITED', message: '429', retryAfterSec: 5 } });
    // Limit 2, three still in flight: nothing new for now, and nothing before 5 s anyway.
    expect(h.scheduler.limits()[0]).toMatchObject({ limit: 2, inFlight: 3, blockedUntil: 5_000 });
    await h.end({ kind: 'done' });
    await h.end({ kind: 'done' });
    await h.end({ kind: 'done' });
    expect(h.running).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(h.running).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    // Three successes since the 429 (a streak as long as the limit of 2) raised it to 3.
    expect(h.scheduler.limits()[0]?.limit).toBe(3);
    expect(h.running).toHaveLength(3);
    // The rate-limited row is retried (first among the ready ones).
    expect(h.running[0]?.task).toMatchObject({ rowIndex: 0, attempts: 2 });
    // The 429 also set a pace (three of the four started in its window): the rest follow it.
    expect(h.scheduler.limits()[0]?.pace).toBe(3);
    await h.drain();
    expect(h.finished()).toBe(1);
    expect(h.settled.map(([t]) => t.rowIndex).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(h.settled.every(([, o]) => o.kind === 'done')).toBe(true);
  });

  it('under a burst of 429s comes down to one at a time, then climbs back after successes', async () => {
    const h = harness(40);
    h.scheduler.start();
    for (let i = 0; i < 4; i += 1)
      await h.end({ kind: 'error', error: { code: 'RATE_LIMITED', message: '429' } });
    expect(h.scheduler.limits()[0]?.limit).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.running).toHaveLength(1);
    await h.end({ kind: 'done' });
    expect(h.scheduler.limits()[0]?.limit).toBe(2);
    expect(h.running).toHaveLength(2);
    await h.drain();
    expect(h.settled).toHaveLength(40);
    expect(h.scheduler.limits()[0]?.limit).toBeGreaterThan(4);
  });

  it('gives up after five attempts and records the error; non-retryable errors at once', async () => {
    const h = harness(2, { globalMax: 1 });
    h.scheduler.start();
    await h.end({ kind: 'error', error: { code: 'BAD_PARAMETER', message: 'no' } });
    expect(h.settled[0]?.[1]).toMatchObject({ kind: 'error', error: { code: 'BAD_PARAMETER' } });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await vi.advanceTimersByTimeAsync(60_000);
      await h.end({ kind: 'error', error: { code: 'UNAVAILABLE', message: '503' } });
    }
    expect(h.settled[1]?.[0]).toMatchObject({ rowIndex: 1, attempts: 5 });
    expect(h.finished()).toBe(1);
  });

  it('pause starts nothing new; resume goes on; cancel stops for good', async () => {
    const h = harness(8);
    h.scheduler.start();
    h.scheduler.pause();
    await h.end({ kind: 'done' });
    expect(h.running).toHaveLength(3);
    h.scheduler.start();
    expect(h.running).toHaveLength(4);
    h.scheduler.cancel();
    while (h.running.length > 0) await h.end({ kind: 'aborted' });
    expect(h.settled).toHaveLength(1);
    expect(h.finished()).toBe(0);
    expect(h.scheduler.remaining).toBe(7);
  });

  it('paces a per-second limit at what it allowed: few 429s, close to the allowed rate', async () => {
    // A server with a sliding one-second window of 20 queries; answers take 50 ms.
    const LIMIT = 20;
    const arrivals: number[] = [];
    let rejected = 0;
    let requests = 0;
    const settled: EvalTask[] = [];
    let finishedAt = -1;
    const scheduler: EvalScheduler = new EvalScheduler(tasks(400), {
      now: () => Date.now(),
      setTimer: (run, ms) => {
        const t = setTimeout(run, ms);
        return () => clearTimeout(t);
      },
      execute: async () => {
        requests += 1;
        const now = Date.now();
        if (arrivals.filter((at) => at > now - 1_000).length >= LIMIT) {
          rejected += 1;
          return { kind: 'error', error: { code: 'RATE_LIMITED', message: '429', retryAfterSec: 1 } };
        }
        arrivals.push(now);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { kind: 'done' };
      },
      settled: (task) => void settled.push(task),
      finished: () => {
        finishedAt = Date.now();
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toHaveLength(400);
    expect(rejected / requests).toBeLessThanOrEqual(0.02);
    // 400 queries at 20 a second take 20 s at best; paced at 19 of 20 it is about 21 s.
    expect(finishedAt).toBeLessThanOrEqual(22_000);
    expect(scheduler.limits()[0]?.pace).toBeGreaterThanOrEqual(18);
  });

  it('keeps pace when the way to the server delays requests unevenly (jitter): few 429s, near the bound', async () => {
    // The same window of 50 a second, but each request reaches the server 0–120 ms after it
    // started (a busy host), and a 429 comes back as late; a fixed seed keeps it repeatable.
    const LIMIT = 50;
    let seed = 7;
    const jitter = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return (seed / 2_147_483_648) * 120;
    };
    const arrivals: number[] = [];
    let rejected = 0;
    let requests = 0;
    let finishedAt = -1;
    const scheduler: EvalScheduler = new EvalScheduler(tasks(1_000), {
      now: () => Date.now(),
      setTimer: (run, ms) => {
        const t = setTimeout(run, ms);
        return () => clearTimeout(t);
      },
      execute: async () => {
        requests += 1;
        await new Promise((resolve) => setTimeout(resolve, jitter()));
        const now = Date.now();
        if (arrivals.filter((at) => at > now - 1_000).length >= LIMIT) {
          rejected += 1;
          return { kind: 'error', error: { code: 'RATE_LIMITED', message: '429', retryAfterSec: 1 } };
        }
        arrivals.push(now);
        await new Promise((resolve) => setTimeout(resolve, 30));
        return { kind: 'done' };
      },
      settled: () => undefined,
      finished: () => {
        finishedAt = Date.now();
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(finishedAt).toBeGreaterThan(0);
    expect(rejected / requests).toBeLessThanOrEqual(0.02);
    // 1,000 queries at 50 a second take 20 s at best.
    expect(finishedAt).toBeLessThanOrEqual(22_000);
  });
});
