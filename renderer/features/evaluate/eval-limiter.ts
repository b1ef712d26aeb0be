/*
 * Adaptive concurrency and pace for one endpoint, as a small state machine (no timers: the
 * scheduler asks it with the time). It starts at `initial` requests in flight; a 429 halves the
 * limit and holds every new request until the server's Retry-After (or a short default) has
 * passed; a streak of successes as long as the limit raises it by one, up to `max`. This is how
 * the rate limits of a serving endpoint are found without knowing them (AIMD, as TCP does).
 *
 * Concurrency alone keeps hitting a queries-per-second limit: short answers finish quickly and
 * the next ones go straight out. So the limiter also learns a pace. At a 429 the server's window
 * (Databricks counts queries over a sliding second) was full: the requests this side started in
 * the last `windowMs` are about what it allows. From then on, at most `paceShare` of that many
 * start in any `windowMs` (the same sliding window, mirrored here, with room for the jitter of
 * the way there), so the run goes at the allowed rate instead of bouncing off it. Another 429
 * lowers the pace by one, but only for a request started after the pace last changed (the 429s
 * of requests sent before are one signal, already counted; without the start time, once per
 * window); a long clean streak raises it by one. A Retry-After of at most one window is what a
 * per-second limit says in whole seconds: the pace already waits exactly as long as the window
 * needs, so it holds only the rejected request (retried after it), neither the endpoint nor its
 * concurrency (which, halved, would starve the pace). A longer one (a per-minute or token
 * limit) halves the limit and holds every new request, as asked.
 *
 * Within the window the starts are spread evenly (one every window ÷ pace, with a little slack
 * for a late timer), not sent as a burst: a mirrored window would repeat a burst every second,
 * and the uneven delays on the way to the server (a busy host) then push the edge of one burst
 * into the next one's window. Spread out, a delay of a few starts' spacing fits the margin.
 */

/** The knobs of {@link AdaptiveLimiter}. */
export interface LimiterOptions {
  initial: number;
  max: number;
  min: number;
  /** Wait after a 429 that named no Retry-After. */
  defaultBackoffMs: number;
  /** The sliding window the pace is counted over (Databricks' per-second limit). */
  windowMs: number;
  /** Share of the starts seen in a window at a 429 that the pace allows afterwards. */
  paceShare: number;
}

/** The app's defaults: start at 4, never above 16 (the bridge's streams per window). */
export const LIMITER_DEFAULTS: LimiterOptions = {
  initial: 4,
  max: 16,
  min: 1,
  defaultBackoffMs: 2_000,
  windowMs: 1_000,
  paceShare: 0.96,
};

/** Clean windows' worth of successes before the pace grows by one start per window. */
const PACE_GROWTH_WINDOWS = 20;

/** Starts' spacings a paced start may come early by (what a late timer lost is made up for). */
const SPACING_SLACK = 2;

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
  /** Starts allowed per window once a 429 taught it (null: not paced yet). */
  pace: number | null = null;
  /** Start times within the last window, oldest first. */
  #starts: number[] = [];
  #startsHead = 0;
  /** When the pace last came down (its 429 burst is one signal). */
  #pacedAt = Number.NEGATIVE_INFINITY;
  /** Successes since the pace last changed. */
  #paceStreak = 0;
  /**
   * After the first 429, while no later one came: how much the next clean window raises the
   * pace (doubling), and the last pace that went a window clean. The first 429 often comes
   * early (a burst on the way there fills the server's window while this side's was not), so
   * the pace it teaches can be well under the limit; probing finds the rest in a few seconds.
   */
  #probe: { step: number; good: number } | null = null;
  /** When paced: the time the next start is due at the even spacing (epoch ms). */
  #dueAt = Number.NEGATIVE_INFINITY;
  readonly options: LimiterOptions;

  constructor(options: Partial<LimiterOptions> = {}) {
    this.options = { ...LIMITER_DEFAULTS, ...options };
    this.limit = Math.min(this.options.max, Math.max(this.options.min, this.options.initial));
  }

  /** Whether one more request may start at `now`. */
  canStart(now: number): boolean {
    if (now < this.blockedUntil || this.inFlight >= this.limit) return false;
    return this.pace === null || (this.#inWindow(now) < this.pace && now >= this.#spacedFrom());
  }

  /** The spacing of starts at the pace, ms. */
  #spacing(): number {
    return this.pace === null ? 0 : this.options.windowMs / this.pace;
  }

  /** The earliest the next start may go at the even spacing (its due time, less the slack). */
  #spacedFrom(): number {
    // Whole ms (a third of a second's spacings must add up without a float's crumb left over).
    return Math.floor(this.#dueAt - SPACING_SLACK * this.#spacing() + 1e-6);
  }

  /**
   * When the pace lets the next request start (at or after `now`): when the oldest start of
   * the window leaves it. `now` itself when the pace allows one now or there is no pace.
   */
  paceFreeAt(now: number): number {
    if (this.pace === null) return now;
    const spaced = Math.max(now, this.#spacedFrom());
    if (this.#inWindow(now) < this.pace) return spaced;
    const oldest = this.#starts[this.#starts.length - this.pace] ?? now;
    return Math.max(spaced, oldest + this.options.windowMs);
  }

  /** A request started (at `now`: counted in the pace's window and its spacing). */
  started(now?: number): void {
    this.inFlight += 1;
    if (now === undefined) return;
    this.#starts.push(now);
    if (this.pace === null) return;
    // A whole window at this pace with no 429 for it: probe higher (while probing).
    if (this.#probe && now - this.#pacedAt >= this.options.windowMs) {
      const { step } = this.#probe;
      this.#probe = { step: step * 2, good: this.pace };
      this.pace += step;
      this.#pacedAt = now;
      this.#paceStreak = 0;
    }
    this.#dueAt = Math.max(this.#dueAt, now) + this.#spacing();
  }

  /** Starts in the window ending at `now` (older ones are forgotten). */
  #inWindow(now: number): number {
    const from = now - this.options.windowMs;
    while (this.#startsHead < this.#starts.length && (this.#starts[this.#startsHead] as number) <= from)
      this.#startsHead += 1;
    if (this.#startsHead > 256) {
      this.#starts = this.#starts.slice(this.#startsHead);
      this.#startsHead = 0;
    }
    return this.#starts.length - this.#startsHead;
  }

  /** A request ended (whatever its outcome); call before succeeded/limited. */
  ended(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** A request succeeded: after `limit` successes in a row the limit grows by one. */
  succeeded(): void {
    if (this.pace !== null && ++this.#paceStreak >= this.pace * PACE_GROWTH_WINDOWS) {
      this.pace += 1;
      this.#paceStreak = 0;
    }
    this.streak += 1;
    if (this.streak >= this.limit && this.limit < this.options.max) {
      this.limit += 1;
      this.streak = 0;
    }
  }

  /**
   * A 429 at `now` of a request started at `startedAt` (when known). A per-second limit's
   * (Retry-After of at most one window) sets or lowers the pace and, once paced, holds nothing
   * else: the rate is what is limited, and halving the concurrency at each would starve the
   * pace (short answers at one or two in flight go far slower than it allows). The first one
   * halves it once (what was in flight then overshot the window). Any other 429 halves
   * the limit (not below `min`), restarts the streak, and holds every new request until
   * `retryAfterMs` (the server's Retry-After) or the default backoff has passed.
   */
  limited(now: number, retryAfterMs?: number | null, startedAt?: number): void {
    this.rateLimited += 1;
    const { windowMs, paceShare } = this.options;
    const perSecond = retryAfterMs !== undefined && retryAfterMs !== null && retryAfterMs <= windowMs;
    if (!perSecond || this.pace === null) {
      this.limit = Math.max(this.options.min, Math.floor(this.limit / 2));
      this.streak = 0;
    }
    // A 429 of a request started before the pace last changed says nothing of the new pace;
    // one started since says it is still too high. Without its start: once a window.
    const news = startedAt !== undefined ? startedAt > this.#pacedAt : now - this.#pacedAt >= windowMs;
    if (this.pace === null || news) {
      // What this side started in the window the server found full, a little under it.
      const seen = Math.max(1, Math.floor(this.#inWindow(now) * paceShare));
      // Once paced, a 429 is the jitter of the way there (or a lower limit): one less; a 429
      // of a probe goes back to the last pace that went clean, and ends probing.
      if (this.pace === null) {
        this.pace = seen;
        // Probing is for a per-second limit's pace; a longer limit's 429 held the endpoint.
        this.#probe = perSecond ? { step: 1, good: seen } : null;
      } else {
        const probed = this.#probe !== null && this.pace > this.#probe.good;
        this.pace = probed && this.#probe ? this.#probe.good : Math.max(1, this.pace - 1);
        this.#probe = null;
      }
      this.#pacedAt = now;
      this.#paceStreak = 0;
    }
    const wait =
      retryAfterMs !== undefined && retryAfterMs !== null ? retryAfterMs : this.options.defaultBackoffMs;
    // A per-second limit's Retry-After (whole seconds) is the pace's to keep; longer ones hold all.
    if (perSecond) return;
    this.blockedUntil = Math.max(this.blockedUntil, now + wait);
  }
}
