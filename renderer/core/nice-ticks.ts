/** Multipliers of a power of ten that read as round numbers on an axis. */
const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * Axis ticks from 0 up to the first round value at or above `max`, at most `maxIntervals` steps
 * apart, each step 1, 2, 2.5 or 5 × 10^k — so an axis reads $0, $5,000, $10,000, $15,000 rather
 * than $0, $3,614, $7,227 …. The last tick is the axis maximum the chart scales to.
 */
export function niceTicks(max: number, maxIntervals = 4): number[] {
  if (!Number.isFinite(max) || max <= 0 || maxIntervals < 1) return [0, 1];
  const rough = max / maxIntervals;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // The smallest round step that fits `max` in the allowed number of intervals.
  const multiplier = NICE_STEPS.find((m) => m * magnitude * maxIntervals >= max) ?? 10;
  const step = multiplier * magnitude;
  const count = Math.ceil(roundOff(max / step));
  return Array.from({ length: count + 1 }, (_, i) => roundOff(i * step));
}

/** Drops binary floating-point noise (0.30000000000000004 → 0.3) that would leak into labels. */
function roundOff(n: number): number {
  return Number(n.toPrecision(12));
}
