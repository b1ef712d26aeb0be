/**
 * Reads a Chromium trace (Playwright's `browser.startTracing`) for what the benchmark needs:
 * every top-level task on the page's main thread, and the User Timing marks the probes left,
 * which line the trace's clock up with the page's.
 */

/**
 * One main-thread task, in trace milliseconds. `duration` is wall time (what a user waits);
 * `cpu` is the thread's own time in it, which stays the same when a loaded machine
 * deschedules the thread mid-task (then wall time can be twice the work).
 */
export interface Task {
  start: number;
  duration: number;
  cpu: number;
}

/** What a trace holds for the page under test. */
export interface PageTrace {
  tasks: Task[];
  /** User Timing marks by name (the latest of each), in trace milliseconds. */
  marks: Map<string, number>;
}

/** The trace categories the benchmark records. */
export const TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

interface TraceEvent {
  name?: string;
  cat?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Parses a trace; the page's main thread is the renderer main thread that holds the marks. */
export function readTrace(buffer: Buffer | string): PageTrace {
  const parsed = JSON.parse(buffer.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mains.add(`${e.pid}:${e.tid}`);
  const marks = new Map<string, number>();
  let markThread: string | null = null;
  for (const e of events) {
    if (!e.cat?.includes('blink.user_timing') || e.ts === undefined || !e.name) continue;
    marks.set(e.name, e.ts / 1000);
    markThread ??= `${e.pid}:${e.tid}`;
  }
  const busy = new Map<string, Task[]>();
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.ts === undefined || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    const list = busy.get(key) ?? [];
    list.push({ start: e.ts / 1000, duration: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 });
    busy.set(key, list);
  }
  const chosen = markThread && busy.has(markThread) ? markThread : busiest(busy);
  const tasks = topLevel(busy.get(chosen ?? '') ?? []);
  return { tasks, marks };
}

function busiest(byThread: Map<string, Task[]>): string | null {
  let best: string | null = null;
  let most = -1;
  for (const [key, tasks] of byThread) {
    const total = tasks.reduce((sum, t) => sum + t.duration, 0);
    if (total > most) [best, most] = [key, total];
  }
  return best;
}

/** Drops tasks nested inside another (nested run loops), so time is never counted twice. */
function topLevel(tasks: Task[]): Task[] {
  const sorted = [...tasks].sort((a, b) => a.start - b.start);
  const out: Task[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const task of sorted) {
    if (task.start + task.duration <= end) continue;
    out.push(task);
    end = task.start + task.duration;
  }
  return out;
}

/**
 * Main-thread busy milliseconds inside [from, to]: the tasks' CPU time (or wall time with
 * `wall`), a task crossing an edge counting in proportion.
 */
export function busyBetween(tasks: readonly Task[], from: number, to: number, wall = false): number {
  let total = 0;
  for (const t of tasks) {
    const overlap = Math.min(to, t.start + t.duration) - Math.max(from, t.start);
    if (overlap <= 0) continue;
    const share = t.duration > 0 ? overlap / t.duration : 1;
    total += (wall ? t.duration : t.cpu) * share;
  }
  return total;
}

/** The longest task that overlaps [from, to], in ms (0 when none). */
export function longestBetween(tasks: readonly Task[], from: number, to: number): number {
  let longest = 0;
  for (const t of tasks)
    if (t.start < to && t.start + t.duration > from) longest = Math.max(longest, t.duration);
  return longest;
}

/** Tasks over `limitMs` that overlap [from, to]. */
export function countOver(tasks: readonly Task[], from: number, to: number, limitMs: number): number {
  return tasks.filter((t) => t.start < to && t.start + t.duration > from && t.duration > limitMs).length;
}
