import type { ServerResponse } from 'node:http';
import type { StreamFault } from './faults';

/**
 * Server-sent events paced like a real model, whatever the event format (Chat Completions
 * chunks or Responses API events): the first token after `ttftMs`, then `tokensPerSec` steps
 * per second. One timer chain per stream (never one timer per token); when the interval is
 * shorter than the timer resolution, every tick writes all the steps that are due in a single
 * `write`, which sustains tens of thousands of tokens per second. A client disconnect stops
 * generation at once. Injected stream faults fire after their token count.
 */

/** The format-specific half of a stream: what each step writes. */
export interface SseScript {
  /** Paced steps (at least 1). A step usually carries one token per choice. */
  readonly steps: number;
  /** Written right after the headers, before the TTFT wait ('' for none). */
  opening(): string;
  /** The events of step `s` (called once per step, in order) and the tokens they carry. */
  step(s: number): { text: string; tokens: number };
  /** What ends a complete stream (usage, `[DONE]`, `response.completed`…). */
  closing(): string;
  /** One broken event, for the `malformed-chunk` fault. */
  malformed(): string;
  /** The in-stream error for the `stream-error` fault; the stream ends after it. */
  failure(fault: Extract<StreamFault, { type: 'stream-error' }>): string;
}

/**
 * When a stream's bytes left the server, in epoch milliseconds with sub-millisecond precision
 * (`performance.timeOrigin + performance.now()`), so a benchmark on the same machine can line
 * them up with what a page or another process observed.
 */
export interface StreamTrace {
  id: string;
  endpoint: string;
  /** The response headers were flushed. */
  headersAt: number;
  /** The first token was written. */
  firstTokenAt: number | null;
  /** The last token was written (the stream then ends). */
  lastTokenAt: number | null;
  /** The stream ended: finished, failed, or the client went away. */
  endedAt: number | null;
  /** Tokens written. */
  tokens: number;
  /** True when the client closed the connection before the end. */
  clientClosed: boolean;
  /**
   * When the steps left: flattened pairs `[steps written so far, epoch ms]`, one pair per
   * write that carried steps (with one choice a step is a token, so token `i` left at the
   * first pair whose count is above `i`). A benchmark lines each token up with the moment a
   * page shows it. One pair per timer tick, not per token; dropped from older traces.
   */
  sends?: number[];
}

/** Everything one paced stream needs. */
export interface PacedJob {
  res: ServerResponse;
  script: SseScript;
  /** The served model's id, sent as the `served-model-name` header. */
  model: string;
  ttftMs: number;
  tokensPerSec: number;
  fault?: StreamFault;
  /** Filled in as the stream runs (benchmarks read it through /__demo/stats). */
  trace?: StreamTrace;
  /** Called exactly once, with the number of tokens actually sent. */
  onEnd: (sentTokens: number) => void;
}

/** Wall-clock time in ms with sub-millisecond precision. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/** Caps one write so a stalled client cannot make us build a huge string. */
const MAX_STEPS_PER_WRITE = 2048;

/** One paced stream: a single timer chain that writes whatever steps are due. */
class PacedStream {
  private readonly steps: number;
  private readonly interval: number;
  private step = 0;
  private sent = 0;
  private done = false;
  private faultPending: boolean;
  private timer: NodeJS.Timeout | undefined;
  private startAt = 0;

  constructor(private readonly job: PacedJob) {
    this.steps = Math.max(1, job.script.steps);
    this.interval = 1000 / job.tokensPerSec;
    this.faultPending = job.fault !== undefined;
  }

  start(): void {
    const { res } = this.job;
    res.on('close', () => {
      if (!this.done && this.job.trace) this.job.trace.clientClosed = true;
      this.end();
    });
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'served-model-name': this.job.model,
    });
    const opening = this.job.script.opening();
    if (opening !== '') res.write(opening);
    res.flushHeaders();
    if (this.job.trace) this.job.trace.headersAt = preciseNow();
    this.startAt = performance.now() + this.job.ttftMs;
    this.timer = setTimeout(() => this.tick(), this.job.ttftMs);
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.job.trace) {
      this.job.trace.endedAt = preciseNow();
      this.job.trace.tokens = this.sent;
    }
    this.job.onEnd(this.sent);
  }

  /** Applies the injected fault; returns true when this tick must write no more (ended or stalled). */
  private fire(pending: string): boolean {
    this.faultPending = false;
    const fault = this.job.fault as StreamFault;
    const { res } = this.job;
    if (fault.type === 'malformed-chunk') return false;
    if (fault.type === 'stall') return this.stall(pending, fault.durationMs);
    this.end();
    if (fault.type === 'disconnect') {
      // Destroy only once what was sent reached the socket, so the client sees the partial text.
      res.write(pending, () => setTimeout(() => res.destroy(), 20));
      return true;
    }
    res.end(`${pending}${this.job.script.failure(fault)}`);
    return true;
  }

  /**
   * Sends what is pending, then stays silent with the socket open: for `durationMs` (then the
   * pacing resumes where it was, shifted by the pause), or until the client goes away.
   */
  private stall(pending: string, durationMs: number | undefined): true {
    const { res } = this.job;
    if (pending !== '') {
      res.write(pending);
      this.noteWrite(false);
    }
    if (durationMs !== undefined)
      this.timer = setTimeout(() => {
        this.startAt += durationMs;
        this.tick();
      }, durationMs);
    return true;
  }

  private faultDue(): boolean {
    return this.faultPending && (this.sent >= (this.job.fault?.afterTokens ?? 0) || this.step >= this.steps);
  }

  /** Records when tokens went out (call right after a write that carried tokens). */
  private noteWrite(last: boolean): void {
    const trace = this.job.trace;
    if (!trace) return;
    const now = preciseNow();
    trace.firstTokenAt ??= now;
    trace.sends?.push(this.step, now);
    if (last) trace.lastTokenAt = now;
  }

  private tick(): void {
    this.timer = undefined;
    if (this.done) return;
    const { res, script } = this.job;
    const elapsed = performance.now() - this.startAt;
    const due = Math.min(
      this.steps,
      Math.floor(elapsed / this.interval) + 1,
      this.step + MAX_STEPS_PER_WRITE,
    );
    let out = '';
    while (this.step < due || this.faultDue()) {
      if (this.faultDue()) {
        if (this.fire(out)) return;
        out += script.malformed();
        continue;
      }
      const { text, tokens } = script.step(this.step);
      out += text;
      this.sent += tokens;
      this.step += 1;
    }
    if (this.step >= this.steps) {
      res.end(`${out}${script.closing()}`);
      this.noteWrite(true);
      this.end();
      return;
    }
    if (out !== '') {
      const flushed = res.write(out);
      this.noteWrite(false);
      if (!flushed) {
        res.once('drain', () => this.tick());
        return;
      }
    }
    const wait = Math.max(0, this.step * this.interval - (performance.now() - this.startAt));
    this.timer = setTimeout(() => this.tick(), wait);
  }
}

/** Writes the SSE headers and paces the job's script; returns at once. */
export function runPacedStream(job: PacedJob): void {
  new PacedStream(job).start();
}
