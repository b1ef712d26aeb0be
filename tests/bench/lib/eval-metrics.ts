/**
 * The Evaluate rows' arithmetic: the dataset the scenario imports, the bound a rate-limited
 * local run is held to, shares and counts.
 */

/** A CSV of `n` rows: country, expected (Paris on even rows, Rome on odd), as the e2e tests use. */
export function evalCsv(n: number): string {
  const lines = ['country,expected'];
  for (let i = 0; i < n; i += 1) lines.push(i % 2 === 0 ? `France ${i},Paris` : `"Italy, ${i}",Rome`);
  return `${lines.join('\n')}\n`;
}

/**
 * The fastest a run of `rows` requests can finish under a queries-per-second limit, in ms:
 * rows ÷ allowed rate. (A client could squeeze one window's worth more at the start of a
 * sliding window, so this bound is a little generous to the limit, never to the app.)
 */
export function rateBoundMs(rows: number, queriesPerSecond: number): number {
  if (!(queriesPerSecond > 0)) throw new Error(`the allowed rate must be positive, not ${queriesPerSecond}`);
  return (rows / queriesPerSecond) * 1_000;
}

/** `part` of `total` as a percentage (0 when there is nothing). */
export function sharePercent(part: number, total: number): number {
  return total > 0 ? (part / total) * 100 : 0;
}

/** How many values are above `limit`. */
export function countOver(values: readonly number[], limit: number): number {
  let n = 0;
  for (const v of values) if (v > limit) n += 1;
  return n;
}

/** What the run panel says of an endpoint while it runs: its concurrency, pace and 429s. */
export interface LimitsReading {
  limit: number;
  /** Starts a second (null: not paced yet). */
  pace: number | null;
  rateLimited: number;
  inFlight: number | null;
}

/**
 * Reads the run panel's limits line ("ep: 16 at a time, 48 a second, 3× rate-limited") and the
 * progress line's "N in flight", for the first endpoint; null when the line says none.
 */
export function readLimits(limitsText: string, progressText = ''): LimitsReading | null {
  const m = /:\s*(\d+) at a time(?:, (\d+) a second)?(?:, (\d+)× rate-limited)?/.exec(limitsText);
  if (!m) return null;
  const flight = /(\d+) in flight/.exec(progressText);
  return {
    limit: Number(m[1]),
    pace: m[2] === undefined ? null : Number(m[2]),
    rateLimited: m[3] === undefined ? 0 : Number(m[3]),
    inFlight: flight ? Number(flight[1]) : null,
  };
}
