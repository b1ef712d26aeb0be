import { describe, expect, it } from 'vitest';
import {
  describeRateLimit,
  formatError,
  formatMetrics,
  formatRetry,
  formatSeconds,
} from '../../../../renderer/core/format';
import type { Metrics } from '../../../../shared/domain';

const metrics = (patch: Partial<Metrics> = {}): Metrics => ({
  startedAt: 0,
  firstByteMs: 100,
  ttftMs: 123.4,
  totalMs: 2000,
  tokensPerSec: 42.345,
  promptTokens: 12,
  completionTokens: 1234,
  usageReported: true,
  retries: 0,
  ...patch,
});

describe('formatMetrics', () => {
  it('shows TTFT, tokens/s, tokens in/out and the finish reason', () => {
    expect(formatMetrics(metrics(), 'stop')).toEqual([
      'TTFT 123 ms',
      '42.3 tokens/s',
      '12 in / 1,234 out',
      'finish_reason: stop',
    ]);
  });

  it('says that TTFT is the total time for an answer that was not streamed', () => {
    const parts = formatMetrics(metrics({ ttftMs: 2000, totalMs: 2000, streamed: false }), 'stop');
    expect(parts[0]).toBe('TTFT = total 2000 ms (not streamed)');
    expect(formatMetrics(metrics({ ttftMs: null, streamed: false }), null)[0]).toBe('TTFT –');
  });

  it('marks estimated token counts with ~', () => {
    expect(formatMetrics(metrics({ usageReported: false }), null)[2]).toBe('~12 in / ~1,234 out');
  });

  it('shows a dash for what was not measured and counts retries', () => {
    const parts = formatMetrics(
      metrics({ ttftMs: null, tokensPerSec: null, promptTokens: null, retries: 2 }),
      null,
    );
    expect(parts).toEqual(['TTFT –', '– tokens/s', '– in / 1,234 out', '2 retries']);
  });
});

describe('rate limits and retries', () => {
  it('names each limit', () => {
    expect(describeRateLimit('queries')).toBe('queries per second');
    expect(describeRateLimit('input-tokens')).toBe('input tokens per minute');
    expect(describeRateLimit('output-tokens')).toBe('output tokens per minute');
    expect(describeRateLimit(undefined)).toMatch(/not named/);
  });

  it('says which limit was hit and when to retry', () => {
    const text = formatError({
      code: 'RATE_LIMITED',
      message: 'Too many input tokens.',
      limit: 'input-tokens',
      retryAfterSec: 7,
    });
    expect(text).toBe('Rate limited (input tokens per minute): Too many input tokens. Retry after 7s.');
  });

  it('ends the server message with a full stop before the retry hint', () => {
    expect(
      formatError({ code: 'RATE_LIMITED', message: 'Exceeded limit', limit: 'queries', retryAfterSec: 1 }),
    ).toBe('Rate limited (queries per second): Exceeded limit. Retry after 1s.');
  });

  it('passes other errors through', () => {
    expect(formatError({ code: 'AUTH', message: 'The token was rejected.' })).toBe('The token was rejected.');
  });

  it('formats a retry notice', () => {
    expect(formatRetry(2000, { code: 'RATE_LIMITED', message: 'x', limit: 'queries' })).toBe(
      'Retrying in 2s (rate limited: queries per second)',
    );
    expect(formatRetry(1500, { code: 'UNAVAILABLE', message: 'The endpoint is unavailable.' })).toBe(
      'Retrying in 1.5s (The endpoint is unavailable)',
    );
  });

  it('formats seconds', () => {
    expect(formatSeconds(0.25)).toBe('0.3s');
    expect(formatSeconds(12.4)).toBe('12s');
  });
});
