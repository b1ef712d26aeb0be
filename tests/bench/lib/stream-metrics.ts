import { frameGaps } from './probes';
import { busyBetween, countOver, longestBetween, type PageTrace } from './trace';

/** What one streamed answer cost the page's main thread. */
export interface StreamRun {
  /** Main-thread CPU time from the first token sent to the last token on screen, ms. */
  busyMs: number;
  /** The same in wall time (tasks' durations; grows when the machine is loaded). */
  busyWallMs: number;
  longestTaskMs: number;
  tasksOver50: number;
  longestFrameMs: number;
  framesOver50: number;
  /** Main-thread CPU ms per DOM update in the first and the last 10 % of the stream. */
  updateFirstMs: number;
  updateLastMs: number;
  /** updateLastMs / updateFirstMs: 1 is flat. */
  updateGrowth: number;
  /** The last token sent → on screen, ms. */
  drainMs: number;
  /** DOM updates (mutation batches) during the stream. */
  updates: number;
}

/** Timings of one stream, epoch ms, and what the page recorded. */
export interface StreamObservation {
  trace: PageTrace;
  /** When the first token was sent. */
  firstSentAt: number;
  /** When the last token was sent. */
  lastSentAt: number;
  /** When the last token was on screen (the probe's `bench:last` mark). */
  lastSeenAt: number;
  frames: number[];
  updates: number[];
}

const countIn = (times: readonly number[], from: number, to: number) =>
  times.filter((t) => t >= from && t < to).length;

/** Computes a stream's figures; trace times are lined up through the `bench:last` mark. */
export function streamRun(o: StreamObservation): StreamRun {
  const mark = o.trace.marks.get('bench:last');
  if (mark === undefined) throw new Error('the trace has no bench:last mark');
  const offset = mark - o.lastSeenAt;
  const tasks = o.trace.tasks;
  const busy = (from: number, to: number, wall = false) =>
    busyBetween(tasks, from + offset, to + offset, wall);
  const duration = o.lastSentAt - o.firstSentAt;
  const tenth = duration / 10;
  const perUpdate = (from: number, to: number) => busy(from, to) / Math.max(1, countIn(o.updates, from, to));
  const updateFirstMs = perUpdate(o.firstSentAt, o.firstSentAt + tenth);
  const updateLastMs = perUpdate(o.lastSentAt - tenth, o.lastSentAt);
  const gaps = frameGaps(o.frames.filter((t) => t >= o.firstSentAt && t <= o.lastSeenAt + 20));
  return {
    busyMs: busy(o.firstSentAt, o.lastSeenAt),
    busyWallMs: busy(o.firstSentAt, o.lastSeenAt, true),
    longestTaskMs: longestBetween(tasks, o.firstSentAt + offset, o.lastSeenAt + offset),
    tasksOver50: countOver(tasks, o.firstSentAt + offset, o.lastSeenAt + offset, 50),
    longestFrameMs: gaps.length > 0 ? Math.max(...gaps) : Number.NaN,
    framesOver50: gaps.filter((g) => g > 50).length,
    updateFirstMs,
    updateLastMs,
    updateGrowth: updateLastMs / updateFirstMs,
    drainMs: o.lastSeenAt - o.lastSentAt,
    updates: countIn(o.updates, o.firstSentAt, o.lastSeenAt + 1),
  };
}
