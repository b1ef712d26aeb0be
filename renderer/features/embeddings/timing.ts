/*
 * User Timing measures around a comparison, so that a benchmark (or the Performance panel)
 * reads the app's own numbers instead of guessing from the DOM:
 *   `embeddings:similarity`: from every model's vectors being in to the analysis (matrices,
 *     ranks, agreement) being back on the main thread;
 *   `embeddings:run`: from the run starting (the Embed click) to the results rendered.
 */

/** The measure from vectors in to the analysis done. */
export const SIMILARITY_MEASURE = 'embeddings:similarity';
/** The measure from the run starting to the results rendered. */
export const RUN_MEASURE = 'embeddings:run';

/** Now on the page's clock (the one User Timing uses). */
export const now = (): number => performance.now();

/** Records one measure; a no-op where User Timing is missing (some test environments). */
export function measureSpan(name: string, start: number, end: number, detail?: unknown): void {
  try {
    performance.measure(name, { start, end, detail });
  } catch {
    // Timing is a diagnostic: never let it break a comparison.
  }
}

const measured = new WeakSet<object>();

/** Ends `embeddings:run` for `run` once (React may run an effect twice in development). */
export function measureRunRendered(run: { startedAt: number }, detail?: unknown): void {
  if (measured.has(run)) return;
  measured.add(run);
  measureSpan(RUN_MEASURE, run.startedAt, now(), detail);
}

/** `scheduler.yield` where the page has it (Chromium 129+); not yet in TS's DOM lib. */
type WithYield = { scheduler?: { yield?: () => Promise<void> } };

/**
 * Lets the page run what is waiting (input, a frame) before going on: the rest of the caller
 * runs in a task of its own instead of lengthening the current one. `scheduler.yield` keeps
 * the caller's place ahead of other tasks; `setTimeout(0)` where it is missing.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as WithYield).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
