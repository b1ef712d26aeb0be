import { describe, expect, it } from 'vitest';
import {
  type Clock,
  estimateTokens,
  MetricsRecorder,
  usageFromServer,
} from '../../../../../electron/services/workspace-client/metrics';
import { metricsSchema } from '../../../../../shared/domain';

/** A hand-driven clock: monotonic time starts at 1000, wall time at a fixed epoch. */
function fakeClock() {
  let t = 1000;
  const clock: Clock = { now: () => t, wallNow: () => 1_700_000_000_000 + t };
  return { clock, advance: (ms: number) => (t += ms) };
}

describe('MetricsRecorder', () => {
  it('measures first byte, TTFT, total and tokens/s over the delta window', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(120);
    rec.markFirstByte();
    advance(80);
    rec.markDelta(5); // first delta at +200
    advance(500);
    rec.markDelta(5);
    advance(500);
    rec.markDelta(5); // last delta at +1200
    advance(50);
    rec.setUsage({ promptTokens: 10, completionTokens: 20, totalTokens: 30 });
    const m = rec.finish({ promptChars: 999 });
    expect(m).toEqual({
      startedAt: 1_700_000_000_000 + 1000,
      firstByteMs: 120,
      ttftMs: 200,
      totalMs: 1250,
      tokensPerSec: 20, // 20 tokens over the 1000 ms between first and last delta
      promptTokens: 10,
      completionTokens: 20,
      usageReported: true,
      retries: 0,
    });
    expect(metricsSchema.safeParse(m).success).toBe(true);
  });

  it('with a single delta, measures tokens/s over the whole request', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(400);
    rec.markDelta(40);
    advance(100);
    rec.setUsage({ promptTokens: 1, completionTokens: 10, totalTokens: 11 });
    expect(rec.finish().tokensPerSec).toBe(20); // 10 tokens / 0.5 s
  });

  it('times a whole (not streamed) answer: TTFT is the total time, tokens/s over all of it', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(900);
    rec.markFirstByte();
    rec.markWhole();
    rec.markDelta(30); // reasoning and text of one JSON answer, written in one go
    advance(0.01);
    rec.markDelta(70);
    advance(100);
    rec.setUsage({ promptTokens: 1, completionTokens: 50, totalTokens: 51 });
    const m = rec.finish();
    expect(m).toMatchObject({ ttftMs: 1000.01, totalMs: 1000.01, streamed: false });
    expect(m.tokensPerSec).toBeCloseTo(50 / 1.00001, 5);
    expect(metricsSchema.safeParse(m).success).toBe(true);
  });

  it('forgets a whole answer when the request is sent again', () => {
    const rec = new MetricsRecorder(fakeClock().clock);
    rec.markSent();
    rec.markWhole();
    rec.markSent();
    expect(rec.finish()).not.toHaveProperty('streamed');
  });

  it('estimates usage when the server sent none, and says so', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(10);
    rec.markDelta(40);
    advance(90);
    rec.markDelta(40);
    const m = rec.finish({ promptChars: 100 });
    expect(m).toMatchObject({ usageReported: false, promptTokens: 25, completionTokens: 20 });
    expect(m.tokensPerSec).toBeCloseTo((20 * 1000) / 90); // 20 estimated tokens over the 90 ms delta window
  });

  it('counts retries, keeps startedAt from the first send and measures from the latest send', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(50);
    rec.markFirstByte(); // the 429 answer
    rec.markRetry();
    advance(1000);
    rec.markSent();
    advance(30);
    rec.markFirstByte();
    advance(70);
    rec.markDelta(4);
    const m = rec.finish();
    expect(m).toMatchObject({
      startedAt: 1_700_000_000_000 + 1000,
      retries: 1,
      firstByteMs: 30,
      ttftMs: 100,
      totalMs: 100,
    });
  });

  it('reports nulls when nothing arrived', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(300);
    rec.markEnd();
    advance(1000); // finish() after markEnd keeps the first end
    const m = rec.finish();
    expect(m).toMatchObject({
      firstByteMs: null,
      ttftMs: null,
      totalMs: 300,
      tokensPerSec: null,
      completionTokens: 0,
    });
    expect(rec.deltaCount).toBe(0);
  });

  it('falls back to the whole request when all deltas share one instant', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(250);
    rec.markDelta(4);
    rec.markDelta(4);
    rec.setUsage({ promptTokens: 0, completionTokens: 5, totalTokens: 5 });
    expect(rec.finish().tokensPerSec).toBe(20);
  });

  it('uses the real clocks by default', () => {
    const rec = new MetricsRecorder();
    const before = Date.now();
    rec.markSent();
    const m = rec.finish();
    expect(m.startedAt).toBeGreaterThanOrEqual(before);
    expect(m.totalMs).toBeGreaterThanOrEqual(0);
  });
});

describe('usageFromServer', () => {
  it('reads the usage object', () => {
    expect(usageFromServer({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 })).toEqual({
      promptTokens: 3,
      completionTokens: 4,
      totalTokens: 7,
    });
  });

  it('derives a missing part and tolerates junk', () => {
    expect(usageFromServer({ completion_tokens: 4, total_tokens: 10 })).toEqual({
      promptTokens: 6,
      completionTokens: 4,
      totalTokens: 10,
    });
    expect(usageFromServer({ prompt_tokens: 6 })).toEqual({
      promptTokens: 6,
      completionTokens: 0,
      totalTokens: 6,
    });
    expect(usageFromServer({ prompt_tokens: '6', completion_tokens: -1 })).toBeNull();
    expect(usageFromServer(null)).toBeNull();
    expect(usageFromServer('usage')).toBeNull();
  });
});

describe('estimateTokens', () => {
  it('is about four characters per token', () => {
    expect(estimateTokens(0)).toBe(0);
    expect(estimateTokens(1)).toBe(1);
    expect(estimateTokens(400)).toBe(100);
  });
});

describe('reasoning tokens', () => {
  it('reads completion_tokens_details (Chat Completions) and output_tokens_details (Responses)', () => {
    expect(
      usageFromServer({
        prompt_tokens: 10,
        completion_tokens: 50,
        total_tokens: 60,
        completion_tokens_details: { reasoning_tokens: 30 },
      }),
    ).toEqual({ promptTokens: 10, completionTokens: 50, totalTokens: 60, reasoningTokens: 30 });
    expect(
      usageFromServer({ input_tokens: 7, output_tokens: 9, output_tokens_details: { reasoning_tokens: 4 } }),
    ).toEqual({ promptTokens: 7, completionTokens: 9, totalTokens: 16, reasoningTokens: 4 });
  });

  it('leaves reasoningTokens out when absent or unreadable, never inventing a zero', () => {
    expect(usageFromServer({ prompt_tokens: 1, completion_tokens: 2 })).not.toHaveProperty('reasoningTokens');
    expect(
      usageFromServer({
        prompt_tokens: 1,
        completion_tokens: 2,
        completion_tokens_details: { reasoning_tokens: 'x' },
      }),
    ).not.toHaveProperty('reasoningTokens');
    expect(
      usageFromServer({ prompt_tokens: 1, completion_tokens: 2, completion_tokens_details: null }),
    ).not.toHaveProperty('reasoningTokens');
  });

  it('passes them into the metrics only when the server reported them', () => {
    const { clock } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    rec.setUsage({ promptTokens: 1, completionTokens: 5, totalTokens: 6, reasoningTokens: 3 });
    const m = rec.finish();
    expect(m.reasoningTokens).toBe(3);
    expect(metricsSchema.safeParse(m).success).toBe(true);
    const plain = new MetricsRecorder(clock);
    plain.markSent();
    expect(plain.finish()).not.toHaveProperty('reasoningTokens');
  });
});

describe('hidden output', () => {
  it('counts against retries (deltaCount) but sets no TTFT and no rate', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(100);
    rec.markHidden();
    expect(rec.deltaCount).toBe(1);
    advance(100);
    const m = rec.finish();
    expect(m.ttftMs).toBeNull();
    expect(m.tokensPerSec).toBeNull();
  });

  it('times reasoning text like answer text: TTFT is the first visible token', () => {
    const { clock, advance } = fakeClock();
    const rec = new MetricsRecorder(clock);
    rec.markSent();
    advance(300);
    rec.markDelta(12); // the first reasoning text
    advance(700);
    rec.markDelta(4); // the first answer text
    expect(rec.finish().ttftMs).toBe(300);
  });
});
