/*
 * Saves growing records (a streaming answer, a completion run) without writing IndexedDB on
 * every frame: the latest version of each changed record is kept and written at most once
 * per interval, and at once on `flush` (every terminal event). A reload mid-stream therefore
 * loses at most one interval of text. The chat and the completion pane share it.
 */

/** Timer functions, injectable so tests control time. */
export interface SaverTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: SaverTimers = {
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Default: at most two writes per second while streaming. */
export const SAVE_INTERVAL_MS = 500;

/** A throttled writer of records keyed by id. */
export interface ThrottledSaver<T extends { id: string }> {
  /** Queues the record's latest version. */
  save(record: T): void;
  /** Writes everything queued now; resolves when written. */
  flush(): Promise<void>;
}

/** Creates a saver writing each batch through `write` (e.g. the repo's putMessages). */
export function createThrottledSaver<T extends { id: string }>(
  write: (records: T[]) => Promise<unknown>,
  intervalMs = SAVE_INTERVAL_MS,
  timers: SaverTimers = realTimers,
  onError: (cause: unknown) => void = (cause) => console.error('Saving failed', cause),
): ThrottledSaver<T> {
  let queued = new Map<string, T>();
  let timer: unknown = null;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (queued.size === 0) return writing;
    const batch = [...queued.values()];
    queued = new Map();
    lastWrite = timers.now();
    // Writes are chained so an older version can never land after a newer one.
    writing = writing
      .then(() => write(batch))
      .then(
        () => undefined,
        (cause: unknown) => onError(cause),
      );
    return writing;
  };

  return {
    save(record) {
      queued.set(record.id, record);
      if (timer !== null) return;
      const wait = Math.max(0, lastWrite + intervalMs - timers.now());
      timer = timers.setTimeout(() => void flush(), wait);
    },
    flush,
  };
}
