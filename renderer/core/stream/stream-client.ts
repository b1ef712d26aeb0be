import type { RequestOf } from '../../../shared/contract';
import type { StudioError } from '../../../shared/errors';
import {
  isTerminalEvent,
  type StreamEvent,
  type StreamEventBody,
  type TerminalStreamEvent,
} from '../../../shared/stream-events';
import { createFrameBatcher, type FrameClock, STREAM_BATCHING } from './frame-batcher';
import { type StreamApi, streamRouterFor } from './stream-router';

export type { StreamApi } from './stream-router';

/**
 * The renderer's one way to run a generation stream. Chat, completion and compare use it;
 * whatever streams next (reasoning, the Responses API, tools, batch evaluation) should too,
 * rather than copying the plumbing:
 *
 * - **The renderer picks the id** (`crypto.randomUUID()`) and starts listening for it
 *   before the start request is sent, so no event can arrive for an id it doesn't know
 *   yet, and Stop works from the first moment.
 * - **Routing**: one `onStreamEvent` subscription per page (stream-router.ts); each event
 *   goes to its own stream only.
 * - **One ending**: every stream hands exactly one terminal event (`done`, `error`,
 *   `aborted`) to its group, then is forgotten. A start that fails (refused, or the
 *   bridge threw) ends in a made-up `error` event; a Stop the privileged side can no
 *   longer act on (the stream is already over there) ends in a made-up `aborted`, so a
 *   UI never stays "streaming". Made-up events follow the stream's last `seq`.
 *
 * **Batching — the two numbers, in one place.** A server sends a chunk per token. The
 * privileged side (electron/services/stream-emitter.ts, `DEFAULT_COALESCE_MS`) coalesces
 * them into at most one `delta` per ~24 ms (clamped to 16–33 ms), the first at once. Here,
 * a group's `onEvents` gets its events at most once per animation frame and at most every
 * 16 ms (`STREAM_RENDER_INTERVAL_MS`, `STREAM_BATCHING` in frame-batcher.ts): the first
 * batch after a pause at the next frame, a terminal event at once with everything before
 * it. So a store updates once per delta (about 40 times a second) however fast the server
 * streams, and a delta is on screen one frame after it arrives.
 */

/** The kinds of stream the bridge can start. */
export type StreamKind = 'chat' | 'completion';

/** A start request of `kind`, without the id (the client adds it). */
export type StreamRequest<K extends StreamKind> = Omit<
  RequestOf<K extends 'chat' ? 'startChat' : 'startCompletion'>,
  'streamId'
>;

/** One running stream. */
export interface StreamHandle {
  readonly streamId: string;
  /** Settles when the start request has answered: true when the stream was accepted. */
  readonly started: Promise<boolean>;
  /** The terminal event, once it was handed to the group's `onEvents`. */
  readonly done: Promise<TerminalStreamEvent>;
  /** True when the start failed: no stream ran, and its terminal `error` was made up here. */
  readonly refused: boolean;
  /**
   * Stops the stream; the text so far stays. Safe at any time: before the start request has
   * answered (it cancels by the known id, again once the start is accepted), and after the
   * end (nothing happens). Resolves once the privileged side has answered.
   */
  stop(): Promise<void>;
}

/** Streams whose events reach one `onEvents`, batched together. */
export interface StreamGroup {
  /** Starts a stream; its events go to the group's `onEvents`. `signal` stops it. */
  start<K extends StreamKind>(
    kind: K,
    request: StreamRequest<K>,
    options?: { signal?: AbortSignal },
  ): StreamHandle;
  /** Hands the pending events over now (before the view changes under them). */
  flush(): void;
}

/** Options of {@link createStreamGroup}. */
export interface StreamGroupOptions {
  /** The clock the batches are scheduled on (tests pass a manual one). */
  clock?: FrameClock;
  /** Stream ids; random UUIDs unless a test needs others. */
  newId?: () => string;
}

const randomId = () => globalThis.crypto.randomUUID();

/**
 * A group of streams for one consumer (a store): `onEvents` receives every event of every
 * stream started through the group, sorted by arrival, in one batch per frame at most (see
 * the batching note above), so several streams at once (a comparison's panes) still update
 * the consumer once per frame. Events carry their `streamId` for the consumer's routing.
 * `getApi` is called at each start, never before.
 */
export function createStreamGroup(
  getApi: () => StreamApi,
  onEvents: (events: StreamEvent[]) => void,
  options: StreamGroupOptions = {},
): StreamGroup {
  const batcher = createFrameBatcher<StreamEvent>(onEvents, options.clock, STREAM_BATCHING);
  const newId = options.newId ?? randomId;
  return {
    start: (kind, request, startOptions = {}) =>
      openStream({ api: getApi(), kind, request, streamId: newId(), push: batcher.push, ...startOptions }),
    flush: batcher.flushNow,
  };
}

/** Starts one stream with a group of its own (for a consumer of a single stream). */
export function startStream<K extends StreamKind>(
  api: StreamApi,
  kind: K,
  request: StreamRequest<K>,
  options: { onEvents: (events: StreamEvent[]) => void; signal?: AbortSignal; clock?: FrameClock },
): StreamHandle {
  const group = createStreamGroup(() => api, options.onEvents, { clock: options.clock });
  return group.start(kind, request, { signal: options.signal });
}

interface OpenOptions {
  api: StreamApi;
  kind: StreamKind;
  request: StreamRequest<StreamKind>;
  streamId: string;
  /** Into the group's batcher. */
  push: (event: StreamEvent) => void;
  signal?: AbortSignal;
}

/** Sends the start request; a failure (refused or thrown) comes back as an error. */
async function sendStart(options: OpenOptions): Promise<StudioError | null> {
  const { api, kind, request, streamId } = options;
  try {
    const result =
      kind === 'chat'
        ? await api.startChat({ ...(request as StreamRequest<'chat'>), streamId })
        : await api.startCompletion({ ...(request as StreamRequest<'completion'>), streamId });
    return result.ok ? null : result.error;
  } catch (cause) {
    return {
      code: 'INTERNAL',
      message: cause instanceof Error ? cause.message : 'The request could not be sent.',
    };
  }
}

/** Asks the privileged side to cancel; false when it does not know the stream (or the call failed). */
async function cancel(api: StreamApi, streamId: string): Promise<boolean> {
  try {
    const result = await api.cancelStream({ streamId });
    return result.ok && result.value.cancelled;
  } catch {
    return false;
  }
}

/** Listens for `streamId`, then sends its start request; returns its handle. */
function openStream(options: OpenOptions): StreamHandle {
  return new LiveStream(options);
}

/** A stream from its start request to its one terminal event. */
class LiveStream implements StreamHandle {
  readonly streamId: string;
  readonly started: Promise<boolean>;
  readonly done: Promise<TerminalStreamEvent>;
  #resolveStarted: (accepted: boolean) => void = () => undefined;
  #resolveDone: (event: TerminalStreamEvent) => void = () => undefined;
  #lastSeq = -1;
  #starting = true;
  #ended = false;
  #refused = false;
  readonly #options: OpenOptions;
  readonly #stopListening: () => void;
  readonly #onAbort = () => void this.stop();

  constructor(options: OpenOptions) {
    this.#options = options;
    this.streamId = options.streamId;
    this.started = new Promise((resolve) => {
      this.#resolveStarted = resolve;
    });
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    // Listening first: no event can come for an id nobody listens to.
    this.#stopListening = streamRouterFor(options.api).listen(this.streamId, (event) => this.#receive(event));
    options.signal?.addEventListener('abort', this.#onAbort, { once: true });
    void this.#send();
  }

  get refused(): boolean {
    return this.#refused;
  }

  /** See {@link StreamHandle.stop}; an arrow so it can be passed around unbound. */
  readonly stop = async (): Promise<void> => {
    if (this.#ended) return;
    const { api } = this.#options;
    const wasStarting = this.#starting;
    if ((await cancel(api, this.streamId)) || this.#ended) return;
    // The cancel may have overtaken the start request: once that is accepted, cancel again.
    if (wasStarting && (await this.started) && !this.#ended && (await cancel(api, this.streamId))) return;
    this.#endLocally({ type: 'aborted', metrics: null });
  };

  #receive(event: StreamEvent): void {
    if (this.#ended) return;
    this.#lastSeq = Math.max(this.#lastSeq, event.seq);
    if (isTerminalEvent(event)) this.#finish(event as TerminalStreamEvent);
    else this.#options.push(event);
  }

  /**
   * Sends the start request. Every ending here comes after an await, so nothing is handed
   * over inside start(): the caller records the handle and its id before any event.
   */
  async #send(): Promise<void> {
    if (this.#options.signal?.aborted) {
      await null;
      this.#endLocally({ type: 'aborted', metrics: null });
      this.#resolveStarted(false);
      return;
    }
    const error = await sendStart(this.#options);
    this.#starting = false;
    if (error && !this.#ended) {
      this.#refused = true;
      this.#endLocally({ type: 'error', error, partial: false, metrics: null });
    }
    this.#resolveStarted(error === null);
  }

  #finish(event: TerminalStreamEvent): void {
    this.#ended = true;
    this.#stopListening();
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    // Terminal events are urgent for the batcher: handed over now, after what is pending.
    this.#options.push(event);
    this.#resolveDone(event);
  }

  /** Ends the stream here, with an event after the last one seen. */
  #endLocally(body: Extract<StreamEventBody, { type: 'error' | 'aborted' }>): void {
    if (!this.#ended) this.#finish({ ...body, streamId: this.streamId, seq: this.#lastSeq + 1 });
  }
}
