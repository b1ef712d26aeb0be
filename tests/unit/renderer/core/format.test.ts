import { describe, expect, it } from 'vitest';
import {
  describeRateLimit,
  formatContextWindow,
  formatError,
  formatMetrics,
  formatReasoningSplit,
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

describe('reasoning tokens', () => {
  it('splits output into reasoning and answer, with the cost after the token counts', () => {
    expect(formatMetrics(metrics({ reasoningTokens: 234 }), 'stop', '$0.01')).toEqual([
      'TTFT 123 ms',
      '42.3 tokens/s',
      '12 in / 1,234 out',
      '234 reasoning + 1,000 answer tokens',
      'cost $0.01',
      'finish_reason: stop',
    ]);
  });

  it('says nothing when no reasoning was reported', () => {
    expect(formatReasoningSplit(metrics())).toBeNull();
    expect(formatReasoningSplit(metrics({ reasoningTokens: null }))).toBeNull();
    expect(formatReasoningSplit(metrics({ reasoningTokens: 0 }))).toBeNull();
    expect(formatReasoningSplit(metrics({ reasoningTokens: 5, completionTokens: null }))).toBe(
      '5 reasoning tokens',
    );
  });
});

describe('formatContextWindow', () => {
  it('reads as the docs write it', () => {
    expect(formatContextWindow(131_072)).toBe('128k');
    expect(formatContextWindow(200_000)).toBe('200k');
    expect(formatContextWindow(272_000)).toBe('272k');
    expect(formatContextWindow(8_192)).toBe('8k');
    expect(formatContextWindow(1_000_000)).toBe('1M');
  });
});

describe('rate limits and retries', () => {
  it.each([
    ['queries', 'queries per second'],
    ['queries-per-minute', 'queries per minute'],
    ['queries-per-hour', 'queries per hour'],
    ['input-tokens', 'input tokens per minute'],
    ['output-tokens', 'output tokens per minute'],
    ['unknown', 'limit not named by the server'],
    [undefined, 'limit not named by the server'],
  ] as const)('names the limit %s as "%s"', (limit, words) => {
    expect(describeRateLimit(limit)).toBe(words);
  });

  it("puts the server's own words first, then the advice", () => {
    const said = 'Exceeded workspace queries per minute rate limit for databricks-claude-sonnet-4-5';
    const text = formatError({
      code: 'RATE_LIMITED',
      message: 'The endpoint hit its queries-per-minute limit. Wait a moment and try again.',
      serverMessage: said,
      limit: 'queries-per-minute',
      retryAfterSec: 2,
    });
    expect(text).toBe(
      `The server said: “${said}” Rate limited (queries per minute): The endpoint hit its queries-per-minute limit. Wait a moment and try again. Retry after 2s.`,
    );
    expect(text).not.toMatch(/per second/);
  });

  it('does not repeat server words an older saved message already quotes', () => {
    const error = {
      code: 'SERVER' as const,
      message: 'Failed. The server said: boom',
      serverMessage: 'boom',
    };
    expect(formatError(error)).toBe('Failed. The server said: boom');
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
