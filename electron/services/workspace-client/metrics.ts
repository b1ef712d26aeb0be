import type { Metrics, Usage } from '../../../shared/domain';

/*
 * Measures one request where it happens. Intervals come from a monotonic clock
 * (performance.now) so that a wall-clock adjustment mid-stream cannot produce negative or
 * inflated times; only `startedAt` is wall-clock, for display.
 */

/** Time sources; injectable so tests can drive time by hand. */
export interface Clock {
  /** Monotonic milliseconds (performance.now()). */
  now(): number;
  /** Wall-clock epoch milliseconds (Date.now()). */
  wallNow(): number;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
};

/**
 * Rough token count for text when the server reports no usage: ~4 characters per token for
 * English with BPE tokenizers. Shown with `usageReported: false` so the UI can say "≈".
 */
export function estimateTokens(chars: number): number {
  return chars > 0 ? Math.ceil(chars / 4) : 0;
}

const count = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : null;

/** Reasoning tokens: Chat Completions' `completion_tokens_details`, the Responses API's `output_tokens_details`. */
function reasoningCount(o: Record<string, unknown>): number | null {
  for (const key of ['completion_tokens_details', 'output_tokens_details']) {
    const details = o[key];
    if (details && typeof details === 'object')
      return count((details as Record<string, unknown>).reasoning_tokens);
  }
  return null;
}

/**
 * Reads a server `usage` object (`prompt_tokens`, `completion_tokens`, `total_tokens`, or the
 * Responses API's `input_tokens` / `output_tokens`, each possibly missing or mistyped, and
 * the reasoning tokens among the output). Returns null when it carries no usable count. A
 * missing part is derived from the other two when possible, else 0.
 */
export function usageFromServer(raw: unknown): Usage | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  let prompt = count(o.prompt_tokens ?? o.input_tokens);
  let completion = count(o.completion_tokens ?? o.output_tokens);
  const total = count(o.total_tokens);
  if (prompt === null && completion === null && total === null) return null;
  if (prompt === null && total !== null && completion !== null) prompt = Math.max(0, total - completion);
  if (completion === null && total !== null && prompt !== null) completion = Math.max(0, total - prompt);
  prompt ??= 0;
  completion ??= 0;
  const usage: Usage = {
    promptTokens: prompt,
    completionTokens: completion,
    totalTokens: total ?? prompt + completion,
  };
  const reasoning = reasoningCount(o);
  if (reasoning !== null) usage.reasoningTokens = reasoning;
  return usage;
}

/** Estimates used when the server sent no usage. */
export interface UsageEstimate {
  promptChars: number;
}

/**
 * Records the moments of one request: sent, first byte, each content delta, end, retries,
 * and the server's usage, then builds `Metrics`.
 *
 * Intervals are measured from the latest send, so after a retry TTFT describes the attempt
 * that answered (the retries are counted separately); `startedAt` stays the first send.
 *
 * A "content delta" is visible text: the answer's, and also the reasoning's. A user waiting
 * for a reasoning model sees its thinking appear first, so TTFT is the time to the first
 * visible token, reasoning included. A Chat Completions tool call's fragments count as content
 * too: the model is writing the call's arguments (they are its completion tokens), so a
 * tool-call-only answer has a TTFT (its first fragment) and a tokens/s. Output with nothing to
 * read (an encrypted reasoning part, an agent's whole tool-call card) is counted apart: it
 * forbids retries but times nothing.
 */
export class MetricsRecorder {
  private startedAt: number | null = null;
  private sentAt: number | null = null;
  private firstByteAt: number | null = null;
  private firstDeltaAt: number | null = null;
  private lastDeltaAt: number | null = null;
  private endAt: number | null = null;
  private deltas = 0;
  private hidden = 0;
  private deltaChars = 0;
  private retries = 0;
  private usage: Usage | null = null;
  private whole = false;

  constructor(private readonly clock: Clock = systemClock) {}

  /** The request (or a retry of it) was sent. */
  markSent(): void {
    this.startedAt ??= this.clock.wallNow();
    this.sentAt = this.clock.now();
    this.firstByteAt = null;
    this.whole = false;
  }

  /** The first byte of a response arrived (later calls are ignored). */
  markFirstByte(): void {
    this.firstByteAt ??= this.clock.now();
  }

  /** A content delta of `chars` characters arrived. */
  markDelta(chars: number): void {
    const now = this.clock.now();
    this.firstDeltaAt ??= now;
    this.lastDeltaAt = now;
    this.deltas++;
    this.deltaChars += Math.max(0, chars);
  }

  /** Output with no text to show arrived (encrypted reasoning, a tool call): not timed. */
  markHidden(): void {
    this.hidden++;
  }

  /**
   * The answer came whole, as one JSON document: its first token arrived with its last, so
   * TTFT is the total time and tokens/s is over the whole request.
   */
  markWhole(): void {
    this.whole = true;
  }

  /** A retry is about to happen. */
  markRetry(): void {
    this.retries++;
  }

  /** The server's usage (cumulative; the last one wins). */
  setUsage(usage: Usage): void {
    this.usage = usage;
  }

  /** The response ended (first call wins). */
  markEnd(): void {
    this.endAt ??= this.clock.now();
  }

  /** How many pieces of output (content deltas and hidden ones) arrived: after one, no retry. */
  get deltaCount(): number {
    return this.deltas + this.hidden;
  }

  /** Builds the metrics; marks the end now if not marked yet. */
  finish(estimate: UsageEstimate = { promptChars: 0 }): Metrics {
    this.markEnd();
    const sent = this.sentAt ?? this.endAt!;
    const end = this.endAt!;
    const since = (t: number | null) => (t === null ? null : Math.max(0, t - sent));
    const promptTokens = this.usage ? this.usage.promptTokens : estimateTokens(estimate.promptChars);
    const completionTokens = this.usage ? this.usage.completionTokens : estimateTokens(this.deltaChars);
    const totalMs = Math.max(0, end - sent);
    return {
      startedAt: this.startedAt ?? this.clock.wallNow(),
      firstByteMs: since(this.firstByteAt),
      ttftMs: this.whole && this.deltas > 0 ? totalMs : since(this.firstDeltaAt),
      totalMs,
      tokensPerSec: this.rate(completionTokens, sent, end),
      promptTokens,
      completionTokens,
      // Only when the server said: absent means "not reported", never "none".
      ...(this.usage?.reasoningTokens !== undefined ? { reasoningTokens: this.usage.reasoningTokens } : {}),
      usageReported: this.usage !== null,
      retries: this.retries,
      ...(this.whole ? { streamed: false } : {}),
    };
  }

  /** Completion tokens per second over the generation window; null when not measurable. */
  private rate(tokens: number, sent: number, end: number): number | null {
    if (this.deltas === 0 || tokens <= 0) return null;
    // A whole answer's pieces are written in one go: the span between them measures nothing.
    const span =
      !this.whole && this.deltas >= 2 && this.lastDeltaAt! > this.firstDeltaAt!
        ? this.lastDeltaAt! - this.firstDeltaAt!
        : end - sent;
    return span > 0 ? (tokens * 1000) / span : null;
  }
}
