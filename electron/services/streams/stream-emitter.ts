import type { StreamEvent, StreamEventBody } from '../../../shared/stream-events';
import type { GenerationOutcome, GenerationSink } from '../types';

/*
 * Turns one generation's sink calls into StreamEvents for the renderer. Servers send a
 * chunk per token (hundreds per second); pushing each one across IPC and re-rendering per
 * token is what makes chat UIs stutter, so deltas are coalesced: the first one goes out at
 * once (time to first token is what the user notices), later ones are buffered per choice
 * and flushed together at most once per interval. Only new text is sent, never the
 * accumulated text (that would be quadratic in the response length). The renderer batches
 * again, per frame and at most every 50 ms: both numbers are described together in
 * renderer/core/stream/stream-client.ts.
 */

/** The timer functions the emitter uses; injectable so tests can drive time. */
export interface EmitterTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface StreamEmitterOptions {
  streamId: string;
  /** Receives every event of the stream, in order. */
  emit(event: StreamEvent): void;
  /** Coalescing interval in ms, clamped to 16–33 (one to two display frames). Default 24. */
  intervalMs?: number;
  timers?: EmitterTimers;
}

/** A GenerationSink that also ends the stream. Calls after the end are ignored. */
export interface StreamEmitter extends GenerationSink {
  /** Flushes pending text and emits the one terminal event (`done`, `error` or `aborted`). */
  end(outcome: GenerationOutcome): void;
  /** True once the terminal event was emitted. */
  readonly ended: boolean;
  /** True once any text was received (used to mark failures as partial). */
  readonly hasText: boolean;
}

export const DEFAULT_COALESCE_MS = 24;
const MIN_COALESCE_MS = 16;
const MAX_COALESCE_MS = 33;

const systemTimers: EmitterTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function terminalEvent(outcome: GenerationOutcome): StreamEventBody {
  switch (outcome.status) {
    case 'done':
      return { type: 'done', finishReasons: outcome.finishReasons, metrics: outcome.metrics };
    case 'error':
      return { type: 'error', error: outcome.error, partial: outcome.partial, metrics: outcome.metrics };
    case 'aborted':
      return { type: 'aborted', metrics: outcome.metrics };
  }
}

/** Creates the coalescing emitter for one stream; `seq` starts at 0. */
export function createStreamEmitter(options: StreamEmitterOptions): StreamEmitter {
  const { streamId } = options;
  const timers = options.timers ?? systemTimers;
  const interval = Math.min(
    MAX_COALESCE_MS,
    Math.max(MIN_COALESCE_MS, options.intervalMs ?? DEFAULT_COALESCE_MS),
  );
  // Pending text per choice index; a Map keeps insertion order, sorted on flush.
  const pending = new Map<number, string[]>();
  let seq = 0;
  let timer: unknown = null;
  let ended = false;
  let hasText = false;

  function send(body: StreamEventBody): void {
    const event = { ...body, streamId, seq } as StreamEvent;
    seq += 1;
    try {
      options.emit(event);
    } catch (err) {
      // Session.emit must not throw; if it does, the generation still has to end cleanly.
      console.error('[stream-emitter] emit failed:', err instanceof Error ? err.message : err);
    }
  }

  function flush(): void {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
    if (pending.size === 0) return;
    const indexes = [...pending.keys()].sort((a, b) => a - b);
    for (const index of indexes) send({ type: 'delta', index, text: pending.get(index)!.join('') });
    pending.clear();
  }

  /** Flushes pending text first so that events keep the order the server sent them in. */
  function sendInOrder(body: StreamEventBody): void {
    if (ended) return;
    flush();
    send(body);
  }

  return {
    start: (model) => sendInOrder({ type: 'start', model }),
    retry: (attempt, delayMs, reason) => sendInOrder({ type: 'retry', attempt, delayMs, reason }),
    usage: (usage) => sendInOrder({ type: 'usage', usage }),
    delta(index, text) {
      if (ended || text.length === 0) return;
      if (!hasText) {
        hasText = true;
        send({ type: 'delta', index, text });
        return;
      }
      const parts = pending.get(index);
      if (parts) parts.push(text);
      else pending.set(index, [text]);
      // One timer for the whole stream, started by the first buffered delta after a flush.
      timer ??= timers.setTimeout(() => {
        timer = null;
        if (!ended) flush();
      }, interval);
    },
    end(outcome) {
      if (ended) return;
      flush();
      send(terminalEvent(outcome));
      ended = true;
    },
    get ended() {
      return ended;
    },
    get hasText() {
      return hasText;
    },
  };
}
