/*
 * Adaptive concurrency for one endpoint, as a small state machine (no timers: the scheduler
 * asks it with the time). It starts at `initial` requests in flight; a 429 halves the limit
 * and holds every new request until the server's Retry-After (or a short default) has passed;
 * a streak of successes as long as the limit raises it by one, up to `max`. This is how
 * the rate limits of a serving endpoint are found without knowing them (AIMD, as TCP does).
 */

/** The knobs of {@link AdaptiveLimiter}. */
export interface LimiterOptions {
  initial: number;
  max: number;
  min: number;
  /** Wait after a 429 that named no Retry-After. */
  defaultBackoffMs: number;
}

/** The app's defaults: start at 4, never above 16 (the bridge's streams per window). */
export const LIMITER_DEFAULTS: LimiterOptions = { initial: 4, max: 16, min: 1, defaultBackoffMs: 2_000 };

/** Concurrency of one endpoint, adapted to its answers. */
export class AdaptiveLimiter {
  limit: number;
  inFlight = 0;
  /** Successes since the last change of the limit. */
  streak = 0;
  /** No new request before this time (epoch ms) after a 429. */
  blockedUntil = 0;
  /** How many 429s were seen. */
  rateLimited = 0;
  readonly options: LimiterOptions;

  constructor(options: Partial<LimiterOptions> = {}) {
    this.options = { ...LIMITER_DEFAULTS, ...options };
    this.limit = Math.min(this.options.max, Math.max(this.options.min, this.options.initial));
  }

  /** Whether one more request may start at `now`. */
  canStart(now: number): boolean {
    return now >= this.blockedUntil && this.inFlight < this.limit;
  }

  /** A request started. */
  started(): void {
    this.inFlight += 1;
  }

  /** A request ended (whatever its outcome); call before succeeded/limited. */
  ended(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** A request succeeded: after `limit` successes in a row the limit grows by one. */
  succeeded(): void {
    this.streak += 1;
    if (this.streak >= this.limit && this.limit < this.options.max) {
      this.limit += 1;
      this.streak = 0;
    }
  }

  /**
   * A 429 at `now`: the limit halves (not below `min`), the streak restarts, and nothing new
   * starts before `retryAfterMs` (the server's Retry-After) or the default backoff.
   */
  limited(now: number, retryAfterMs?: number | null): void {
    this.rateLimited += 1;
    this.limit = Math.max(this.options.min, Math.floor(this.limit / 2));
    this.streak = 0;
    const wait =
      retryAfterMs !== undefined && retryAfterMs !== null ? retryAfterMs : this.options.defaultBackoffMs;
    this.blockedUntil = Math.max(this.blockedUntil, now + wait);
  }
}
