import type { OutputItem } from '../../../shared/domain';
import type { GenerationSink, ReasoningPiece } from '../types';
import { type MetricsRecorder, usageFromServer } from './metrics';

/*
 * What a wire protocol's stream parser writes to: the sink's calls, with every piece of output
 * recorded in the metrics (timing, and "no retry after this"), and the finish reasons kept
 * per choice. One StreamOutput lives across the attempts of a generation (so `start` is sent
 * once); a parser is made per attempt (retries only ever happen before any output).
 */

/** Turns one protocol's streamed events (or its whole JSON answer) into StreamOutput calls. */
export interface StreamParser {
  /** One event of the SSE stream, parsed as JSON. Throws StudioFailure for an error it reports. */
  event(value: unknown): void;
  /** The whole answer (one JSON document): streaming was off, or the server ignored `stream: true`. */
  whole(value: unknown): void;
  /** The stream ended (after its last event): anything held back is written now. */
  end(): void;
}

/** One way to ask for a generation: where to POST, what, and how to read the answer. */
export interface WireCall {
  /** Path under the workspace host (or the OpenAI base URL). */
  path: string;
  /** The body, `stream` included: true, or false to ask for one JSON answer. */
  body: Record<string, unknown>;
  /** A fresh parser for one attempt; `headerModel` is the `served-model-name` header. */
  parser(out: StreamOutput, headerModel: string | null): StreamParser;
}

/** The sink calls of one generation, with metrics and finish reasons; see the file comment. */
export class StreamOutput {
  private started = false;
  private readonly reasons: (string | null)[] = [];

  constructor(
    private readonly sink: GenerationSink,
    private readonly rec: MetricsRecorder,
  ) {}

  /** Sends `start` once (the first call wins). */
  start(model: string | null): void {
    if (this.started) return;
    this.started = true;
    this.sink.start(model);
  }

  /** Makes choice `index` known, so it has a finish reason (null until one comes). */
  choice(index: number): void {
    while (this.reasons.length <= index) this.reasons.push(null);
  }

  /** Answer text for choice `index`; empty text is dropped. */
  delta(index: number, text: string): void {
    this.choice(index);
    if (!text) return;
    this.rec.markDelta(text.length);
    this.sink.delta(index, text);
  }

  /** Reasoning for choice `index`; a piece with neither text, signature nor data is dropped. */
  reasoning(index: number, piece: ReasoningPiece): void {
    this.choice(index);
    if (!piece.text && piece.signature === undefined && piece.encrypted === undefined) return;
    if (piece.text) this.rec.markDelta(piece.text.length);
    else this.rec.markHidden();
    this.sink.reasoning(index, piece);
  }

  /**
   * Output of choice `index` that is written whole later (a tool call's fragment, `chars` of
   * name and arguments): timed like visible text — the model has begun answering — but not
   * sent to the sink yet.
   */
  pending(index: number, chars: number): void {
    this.choice(index);
    this.rec.markDelta(chars);
  }

  /** A whole output item (tool call or output) for choice `index`. */
  item(index: number, item: OutputItem): void {
    this.choice(index);
    this.rec.markHidden();
    this.sink.item(index, item);
  }

  /** The server's usage object, when it carries a count (cumulative: the last one wins). */
  usage(raw: unknown): void {
    const usage = usageFromServer(raw);
    if (!usage) return;
    this.rec.setUsage(usage);
    this.sink.usage(usage);
  }

  /** Choice `index` finished for `reason` (the last one said wins). */
  finish(index: number, reason: string): void {
    this.choice(index);
    this.reasons[index] = reason;
  }

  /** Whether any output (text, reasoning or an item) was written. */
  get hasOutput(): boolean {
    return this.rec.deltaCount > 0;
  }

  get finishReasons(): (string | null)[] {
    return [...this.reasons];
  }
}
