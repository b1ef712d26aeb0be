import { describe, expect, it } from 'vitest';
import { streamRun } from '../../../bench/lib/stream-metrics';
import type { PageTrace } from '../../../bench/lib/trace';

describe("a stream's figures", () => {
  // Epoch: first token sent at 10,000, last at 11,000, on screen at 11,040. The trace clock is
  // 5,000 ms behind (the bench:last mark is at 6,040 on it).
  const trace: PageTrace = {
    marks: new Map([['bench:last', 6_040]]),
    tasks: [
      { start: 5_010, duration: 4, cpu: 4 }, // first 10 %
      { start: 5_050, duration: 4, cpu: 4 },
      { start: 5_500, duration: 60, cpu: 30 }, // a long one mid-stream, half of it descheduled
      { start: 5_950, duration: 8, cpu: 8 }, // last 10 %
      { start: 5_990, duration: 8, cpu: 8 },
      { start: 6_100, duration: 500, cpu: 500 }, // after the last token was on screen: not counted
    ],
  };
  const run = streamRun({
    trace,
    firstSentAt: 10_000,
    lastSentAt: 11_000,
    lastSeenAt: 11_040,
    frames: [10_000, 10_016, 10_032, 10_500, 10_516, 11_040],
    updates: [10_010, 10_050, 10_500, 10_950, 10_990],
  });

  it('lines the trace up with the page through the mark and sums the stream window', () => {
    expect(run.busyMs).toBe(4 + 4 + 30 + 8 + 8);
    expect(run.busyWallMs).toBe(4 + 4 + 60 + 8 + 8);
    expect(run.longestTaskMs).toBe(60);
    expect(run.tasksOver50).toBe(1);
  });

  it('compares the cost of an update early and late in the answer', () => {
    expect(run.updateFirstMs).toBe(4);
    expect(run.updateLastMs).toBe(8);
    expect(run.updateGrowth).toBe(2);
    expect(run.updates).toBe(5);
  });

  it('measures frames and the drain', () => {
    expect(run.longestFrameMs).toBe(524);
    expect(run.framesOver50).toBe(2);
    expect(run.drainMs).toBe(40);
  });
});
