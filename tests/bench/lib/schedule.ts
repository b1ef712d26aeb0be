import { mulberry32 as prng } from '../../../electron/demo-workspace/sampler';
import { tokenize } from '../../../electron/demo-workspace/tokenizer';
import { DEFAULT_COALESCE_MS } from '../../../electron/services/streams/stream-emitter';

/** One stream event as a client receives it: when (ms after the first) and the new text. */
export interface FeedEvent {
  t: number;
  text: string;
}

/**
 * The events the app's renderer receives for `text` streamed at `tokensPerSec`: the demo
 * sends one token per SSE chunk at that pace, and the app's stream emitter sends the first
 * delta at once and then coalesces the rest every DEFAULT_COALESCE_MS. The peers in scenario 1
 * are fed exactly these events at exactly these times, so every renderer gets the same work.
 */
export function coalescedSchedule(
  text: string,
  tokensPerSec: number,
  intervalMs = DEFAULT_COALESCE_MS,
): FeedEvent[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const events: FeedEvent[] = [{ t: 0, text: tokens[0] as string }];
  const msPerToken = 1000 / tokensPerSec;
  let next = 1;
  for (let t = intervalMs; next < tokens.length; t += intervalMs) {
    // Tokens whose send time (i × msPerToken after the first) is at or before this flush.
    const due = Math.min(tokens.length, Math.floor(t / msPerToken) + 1);
    if (due > next) {
      events.push({ t, text: tokens.slice(next, due).join('') });
      next = due;
    }
  }
  // The stream's end flushes at once: the last event goes out with the last token.
  const last = events.at(-1) as FeedEvent;
  last.t = Math.max(events.at(-2)?.t ?? 0, (tokens.length - 1) * msPerToken);
  return events;
}

declare global {
  interface Window {
    /** The peer page's feed (tests/bench/page): resolves with the epoch time the last event was due. */
    __benchFeed(events: FeedEvent[]): Promise<number>;
    /** The peer page's reset: empties the answer (a new message); resolves once painted. */
    __benchReset(): Promise<void>;
  }
}

/** `items` in a random order drawn from `seed` (Fisher–Yates): the same seed, the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  // Consecutive seeds give correlated first draws: mix the seed first (murmur3's finaliser).
  let h = (seed + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  const rand = prng(h ^ (h >>> 16));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
