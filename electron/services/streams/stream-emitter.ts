import type { StreamEvent, StreamEventBody } from '../../../shared/stream-events';
import type { GenerationOutcome, GenerationSink, ReasoningPiece } from '../types';

/*
 * Turns one generation's sink calls into StreamEvents for the renderer. Servers send a
 * chunk per token (hundreds per second); pushing each one across IPC and re-rendering per
 * token is what makes chat UIs stutter, so text is coalesced: the first answer text and the
 * first reasoning text go out at once (time to first token is what the user notices), later
 * ones are buffered per choice and flushed together at most once per interval. Only new
 * text is sent, never the accumulated text (that would be quadratic in the response length).
 *
 * Reasoning is coalesced the same way, but a buffered run only ever holds one summary part
 * of one reasoning item: pieces of another part start a new run, and a part's signature (or
 * encrypted data) ends its run, riding on its last event — so parts are never merged and no
 * signature is lost. When a choice switches between reasoning and answer text, everything
 * pending is flushed first, so events keep the order the model produced them in.
 *
 * The renderer batches again, once per frame at most: both numbers are described
 * together in renderer/core/stream/stream-client.ts.
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
  /** True once any output (text, reasoning, an item) was received (used to mark failures as partial). */
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

/** Buffered text of one choice: answer text, or one part of one reasoning item. */
type Run = { kind: 'delta'; text: string } | ({ kind: 'reasoning'; sealed: boolean } & ReasoningPiece);

/** The event a run becomes (a reasoning run's absent signature, data and id stay absent). */
function runEvent(index: number, run: Run): StreamEventBody {
  if (run.kind === 'delta') return { type: 'delta', index, text: run.text };
  const { item, part, text, signature, encrypted, itemId } = run;
  return {
    type: 'reasoning',
    index,
    item,
    part,
    text,
    ...(signature !== undefined ? { signature } : {}),
    ...(encrypted !== undefined ? { encrypted } : {}),
    ...(itemId !== undefined ? { itemId } : {}),
  };
}

/** Whether `next` only extends `run`: the same kind and, for reasoning, the same unsigned part. */
function extendsRun(run: Run | undefined, next: Run): boolean {
  if (!run || run.kind !== next.kind) return false;
  if (run.kind === 'delta' || next.kind === 'delta') return true;
  return !run.sealed && run.item === next.item && run.part === next.part;
}

/** Appends `next` to `run`: its text, and its signature, data or id when it has them. */
function extend(run: Run, next: Run): void {
  run.text += next.text;
  if (run.kind === 'delta' || next.kind === 'delta') return;
  run.signature = next.signature ?? run.signature;
  run.encrypted = next.encrypted ?? run.encrypted;
  run.itemId ??= next.itemId;
  run.sealed = next.sealed;
}

/** Creates the coalescing emitter for one stream; `seq` starts at 0. */
export function createStreamEmitter(options: StreamEmitterOptions): StreamEmitter {
  const { streamId } = options;
  const timers = options.timers ?? systemTimers;
  const interval = Math.min(
    MAX_COALESCE_MS,
    Math.max(MIN_COALESCE_MS, options.intervalMs ?? DEFAULT_COALESCE_MS),
  );
  // Pending runs per choice index, in arrival order; indexes are sorted on flush.
  const pending = new Map<number, Run[]>();
  // The kinds whose first piece has gone out (each kind's first piece is sent at once).
  const sentFirst = new Set<Run['kind']>();
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
    for (const index of indexes) for (const run of pending.get(index)!) send(runEvent(index, run));
    pending.clear();
  }

  /** Flushes pending text first so that events keep the order the server sent them in. */
  function sendInOrder(body: StreamEventBody): void {
    if (ended) return;
    flush();
    send(body);
  }

  /**
   * Buffers one piece of text for choice `index`. Switching between answer and reasoning
   * flushes what is pending first; the first piece of each kind goes out at once.
   */
  function push(index: number, next: Run): void {
    if (ended) return;
    hasText = true;
    const last = pending.get(index)?.at(-1);
    if (last && last.kind !== next.kind) flush();
    if (!sentFirst.has(next.kind)) {
      sentFirst.add(next.kind);
      flush();
      send(runEvent(index, next));
      return;
    }
    const runs = pending.get(index) ?? [];
    pending.set(index, runs);
    const tail = runs.at(-1);
    if (tail && extendsRun(tail, next)) extend(tail, next);
    else runs.push(next);
    // One timer for the whole stream, started by the first buffered piece after a flush.
    timer ??= timers.setTimeout(() => {
      timer = null;
      if (!ended) flush();
    }, interval);
  }

  return {
    start: (model) => sendInOrder({ type: 'start', model }),
    retry: (attempt, delayMs, reason) => sendInOrder({ type: 'retry', attempt, delayMs, reason }),
    usage: (usage) => sendInOrder({ type: 'usage', usage }),
    item(index, item) {
      hasText = true;
      sendInOrder({ type: 'item', index, item });
    },
    delta(index, text) {
      if (text.length > 0) push(index, { kind: 'delta', text });
    },
    reasoning(index, piece) {
      // A signature or encrypted data ends its part: later text of that part starts a new run.
      const sealed = piece.signature !== undefined || piece.encrypted !== undefined;
      if (piece.text.length > 0 || sealed) push(index, { kind: 'reasoning', sealed, ...piece });
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
