import type { CompletionRunRecord } from '../../db/records';
import type { SaverTimers } from '../chat/chat-saver';

/*
 * Saves a streaming run without writing IndexedDB on every frame: the latest version is
 * kept and written at most once per interval, and at once on `flush` (every terminal
 * event). A reload mid-stream loses at most one interval of text. The chat's message saver
 * does the same for messages; this one holds a single run, which is all a pane streams.
 */

/** Default: at most two writes per second while streaming. */
export const RUN_SAVE_INTERVAL_MS = 500;

/** A throttled writer of runs. */
export interface RunSaver {
  save(run: CompletionRunRecord): void;
  /** Writes what is queued now; resolves when written. */
  flush(): Promise<void>;
}

const realTimers: SaverTimers = {
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Creates a saver writing through `write` (the repo's put). */
export function createRunSaver(
  write: (run: CompletionRunRecord) => Promise<unknown>,
  intervalMs = RUN_SAVE_INTERVAL_MS,
  timers: SaverTimers = realTimers,
  onError: (cause: unknown) => void = (cause) => console.error('Saving the completion run failed', cause),
): RunSaver {
  let queued = new Map<string, CompletionRunRecord>();
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
    // Chained so an older version can never land after a newer one.
    writing = writing
      .then(async () => {
        for (const run of batch) await write(run);
      })
      .then(
        () => undefined,
        (cause: unknown) => onError(cause),
      );
    return writing;
  };

  return {
    save(run) {
      queued.set(run.id, run);
      if (timer !== null) return;
      const wait = Math.max(0, lastWrite + intervalMs - timers.now());
      timer = timers.setTimeout(() => void flush(), wait);
    },
    flush,
  };
}
