import type { Task } from './trace';

/**
 * "Interactive" from a trace: after a click, the later of the moment the awaited content was
 * painted and the end of the last main-thread task over `longMs` — provided the trace then
 * shows `quietMs` with no such task before it ends (otherwise the page was not yet quiet).
 * All times in trace ms.
 */
export function interactiveAt(
  tasks: readonly Task[],
  click: number,
  paintedAt: number,
  traceEnd: number,
  longMs = 50,
  quietMs = 1_000,
): { stopAt: number; quietObserved: boolean; longTasks: number; longestTaskMs: number } {
  const after = tasks.filter((t) => t.start + t.duration > click && t.start < traceEnd);
  const long = after.filter((t) => t.duration > longMs);
  // The clock stops at the paint or at the end of the last long task, whichever is later.
  let stopAt = paintedAt;
  for (const t of long) stopAt = Math.max(stopAt, t.start + t.duration);
  return {
    stopAt,
    quietObserved: traceEnd - stopAt >= quietMs,
    longTasks: long.length,
    longestTaskMs: after.reduce((max, t) => Math.max(max, t.duration), 0),
  };
}
