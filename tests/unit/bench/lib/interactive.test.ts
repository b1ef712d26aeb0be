import { describe, expect, it } from 'vitest';
import { interactiveAt } from '../../../bench/lib/interactive';

const task = (start: number, duration: number) => ({ start, duration, cpu: duration });

describe('interactive from a trace', () => {
  it('is the paint when no task after the click is over 50 ms', () => {
    const r = interactiveAt([task(0, 90), task(110, 45), task(300, 49)], 100, 400, 1_500);
    expect(r).toEqual({ stopAt: 400, quietObserved: true, longTasks: 0, longestTaskMs: 49 });
  });

  it('is the end of the last task over 50 ms when that comes after the paint', () => {
    const r = interactiveAt([task(150, 80), task(500, 60), task(700, 20)], 100, 400, 1_600);
    expect(r.stopAt).toBe(560);
    expect(r.longTasks).toBe(2);
    expect(r.longestTaskMs).toBe(80);
    expect(r.quietObserved).toBe(true);
  });

  it('says so when the trace ends before a full quiet second after the stop', () => {
    const r = interactiveAt([task(150, 80), task(900, 60)], 100, 400, 1_800);
    expect(r.stopAt).toBe(960);
    expect(r.quietObserved).toBe(false);
  });

  it('ignores tasks before the click and after the trace', () => {
    const r = interactiveAt([task(0, 90), task(2_000, 300)], 100, 400, 1_500);
    expect(r).toMatchObject({ stopAt: 400, longTasks: 0, quietObserved: true });
  });
});

describe('a task that spans the click', () => {
  it('counts: the user waits for it', () => {
    const r = interactiveAt([task(0, 200)], 100, 150, 1_500);
    expect(r).toMatchObject({ stopAt: 200, longTasks: 1, longestTaskMs: 200 });
  });
});
