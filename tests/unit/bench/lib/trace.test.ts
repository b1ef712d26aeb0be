import { describe, expect, it } from 'vitest';
import { busyBetween, countOver, longestBetween, readTrace } from '../../../bench/lib/trace';

const meta = (pid: number, tid: number, name: string) => ({
  ph: 'M',
  name: 'thread_name',
  pid,
  tid,
  args: { name },
});
const task = (pid: number, tid: number, ts: number, dur: number, tdur?: number) => ({
  ph: 'X',
  name: 'RunTask',
  cat: 'disabled-by-default-devtools.timeline',
  pid,
  tid,
  ts: ts * 1000,
  dur: dur * 1000,
  ...(tdur === undefined ? {} : { tdur: tdur * 1000 }),
});

describe('reading a Chromium trace', () => {
  const trace = readTrace(
    JSON.stringify({
      traceEvents: [
        meta(1, 1, 'CrBrowserMain'),
        meta(2, 2, 'CrRendererMain'),
        meta(3, 3, 'CrRendererMain'),
        task(1, 1, 0, 500),
        task(2, 2, 100, 20),
        task(2, 2, 105, 5), // nested in the one above: not counted twice
        task(2, 2, 200, 80, 40), // half of it the thread was descheduled
        task(3, 3, 0, 1000), // another renderer (no marks): not the page under test
        { ph: 'I', name: 'bench:last', cat: 'blink.user_timing', pid: 2, tid: 2, ts: 250_000 },
      ],
    }),
  );

  it("takes the tasks of the page's main thread: the renderer thread that holds the marks", () => {
    expect(trace.tasks).toEqual([
      { start: 100, duration: 20, cpu: 20 },
      { start: 200, duration: 80, cpu: 40 },
    ]);
    expect(trace.marks.get('bench:last')).toBe(250);
  });

  it('sums CPU (or wall) time inside a window, counting tasks across an edge in proportion', () => {
    expect(busyBetween(trace.tasks, 0, 1000)).toBe(20 + 40);
    expect(busyBetween(trace.tasks, 0, 1000, true)).toBe(20 + 80);
    expect(busyBetween(trace.tasks, 110, 240)).toBe(10 + 20);
  });

  it('finds the longest task and counts the long ones in a window', () => {
    expect(longestBetween(trace.tasks, 0, 150)).toBe(20);
    expect(longestBetween(trace.tasks, 0, 1000)).toBe(80);
    expect(countOver(trace.tasks, 0, 1000, 50)).toBe(1);
  });

  it('falls back to the busiest renderer main thread when there are no marks', () => {
    const unmarked = readTrace(
      JSON.stringify([
        meta(2, 2, 'CrRendererMain'),
        meta(3, 3, 'CrRendererMain'),
        task(2, 2, 0, 5),
        task(3, 3, 0, 9),
      ]),
    );
    expect(unmarked.tasks).toEqual([{ start: 0, duration: 9, cpu: 9 }]);
  });
});
