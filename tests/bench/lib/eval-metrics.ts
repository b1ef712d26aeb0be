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
