import { describe, expect, it } from 'vitest';
import {
  createFrameBatcher,
  type FrameClock,
  HIDDEN_FLUSH_MS,
  STREAM_BATCHING,
} from '../../../../../renderer/core/stream/frame-batcher';
import type { StreamEvent } from '../../../../../shared/stream-events';

function clock(hidden: boolean) {
  const frames: (() => void)[] = [];
  const timers: { cb: () => void; ms: number }[] = [];
  const time = { now: 0 };
  const c: FrameClock = {
    now: () => time.now,
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
  return { c, frames, timers, time };
}

const delta = (seq: number) => ({ type: 'delta', streamId: 's', seq, index: 0, text: 'x' }) as StreamEvent;

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

  it('keeps batches a minimum interval apart, the first one after a pause at the next frame', () => {
    const { c, frames, timers, time } = clock(false);
    const batches: number[][] = [];
    const b = createFrameBatcher<number>((items) => batches.push(items), c, { minIntervalMs: 50 });
    b.push(1);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(batches).toEqual([[1]]);
    timers.length = 0;
    // 16 ms later: too soon, so the batcher waits out the interval before asking for a frame.
    time.now = 16;
    b.push(2);
    b.push(3);
    expect(frames).toHaveLength(0);
    expect(timers.at(-1)?.ms).toBe(34);
    timers.at(-1)?.cb();
    expect(frames).toHaveLength(1);
    time.now = 52;
    frames.shift()?.();
    expect(batches).toEqual([[1], [2, 3]]);
    // After a pause the next item is not held back.
    time.now = 500;
    b.push(4);
    expect(frames).toHaveLength(1);
  });

  it("hands a stream's last event over at once, with everything before it", () => {
    const { c, frames } = clock(false);
    const batches: StreamEvent[][] = [];
    const b = createFrameBatcher<StreamEvent>((items) => batches.push(items), c, STREAM_BATCHING);
    b.push(delta(0));
    frames.shift()?.();
    b.push(delta(1));
    const done = {
      type: 'done',
      streamId: 's',
      seq: 2,
      finishReasons: ['stop'],
      metrics: null,
    } as unknown as StreamEvent;
    b.push(done);
    expect(batches).toEqual([[delta(0)], [delta(1), done]]);
  });
});
