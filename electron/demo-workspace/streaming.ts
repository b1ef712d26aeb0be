import type { ServerResponse } from 'node:http';
import type { StreamFault } from './faults';
import type { GeneratedChoice } from './generation';

/**
 * Server-sent events for streaming answers, paced like a real model: the first token after
 * `ttftMs`, then `tokensPerSec` tokens per second per choice. One timer chain per stream
 * (never one timer per token); when the interval is shorter than the timer resolution, every
 * tick writes all the tokens that are due in a single `write`, which sustains tens of
 * thousands of tokens per second. A client disconnect stops generation at once.
 */

/** Usage as sent on the final chunk. */
export interface UsageJson {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Everything one stream needs. */
export interface StreamJob {
  res: ServerResponse;
  style: 'chat' | 'completions';
  id: string;
  created: number;
  model: string;
  choices: GeneratedChoice[];
  usage: UsageJson;
  ttftMs: number;
  tokensPerSec: number;
  fault?: StreamFault;
  /** Filled in as the stream runs (benchmarks read it through /__demo/stats). */
  trace?: StreamTrace;
  /** Called exactly once, with the number of tokens actually sent. */
  onEnd: (sentTokens: number) => void;
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
}

/** Wall-clock time in ms with sub-millisecond precision. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/** Caps one write so a stalled client cannot make us build a huge string. */
const MAX_STEPS_PER_WRITE = 2048;

const DEFAULT_STREAM_ERROR = 'The model encountered an internal error while generating. Please retry.';

/** Pre-rendered event pieces: JSON is assembled from fixed prefixes for speed. */
function framer(job: StreamJob) {
  const object = job.style === 'chat' ? 'chat.completion.chunk' : 'text_completion';
  const head = `{"id":${JSON.stringify(job.id)},"object":"${object}","created":${job.created},"model":${JSON.stringify(job.model)}`;
  const prefix = `data: ${head},"choices":[{"index":`;
  return {
    content(index: number, piece: string, first: boolean): string {
      if (job.style === 'completions')
        return `${prefix}${index},"text":${JSON.stringify(piece)},"finish_reason":null}]}\n\n`;
      const role = first ? '"role":"assistant",' : '';
      return `${prefix}${index},"delta":{${role}"content":${JSON.stringify(piece)}},"finish_reason":null}]}\n\n`;
    },
    finish(index: number, reason: string): string {
      const body = job.style === 'chat' ? '"delta":{}' : '"text":""';
      return `${prefix}${index},${body},"finish_reason":"${reason}"}]}\n\n`;
    },
    usage(): string {
      return `data: ${head},"choices":[],"usage":${JSON.stringify(job.usage)}}\n\n`;
    },
    malformed(): string {
      return `${prefix}0,"delta":{"content":"this chunk is cut short\n\n`;
    },
  };
}

/** One paced stream: a single timer chain that writes whatever tokens are due. */
class PacedStream {
  private readonly frame: ReturnType<typeof framer>;
  private readonly steps: number;
  private readonly interval: number;
  private step = 0;
  private sent = 0;
  private done = false;
  private faultPending: boolean;
  private timer: NodeJS.Timeout | undefined;
  private startAt = 0;

  constructor(private readonly job: StreamJob) {
    this.frame = framer(job);
    this.steps = Math.max(1, ...job.choices.map((choice) => choice.pieces.length));
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

  /** Events for step `s`: one token per choice, plus finish events for choices ending here. */
  private emitStep(s: number): string {
    let out = '';
    for (const choice of this.job.choices) {
      const piece = choice.pieces[s];
      if (piece !== undefined) {
        out += this.frame.content(choice.index, piece, s === 0);
        this.sent += 1;
      } else if (s === 0) out += this.frame.content(choice.index, '', true);
      if (s === Math.max(0, choice.pieces.length - 1))
        out += this.frame.finish(choice.index, choice.finishReason);
    }
    return out;
  }

  /** Applies the injected fault; returns true when the stream is over. */
  private fire(pending: string): boolean {
    this.faultPending = false;
    const fault = this.job.fault as StreamFault;
    const { res } = this.job;
    if (fault.type === 'malformed-chunk') return false;
    this.end();
    if (fault.type === 'disconnect') {
      // Destroy only once what was sent reached the socket, so the client sees the partial text.
      res.write(pending, () => setTimeout(() => res.destroy(), 20));
      return true;
    }
    const error = {
      error_code: fault.errorCode ?? 'INTERNAL_ERROR',
      message: fault.message ?? DEFAULT_STREAM_ERROR,
    };
    res.end(`${pending}data: ${JSON.stringify(error)}\n\n`);
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
    if (last) trace.lastTokenAt = now;
  }

  private tick(): void {
    this.timer = undefined;
    if (this.done) return;
    const { res } = this.job;
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
        out += this.frame.malformed();
        continue;
      }
      out += this.emitStep(this.step);
      this.step += 1;
    }
    if (this.step >= this.steps) {
      res.end(`${out}${this.frame.usage()}data: [DONE]\n\n`);
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

/** Writes the SSE headers and streams the job's choices; returns at once. */
export function runStream(job: StreamJob): void {
  new PacedStream(job).start();
}
