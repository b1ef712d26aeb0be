import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameClock, HIDDEN_FLUSH_MS } from '../../../../renderer/app/frame-batcher';

function clock(hidden: boolean) {
  const frames: (() => void)[] = [];
  const timers: { cb: () => void; ms: number }[] = [];
  const c: FrameClock = {
    requestFrame(cb) {
      frames.push(cb);
      return () => frames.splice(frames.indexOf(cb) >>> 0, 1);
    },
    setTimer(cb, ms) {
      const t = { cb, ms };
      timers.push(t);
      return () => timers.splice(timers.indexOf(t) >>> 0, 1);
    },
    isHidden: () => hidden,
  };
  return { c, frames, timers };
}

describe('createFrameBatcher', () => {
  it('delivers everything pushed before a frame in one batch', () => {
    const { c, frames } = clock(false);
    const batches: number[][] = [];
    const b = createFrameBatcher<number>((items) => batches.push(items), c);
    b.push(1);
    b.push(2);
    b.push(3);
    expect(frames).toHaveLength(1);
    frames[0]?.();
    expect(batches).toEqual([[1, 2, 3]]);
    b.push(4);
    expect(frames).toHaveLength(1);
  });

  it('uses a short timer when the page is hidden', () => {
    const { c, frames, timers } = clock(true);
    const batches: number[][] = [];
    const b = createFrameBatcher<number>((items) => batches.push(items), c);
    b.push(1);
    expect(frames).toHaveLength(0);
    expect(timers[0]?.ms).toBe(HIDDEN_FLUSH_MS);
    timers[0]?.cb();
    expect(batches).toEqual([[1]]);
  });

  it('flushNow delivers at once and cancels the scheduled flush', () => {
    const { c, frames, timers } = clock(false);
    const batches: number[][] = [];
    const b = createFrameBatcher<number>((items) => batches.push(items), c);
    b.push(1);
    b.flushNow();
    expect(batches).toEqual([[1]]);
    expect(frames).toHaveLength(0);
    expect(timers).toHaveLength(0);
  });
});
