/** Median and spread of repeated measurements. */

/** A figure measured over several runs. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order. */
  runs: number[];
}

/** The p-th percentile (0–100) by linear interpolation; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

/** Summarises runs: median, min, max (NaN runs are dropped; all NaN gives NaN). */
export function summarize(values: readonly number[]): Summary {
  const runs = values.filter((v) => Number.isFinite(v));
  if (runs.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: [...values] };
  return { median: percentile(runs, 50), min: Math.min(...runs), max: Math.max(...runs), runs: [...values] };
}

/** Rounds for reporting: 2 decimals under 100 (so 16.01 isn't shown as 16), whole numbers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) < 100 ? Math.round(value * 100) / 100 : Math.round(value);
}
