import { tokenize } from '../../../electron/demo-workspace/tokenizer';
import { frameGaps } from './probes';
import type { FeedEvent } from './schedule';
import { percentile } from './stats';
import { busyBetween, countOver, longestBetween, type PageTrace, type Task } from './trace';

/** What one streamed answer cost the page's main thread, and how fresh its text was. */
export interface StreamRun {
  /**
   * Main-thread CPU time from the first token sent until the main thread is idle after the
   * last token is on screen (see {@link idleAfter}), ms.
   */
  busyMs: number;
  /** The same in wall time (tasks' durations; grows when the machine is loaded). */
  busyWallMs: number;
  /** The CPU window's length: first token sent → main thread idle, ms. */
  windowMs: number;
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
  /** DOM updates per second of streaming (first token sent → last token on screen). */
  updatesPerSec: number;
  /** Staleness: a marker word sent → painted on screen, ms (p50, p95, max over the markers). */
  staleP50Ms: number;
  staleP95Ms: number;
  staleMaxMs: number;
  /** Markers seen on screen / markers in the answer (1 when every one was painted). */
  markersSeen: number;
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
  /** Each marker's send time (epoch ms), in answer order. */
  markersSent?: Record<string, number>;
  /** Each marker's first paint (epoch ms); missing markers were never seen. */
  markersPainted?: Record<string, number>;
}

/** A task shorter than this doesn't break "idle" (timers, the probes' frame loop). */
export const IDLE_TASK_MS = 3;
/** "Idle" means this long with no task of IDLE_TASK_MS or more. */
export const IDLE_QUIET_MS = 100;

/**
 * The first moment at or after `from` that starts `quietMs` with no task of `minTaskMs` or
 * more on the main thread: the end of the last such task that overlaps the window, repeated
 * until a window is clear. Times are in the tasks' clock.
 */
export function idleAfter(
  tasks: readonly Task[],
  from: number,
  quietMs = IDLE_QUIET_MS,
  minTaskMs = IDLE_TASK_MS,
): number {
  const long = tasks.filter((t) => t.duration >= minTaskMs).sort((a, b) => a.start - b.start);
  let at = from;
  for (const t of long) {
    const end = t.start + t.duration;
    if (end <= at) continue;
    if (t.start >= at + quietMs) break;
    at = end;
  }
  return at;
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
  const idleAt = idleAfter(tasks, o.lastSeenAt + offset) - offset;
  const duration = o.lastSentAt - o.firstSentAt;
  const tenth = duration / 10;
  const perUpdate = (from: number, to: number) => busy(from, to) / Math.max(1, countIn(o.updates, from, to));
  const updateFirstMs = perUpdate(o.firstSentAt, o.firstSentAt + tenth);
  const updateLastMs = perUpdate(o.lastSentAt - tenth, o.lastSentAt);
  const gaps = frameGaps(o.frames.filter((t) => t >= o.firstSentAt && t <= idleAt + 20));
  const updates = countIn(o.updates, o.firstSentAt, o.lastSeenAt + 1);
  const stale = staleness(o.markersSent ?? {}, o.markersPainted ?? {});
  return {
    busyMs: busy(o.firstSentAt, idleAt),
    busyWallMs: busy(o.firstSentAt, idleAt, true),
    windowMs: idleAt - o.firstSentAt,
    longestTaskMs: longestBetween(tasks, o.firstSentAt + offset, idleAt + offset),
    tasksOver50: countOver(tasks, o.firstSentAt + offset, idleAt + offset, 50),
    longestFrameMs: gaps.length > 0 ? Math.max(...gaps) : Number.NaN,
    framesOver50: gaps.filter((g) => g > 50).length,
    updateFirstMs,
    updateLastMs,
    updateGrowth: updateLastMs / updateFirstMs,
    drainMs: o.lastSeenAt - o.lastSentAt,
    updates,
    updatesPerSec: updates / Math.max(1e-9, (o.lastSeenAt - o.firstSentAt) / 1000),
    staleP50Ms: percentile(stale.values, 50),
    staleP95Ms: percentile(stale.values, 95),
    staleMaxMs: stale.values.length > 0 ? Math.max(...stale.values) : Number.NaN,
    markersSeen: stale.total === 0 ? Number.NaN : stale.values.length / stale.total,
  };
}

/** Each marker's sent → painted time, ms (markers never painted are left out and counted). */
export function staleness(
  sent: Record<string, number>,
  painted: Record<string, number>,
): { values: number[]; total: number } {
  const names = Object.keys(sent);
  const values = names.flatMap((name) => {
    const at = painted[name];
    return at === undefined ? [] : [at - (sent[name] as number)];
  });
  return { values, total: names.length };
}

/* Markers: unique one-token words put in the answer's prose, so a probe can tell when each
 * part of the answer is first on screen. */

/** A marker is this prefix and two letters: one token (≤ 8 letters), never in the answer otherwise. */
export const MARKER_PREFIX = 'Qzx';
/** The markers' pattern, for the page's probe. */
export const MARKER_PATTERN = `${MARKER_PREFIX}[a-z]{2}`;

const markerName = (n: number) =>
  `${MARKER_PREFIX}${String.fromCharCode(97 + (Math.floor(n / 26) % 26))}${String.fromCharCode(97 + (n % 26))}`;

/**
 * `answer` with a marker word at the end of each prose paragraph and of each list's last item
 * (at least `everyBytes` bytes apart; never inside code, tables or headings, where a renderer
 * may split or restyle the word).
 */
export function withMarkers(answer: string, everyBytes = 0): { text: string; markers: string[] } {
  const blocks = answer.split('\n\n');
  const markers: string[] = [];
  let since = 0;
  let inFence = false;
  const out = blocks.map((block) => {
    since += block.length + 2;
    const fences = (block.match(/^```/gm) ?? []).length;
    const wasInFence = inFence;
    if (fences % 2 === 1) inFence = !inFence;
    const prose = !wasInFence && fences === 0 && /^([A-Z]|\d+\. |- )/.test(block) && /[.]$/.test(block);
    if (!prose || since < everyBytes || markers.length >= 676) return block;
    since = 0;
    const name = markerName(markers.length);
    markers.push(name);
    return `${block} ${name}`;
  });
  return { text: out.join('\n\n'), markers };
}

/** Each marker's token index in `text` (as the demo streams it, one token per step). */
export function markerTokens(text: string, markers: readonly string[]): Record<string, number> {
  const wanted = new Set(markers);
  const found: Record<string, number> = {};
  tokenize(text).forEach((token, i) => {
    const word = token.trim();
    if (wanted.has(word)) found[word] = i;
  });
  return found;
}

/**
 * When token `index` left the demo, from a stream trace's send log (flattened pairs of
 * [tokens written so far, epoch ms]): the first write whose count is above the index.
 */
export function sentAtFromLog(sends: readonly number[], index: number): number {
  for (let i = 0; i + 1 < sends.length; i += 2)
    if ((sends[i] as number) > index) return sends[i + 1] as number;
  return Number.NaN;
}

/** Each marker's due time in a feed (ms after the feed's start): the event that carries it. */
export function markerFeedTimes(
  events: readonly FeedEvent[],
  markers: readonly string[],
): Record<string, number> {
  const times: Record<string, number> = {};
  let text = '';
  let next = 0;
  for (const event of events) {
    // A marker can straddle two events: look from a little before this event's text.
    const from = Math.max(0, text.length - 8);
    text += event.text;
    while (next < markers.length && text.indexOf(markers[next] as string, from) !== -1) {
      times[markers[next] as string] = event.t;
      next += 1;
    }
  }
  return times;
}
