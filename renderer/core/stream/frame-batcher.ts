import { isTerminalEvent, type StreamEvent } from '../../../shared/stream-events';

/*
 * Collects items (stream events) and hands them over in one batch per animation frame, so a
 * fast stream causes at most one store update — and one render — per frame however many
 * events arrive. With `minIntervalMs`, batches are at least that far apart (the first one
 * after a pause still goes at the next frame, so the first token isn't delayed), and
 * `urgent` items (a stream's end) are handed over at once. When the page is hidden,
 * animation frames stop, so a ~50 ms timer takes over; a visible page also gets a safety
 * timer in case a frame never comes.
 */

/** The clock the batcher schedules on; injectable so tests need no DOM. */
export interface FrameClock {
  requestFrame(callback: () => void): () => void;
  setTimer(callback: () => void, ms: number): () => void;
  isHidden(): boolean;
  /** Milliseconds on a monotonic clock (only needed with `minIntervalMs`). */
  now?(): number;
}

/**
 * How often a streaming answer re-renders: at most once per display frame (16 ms). The
 * privileged side sends a delta every ~24 ms, so each delta is on screen at the next frame:
 * a marker word sent → painted stays within about one coalescing interval plus one frame
 * (the benchmark's staleness). It was 50 ms, which halved the renders but added up to 50 ms
 * to every update's staleness (p95 ~100 ms); updates got cheap enough (the answer's settled
 * blocks are never re-parsed or revisited) to render each one. A burst of late deltas still
 * makes one render per frame. The first delta and the end of a stream are never held back.
 * (Both numbers together: renderer/core/stream/stream-client.ts.)
 */
export const STREAM_RENDER_INTERVAL_MS = 16;

/** Options of {@link createFrameBatcher}. */
export interface FrameBatcherOptions<T> {
  /** Minimum time between two batches (default 0: every frame). */
  minIntervalMs?: number;
  /** Items handed over at once, with everything before them (e.g. a stream's last event). */
  urgent?(item: T): boolean;
}

/** Timer used while the page is hidden. */
export const HIDDEN_FLUSH_MS = 50;
/** Safety timer while visible: a frame should come long before this. */
const SAFETY_FLUSH_MS = 250;

/** The browser's clock: requestAnimationFrame and setTimeout, `document.hidden`. */
export const browserClock: FrameClock = {
  requestFrame(callback) {
    if (typeof requestAnimationFrame !== 'function') return browserClock.setTimer(callback, 16);
    const id = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(id);
  },
  setTimer(callback, ms) {
    const id = setTimeout(callback, ms);
    return () => clearTimeout(id);
  },
  isHidden() {
    return typeof document !== 'undefined' && document.hidden;
  },
  now: () => performance.now(),
};

/** A batcher: `push` items, receive them in `flush` batches; `flushNow` for terminal moments. */
export interface FrameBatcher<T> {
  push(item: T): void;
  flushNow(): void;
}

/** Creates a batcher that calls `flush` with every item pushed since the last flush. */
export function createFrameBatcher<T>(
  flush: (items: T[]) => void,
  clock: FrameClock = browserClock,
  options: FrameBatcherOptions<T> = {},
): FrameBatcher<T> {
  const minInterval = options.minIntervalMs ?? 0;
  const now = () => clock.now?.() ?? Date.now();
  let buffer: T[] = [];
  let cancels: (() => void)[] = [];
  let lastFlush = Number.NEGATIVE_INFINITY;

  const flushNow = () => {
    for (const cancel of cancels) cancel();
    cancels = [];
    if (buffer.length === 0) return;
    const items = buffer;
    buffer = [];
    if (minInterval > 0) lastFlush = now();
    flush(items);
  };

  const atNextFrame = () => {
    cancels = [clock.requestFrame(flushNow), clock.setTimer(flushNow, SAFETY_FLUSH_MS)];
  };

  const schedule = () => {
    if (cancels.length > 0) return;
    if (clock.isHidden()) {
      cancels = [clock.setTimer(flushNow, HIDDEN_FLUSH_MS)];
      return;
    }
    const wait = minInterval > 0 ? lastFlush + minInterval - now() : 0;
    // Too soon after the last batch: wait out the interval, then take the next frame.
    if (wait > 0) cancels = [clock.setTimer(atNextFrame, wait)];
    else atNextFrame();
  };

  return {
    push(item) {
      buffer.push(item);
      if (options.urgent?.(item)) flushNow();
      else schedule();
    },
    flushNow,
  };
}

/** How stream events are batched for the renderer (the stream client's one policy): see {@link STREAM_RENDER_INTERVAL_MS}. */
export const STREAM_BATCHING: FrameBatcherOptions<StreamEvent> = {
  minIntervalMs: STREAM_RENDER_INTERVAL_MS,
  // A stream's last event goes at once, so drain and Stop never wait for a batch.
  urgent: isTerminalEvent,
};
