/**
 * Seeded randomness for the demo generators. Two streams drive every choice: a *base*
 * stream seeded from the request (so temperature 0 is reproducible) and a *noise* stream
 * seeded from a random source. Temperature, top_p and top_k decide how often the noise
 * stream may override the base stream's "greedy" pick and how wide it may reach.
 */

/** 32-bit string hash (cyrb-style mix), stable across runs and platforms. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** Mulberry32: a tiny, fast PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The sampling parameters that shape variation. */
export interface SamplingKnobs {
  temperature: number;
  topP: number;
  topK?: number;
}

/**
 * Probability that a single choice deviates from the greedy pick. 0 at temperature 0, rising
 * with temperature (≈0.5 at 0.7, ≈0.9 at 1.4, 1 at 1.6+), scaled down by top_p.
 */
export function deviationProbability(knobs: SamplingKnobs): number {
  if (knobs.temperature <= 0) return 0;
  const heat = Math.min(1, knobs.temperature / 1.6) ** 0.8;
  return heat * Math.max(0, Math.min(1, knobs.topP));
}

/** Makes seeded picks for one generated choice. */
export class Sampler {
  private readonly base: () => number;
  private readonly noise: () => number;
  private readonly deviation: number;
  private readonly width: number;

  constructor(baseSeed: number, knobs: SamplingKnobs, noiseSeed = Math.floor(Math.random() * 2 ** 32)) {
    this.base = mulberry32(baseSeed);
    this.noise = mulberry32(noiseSeed);
    this.deviation = deviationProbability(knobs);
    // top_k limits how many alternatives the noise may reach (1 = greedy only).
    this.width = knobs.topK === undefined ? Number.POSITIVE_INFINITY : Math.max(1, knobs.topK);
  }

  /** Picks an index in [0, count): the greedy index unless the noise deviates. */
  index(count: number): number {
    if (count <= 1) return 0;
    const greedy = Math.floor(this.base() * count);
    const roll = this.noise();
    const reach = Math.min(count, this.width);
    if (reach <= 1 || roll >= this.deviation) return greedy;
    const offset = 1 + Math.floor(this.noise() * (reach - 1));
    return (greedy + offset) % count;
  }

  /** Picks one element of a non-empty list. */
  pick<T>(options: readonly T[]): T {
    return options[this.index(options.length)] as T;
  }

  /** An integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + this.index(max - min + 1);
  }

  /** Shuffled copy of a list (each position a sampled pick). */
  shuffle<T>(items: readonly T[]): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (pool.length > 0) out.push(pool.splice(this.index(pool.length), 1)[0] as T);
    return out;
  }
}
