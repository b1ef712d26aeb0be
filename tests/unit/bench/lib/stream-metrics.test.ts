import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../electron/demo-workspace/tokenizer';
import {
  idleAfter,
  MARKER_PATTERN,
  markerFeedTimes,
  markerTokens,
  sentAtFromLog,
  staleness,
  streamRun,
  withMarkers,
} from '../../../bench/lib/stream-metrics';
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
      { start: 6_060, duration: 20, cpu: 20 }, // after the last token, before idle: counted
      { start: 6_200, duration: 2, cpu: 2 }, // too short to break the quiet: idle from 6,080
      { start: 6_300, duration: 500, cpu: 500 }, // after 100 ms of quiet: not counted
    ],
  };
  const run = streamRun({
    trace,
    firstSentAt: 10_000,
    lastSentAt: 11_000,
    lastSeenAt: 11_040,
    frames: [10_000, 10_016, 10_032, 10_500, 10_516, 11_040],
    updates: [10_010, 10_050, 10_500, 10_950, 10_990],
    markersSent: { Qzxaa: 10_100, Qzxab: 10_500, Qzxac: 10_900 },
    markersPainted: { Qzxaa: 10_120, Qzxab: 10_560 },
  });

  it('lines the trace up with the page and sums until the main thread is idle after the last token', () => {
    expect(run.busyMs).toBe(4 + 4 + 30 + 8 + 8 + 20);
    expect(run.busyWallMs).toBe(4 + 4 + 60 + 8 + 8 + 20);
    expect(run.windowMs).toBe(1_080);
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
    expect(run.updatesPerSec).toBeCloseTo(5 / 1.04);
  });

  it('measures staleness from the markers sent and painted, counting those never seen', () => {
    expect(run.staleP50Ms).toBe(40);
    expect(run.staleMaxMs).toBe(60);
    expect(run.staleP95Ms).toBeCloseTo(58);
    expect(run.markersSeen).toBeCloseTo(2 / 3);
    expect(staleness({ a: 1 }, {})).toEqual({ values: [], total: 1 });
  });
});

describe('idle after the last token', () => {
  const task = (start: number, duration: number) => ({ start, duration, cpu: duration });

  it('waits for a quiet window with no task of a few ms', () => {
    expect(idleAfter([], 1_000)).toBe(1_000);
    expect(idleAfter([task(1_010, 10), task(1_050, 2), task(1_100, 30)], 1_000)).toBe(1_130);
    // A task that started before `from` and runs past it delays the idle moment too.
    expect(idleAfter([task(990, 20)], 1_000)).toBe(1_010);
    // Past a full quiet window, later work is not this stream's.
    expect(idleAfter([task(1_200, 50)], 1_000)).toBe(1_000);
  });
});

describe('markers', () => {
  const answer = [
    'Intro paragraph that is plain prose.',
    '```ts\nconst x = 1;\n\nconst y = 2.\n```',
    'Second paragraph of prose.',
    '| a |\n| --- |',
    '1. **Step 1:** a list item.\n   - nested item.',
    'Third paragraph of prose.',
  ].join('\n\n');

  it('puts one-token words only at the end of prose paragraphs, about every N bytes', () => {
    const { text, markers } = withMarkers(answer, 1);
    expect(markers).toEqual(['Qzxaa', 'Qzxab', 'Qzxac', 'Qzxad']);
    expect(text).toContain('Intro paragraph that is plain prose. Qzxaa');
    expect(text).toContain('const y = 2.\n```');
    expect(text).toContain('| a |\n| --- |\n\n1.');
    expect(text).toContain('   - nested item. Qzxac');
    expect(text).toContain('Third paragraph of prose. Qzxad');
    for (const marker of markers) expect(tokenize(text)).toContain(` ${marker}`);
    expect(new RegExp(MARKER_PATTERN).test('Qzxzz')).toBe(true);
    expect(withMarkers(answer, 10_000).markers).toEqual([]);
  });

  it('finds when each marker left: from the demo send log, or from the feed', () => {
    const { text, markers } = withMarkers(answer, 1);
    const index = markerTokens(text, markers);
    expect(tokenize(text)[index.Qzxaa as number]).toBe(' Qzxaa');
    // [tokens written so far, epoch ms]
    const sends = [1, 100, 5, 101, 9, 103];
    expect(sentAtFromLog(sends, 0)).toBe(100);
    expect(sentAtFromLog(sends, 5)).toBe(103);
    expect(sentAtFromLog(sends, 9)).toBeNaN();
    // A marker split across two events is due with the second.
    const events = [
      { t: 0, text: 'x Qz' },
      { t: 24, text: 'xaa y' },
      { t: 48, text: ' Qzxab' },
    ];
    expect(markerFeedTimes(events, ['Qzxaa', 'Qzxab'])).toEqual({ Qzxaa: 24, Qzxab: 48 });
  });
});
