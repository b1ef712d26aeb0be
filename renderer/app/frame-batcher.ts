/*
 * Collects items (stream events) and hands them over in one batch per animation frame, so a
 * fast stream causes at most one store update — and one render — per frame however many
 * events arrive. When the page is hidden, animation frames stop, so a ~50 ms timer takes
 * over; a visible page also gets a safety timer in case a frame never comes.
 */

/** The clock the batcher schedules on; injectable so tests need no DOM. */
export interface FrameClock {
  requestFrame(callback: () => void): () => void;
  setTimer(callback: () => void, ms: number): () => void;
  isHidden(): boolean;
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
): FrameBatcher<T> {
  let buffer: T[] = [];
  let cancels: (() => void)[] = [];

  const flushNow = () => {
    for (const cancel of cancels) cancel();
    cancels = [];
    if (buffer.length === 0) return;
    const items = buffer;
    buffer = [];
    flush(items);
  };

  const schedule = () => {
    if (cancels.length > 0) return;
    if (clock.isHidden()) {
      cancels = [clock.setTimer(flushNow, HIDDEN_FLUSH_MS)];
    } else {
      cancels = [clock.requestFrame(flushNow), clock.setTimer(flushNow, SAFETY_FLUSH_MS)];
    }
  };

  return {
    push(item) {
      buffer.push(item);
      schedule();
    },
    flushNow,
  };
}
