import type { DemoRateLimits } from './config';

/**
 * Sliding-window rate limits per endpoint, mirroring pay-per-token limits: queries per
 * second and per minute, input tokens per minute and output tokens per minute, where
 * `max_tokens` is reserved against the output budget before generation and the reservation
 * is replaced by the real count when the answer is done.
 */

const SECOND = 1000;
const MINUTE = 60_000;

interface Entry {
  at: number;
  amount: number;
}

interface Window {
  queries: number[];
  input: Entry[];
  output: Entry[];
}

/** Admission result: a ticket to settle later, or the 429 to send. */
export type Admission =
  | { ok: true; ticket: Entry }
  | { ok: false; limit: 'qps' | 'qpm' | 'input' | 'output'; message: string; retryAfterSec: number };

const MESSAGES: Record<Exclude<Admission, { ok: true }>['limit'], string> = {
  qps: 'Exceeded workspace QPS rate limit for {endpoint}',
  qpm: 'Exceeded workspace queries per minute rate limit for {endpoint}',
  input: 'Exceeded workspace input tokens per minute rate limit for {endpoint}',
  output: 'Exceeded workspace output tokens per minute rate limit for {endpoint}',
};

const sum = (entries: Entry[]): number => entries.reduce((total, entry) => total + entry.amount, 0);

/** Seconds until enough old entries leave the minute window for `needed` more to fit. */
function tokensRetryAfter(entries: Entry[], needed: number, limit: number, now: number): number {
  if (needed > limit) return 60;
  let used = sum(entries);
  for (const entry of entries) {
    used -= entry.amount;
    if (used + needed <= limit) return Math.max(1, Math.ceil((entry.at + MINUTE - now) / SECOND));
  }
  return 60;
}

function queriesRetryAfter(queries: number[], limit: number, span: number, now: number): number {
  const oldest = queries[Math.max(0, queries.length - Math.max(1, Math.floor(limit)))] ?? now;
  return Math.max(1, Math.ceil((oldest + span - now) / SECOND));
}

/** Per-endpoint sliding windows. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  private window(endpoint: string, now: number): Window {
    let window = this.windows.get(endpoint);
    if (!window) {
      window = { queries: [], input: [], output: [] };
      this.windows.set(endpoint, window);
    }
    while ((window.queries[0] ?? now) <= now - MINUTE) window.queries.shift();
    while ((window.input[0]?.at ?? now) <= now - MINUTE) window.input.shift();
    while ((window.output[0]?.at ?? now) <= now - MINUTE) window.output.shift();
    return window;
  }

  /**
   * Admits a request or says which limit it hit. Checks queries first, then input tokens,
   * then the output reservation, like the real service's message order.
   */
  admit(
    endpoint: string,
    limits: Required<DemoRateLimits>,
    inputTokens: number,
    reservedOutput: number,
    now = Date.now(),
  ): Admission {
    const w = this.window(endpoint, now);
    const lastSecond = w.queries.filter((at) => at > now - SECOND);
    const deny = (limit: Exclude<Admission, { ok: true }>['limit'], retryAfterSec: number): Admission => ({
      ok: false,
      limit,
      message: MESSAGES[limit].replace('{endpoint}', endpoint),
      retryAfterSec,
    });
    if (lastSecond.length + 1 > limits.queriesPerSecond)
      return deny('qps', queriesRetryAfter(lastSecond, limits.queriesPerSecond, SECOND, now));
    if (w.queries.length + 1 > limits.queriesPerMinute)
      return deny('qpm', queriesRetryAfter(w.queries, limits.queriesPerMinute, MINUTE, now));
    const input = limits.inputTokensPerMinute;
    if (input === 0 || sum(w.input) + inputTokens > input)
      return deny('input', tokensRetryAfter(w.input, inputTokens, input, now));
    const output = limits.outputTokensPerMinute;
    if (output === 0 || sum(w.output) + reservedOutput > output)
      return deny('output', tokensRetryAfter(w.output, reservedOutput, output, now));
    w.queries.push(now);
    w.input.push({ at: now, amount: inputTokens });
    const ticket = { at: now, amount: reservedOutput };
    w.output.push(ticket);
    return { ok: true, ticket };
  }

  /** Replaces a request's output reservation with the tokens it really produced. */
  settle(ticket: Entry, outputTokens: number): void {
    ticket.amount = outputTokens;
  }

  /** Forgets all history (POST /__demo/reset). */
  reset(): void {
    this.windows.clear();
  }
}
