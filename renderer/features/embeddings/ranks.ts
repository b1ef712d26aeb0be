/*
 * Average ranks (ties share the mean of the ranks they span), the step Spearman's rho and the
 * disagreement percentiles need over every pair of texts: 124,750 values at 500 texts.
 * Written by hand: no library ranks typed arrays without a comparator per element.
 */

/** First position in sorted `xs` whose value is >= v (or > v when `after`). */
function bound(xs: Float64Array, v: number, after: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = xs[mid] as number;
    if (x < v || (after && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Any numbers: a native sort of a copy, then two binary searches per value. */
function averageRanksBySearch(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    ranks[k] = (bound(sorted, v, false) + bound(sorted, v, true) - 1) / 2 + 1;
  }
  return ranks;
}

/** Bits per radix pass: three passes of 11 bits cover a 32-bit key. */
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const MASK = RADIX - 1;
const PASSES = 3;

/**
 * Float32 values (the pairs of a similarity matrix): each value becomes an unsigned 32-bit
 * key in the same order (IEEE bits, negatives reversed under the sign bit, -0 as +0), the
 * keys are radix-sorted with their positions (three counting passes of 11 bits, no
 * comparisons; all three histograms counted in the one pass that makes the keys, the first
 * pass's positions being 0..n-1), then one walk over runs of equal keys gives each run its
 * average rank. About 50 ms for the 2 million pairs of 2,000 texts, where a sort plus a
 * binary search per value took several times that.
 */
function averageRanksByKeys(values: Float32Array): Float64Array {
  const n = values.length;
  const floats = Float32Array.from(values);
  let keys = new Uint32Array(floats.buffer);
  const starts = new Uint32Array(RADIX * PASSES);
  for (let p = 0; p < n; p++) {
    // -0 and +0 are equal values, so they must get the same key: +0's.
    const b = floats[p] === 0 ? 0 : (keys[p] as number);
    const key = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    keys[p] = key;
    starts[key & MASK] = (starts[key & MASK] as number) + 1;
    const mid = RADIX + ((key >>> RADIX_BITS) & MASK);
    starts[mid] = (starts[mid] as number) + 1;
    const high = 2 * RADIX + ((key >>> (2 * RADIX_BITS)) & MASK);
    starts[high] = (starts[high] as number) + 1;
  }
  for (let q = 0; q < PASSES; q++) {
    let sum = 0;
    for (let b = q * RADIX; b < (q + 1) * RADIX; b++) {
      const count = starts[b] as number;
      starts[b] = sum;
      sum += count;
    }
  }
  let order = new Uint32Array(n);
  let keysOut = new Uint32Array(n);
  let orderOut = new Uint32Array(n);
  for (let q = 0; q < PASSES; q++) {
    const shift = q * RADIX_BITS;
    const base = q * RADIX;
    for (let p = 0; p < n; p++) {
      const key = keys[p] as number;
      const slot = base + ((key >>> shift) & MASK);
      const at = starts[slot] as number;
      starts[slot] = at + 1;
      keysOut[at] = key;
      orderOut[at] = q === 0 ? p : (order[p] as number);
    }
    [keys, keysOut] = [keysOut, keys];
    [order, orderOut] = [orderOut, order];
  }
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const key = keys[start] as number;
    let end = start + 1;
    while (end < n && keys[end] === key) end++;
    // Positions start..end-1 hold equal values: ranks start+1..end, averaged.
    const rank = (start + end + 1) / 2;
    for (let p = start; p < end; p++) ranks[order[p] as number] = rank;
    start = end;
  }
  return ranks;
}

/**
 * 1-based ranks in ascending order of value, ties sharing the average of the ranks they
 * span (the convention Spearman's rho needs to stay exact with ties).
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  return values instanceof Float32Array ? averageRanksByKeys(values) : averageRanksBySearch(values);
}
