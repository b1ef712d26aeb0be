import type { Metrics } from '../../shared/domain';
import { describeError, type RateLimitKind, type StudioError } from '../../shared/errors';

/*
 * Pure formatters for what the chat shows about a response: metrics, rate limits, retries.
 * Kept apart from the components so they can be unit-tested without a DOM.
 */

/** The limit a 429 hit, in the words the Databricks docs and the server's message use. */
export function describeRateLimit(limit: RateLimitKind | undefined): string {
  switch (limit) {
    case 'queries':
      return 'queries per second';
    case 'queries-per-minute':
      return 'queries per minute';
    case 'queries-per-hour':
      return 'queries per hour';
    case 'input-tokens':
      return 'input tokens per minute';
    case 'output-tokens':
      return 'output tokens per minute';
    default:
      return 'limit not named by the server';
  }
}

/** Seconds for display: whole seconds from 10 s up, one decimal below. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 10) return `${Math.round(seconds)}s`;
  return `${Math.round(seconds * 10) / 10}s`;
}

/** Ends `text` with a full stop unless it already ends in punctuation. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The app's advice for an error, without the server's words. Rate limits say which limit was
 * hit and when to retry, because "429" alone tells a person nothing they can act on.
 */
export function formatAdvice(error: StudioError): string {
  if (error.code === 'RATE_LIMITED') {
    const when =
      error.retryAfterSec !== undefined ? ` Retry after ${formatSeconds(error.retryAfterSec)}.` : '';
    return `Rate limited (${describeRateLimit(error.limit)}): ${sentence(error.message)}${when}`;
  }
  return error.message;
}

/** A StudioError as one text: the server's own words first (when it sent any), then the advice. */
export function formatError(error: StudioError): string {
  return describeError(error, formatAdvice(error));
}

/** "Retrying in 2s (rate limited: queries per second)" for a `retry` stream event. */
export function formatRetry(delayMs: number, reason: StudioError): string {
  const why =
    reason.code === 'RATE_LIMITED'
      ? `rate limited: ${describeRateLimit(reason.limit)}`
      : reason.message.replace(/\.$/, '');
  return `Retrying in ${formatSeconds(delayMs / 1000)} (${why})`;
}

// One formatter for all counts: `toLocaleString` sets up a new one on every call, which
// showed up when a long conversation's answers and totals render at once.
const COUNT = new Intl.NumberFormat('en-US');

function formatCount(value: number | null, estimated: boolean): string {
  if (value === null) return '–';
  return `${estimated ? '~' : ''}${COUNT.format(value)}`;
}

/** TTFT for display; an answer that came whole says its first token came with the last. */
function formatTtft(metrics: Metrics): string {
  if (metrics.ttftMs === null) return 'TTFT –';
  const ms = `${Math.round(metrics.ttftMs)} ms`;
  return metrics.streamed === false ? `TTFT = total ${ms} (not streamed)` : `TTFT ${ms}`;
}

/**
 * "120 reasoning + 340 answer tokens" when the server said how many output tokens went to
 * reasoning (null otherwise). Both are output: `completionTokens` already holds the
 * reasoning, and cost is computed from it whole; this only splits it for reading.
 */
export function formatReasoningSplit(metrics: Metrics): string | null {
  const reasoning = metrics.reasoningTokens;
  if (reasoning === null || reasoning === undefined || reasoning <= 0) return null;
  if (metrics.completionTokens === null) return `${COUNT.format(reasoning)} reasoning tokens`;
  const answer = Math.max(0, metrics.completionTokens - reasoning);
  return `${COUNT.format(reasoning)} reasoning + ${COUNT.format(answer)} answer tokens`;
}

/**
 * The metric parts shown under an answer: TTFT (equal to the total time, and labelled so, for
 * an answer that was not streamed), tokens/s, tokens in/out (estimates marked with ~ when the
 * server sent no usage), the reasoning/answer split when reported, `cost` when given (already
 * formatted), and the finish reason when there is one.
 */
export function formatMetrics(metrics: Metrics, finishReason: string | null, cost?: string): string[] {
  const estimated = !metrics.usageReported;
  const parts = [
    formatTtft(metrics),
    `${metrics.tokensPerSec === null ? '–' : metrics.tokensPerSec.toFixed(1)} tokens/s`,
    `${formatCount(metrics.promptTokens, estimated)} in / ${formatCount(metrics.completionTokens, estimated)} out`,
  ];
  const split = formatReasoningSplit(metrics);
  if (split) parts.push(split);
  if (cost !== undefined) parts.push(`cost ${cost}`);
  if (finishReason) parts.push(`finish_reason: ${finishReason}`);
  if (metrics.retries > 0) parts.push(`${metrics.retries} ${metrics.retries === 1 ? 'retry' : 'retries'}`);
  return parts;
}

/** US dollars for display: "—" when unknown, more digits for tiny amounts. */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}

/** A token count for display, "~" marking an estimate. */
export function formatTokens(value: number, estimated: boolean): string {
  return `${estimated ? '~' : ''}${COUNT.format(value)}`;
}

/**
 * A context window for display: "128k" for a power-of-two size (131,072 tokens), "200k" for
 * a round one (200,000), "1M" from a million up.
 */
export function formatContextWindow(tokens: number): string {
  if (tokens >= 1_000_000 && tokens % 1_000_000 === 0) return `${tokens / 1_000_000}M`;
  const base = tokens % 1024 === 0 ? 1024 : 1000;
  return `${Math.round(tokens / base)}k`;
}
