import type { FrameClock } from '../../../../../renderer/core/stream/frame-batcher';
import type { StreamApi } from '../../../../../renderer/core/stream/stream-client';
import { CONTRACT, type RequestOf } from '../../../../../shared/contract';
import { fail, ok, type Result, type StudioError } from '../../../../../shared/errors';
import type { StreamEvent, StreamEventBody } from '../../../../../shared/stream-events';

/*
 * The one test double of the bridge's stream parts (startChat, startCompletion,
 * cancelStream, onStreamEvent) for every renderer test that streams, and a frame clock
 * that only ticks when the test says so.
 */

/** How the double answers. */
export interface FakeStreamOptions {
  /** Errors the start requests answer with, in order (then they succeed). */
  startErrors?: StudioError[];
  /** Errors the start requests for an endpoint answer with, every time. */
  errorsByEndpoint?: Record<string, StudioError>;
  /** Start requests answer only once this settles (to act while a start is in flight). */
  startGate?: Promise<void>;
  /** What cancelStream answers (default true; false: "this stream is unknown here"). */
  cancelled?: boolean | ((streamId: string) => boolean);
}

/** A StreamApi double: records requests (checked against the contract), lets the test emit events. */
export function fakeStreamApi(options: FakeStreamOptions = {}) {
  const listeners = new Set<(event: StreamEvent) => void>();
  const chats: RequestOf<'startChat'>[] = [];
  const completions: RequestOf<'startCompletion'>[] = [];
  /** Stream ids in the order their start requests came. */
  const streamIds: string[] = [];
  const cancels: string[] = [];
  const startErrors = [...(options.startErrors ?? [])];
  let subscriptions = 0;

  async function answer(
    method: 'startChat' | 'startCompletion',
    request: { streamId: string; endpoint: string },
  ) {
    // Checked like the router does, so a request the privileged side would refuse fails here too.
    const parsed = CONTRACT[method].request.safeParse(request);
    if (!parsed.success) return fail('INVALID_REQUEST', parsed.error.issues[0]?.message ?? 'invalid');
    streamIds.push(request.streamId);
    await options.startGate;
    const error = startErrors.shift() ?? options.errorsByEndpoint?.[request.endpoint];
    if (error) return fail(error.code, error.message, error);
    return ok({ streamId: request.streamId });
  }

  const api = {
    onStreamEvent(listener: (event: StreamEvent) => void) {
      subscriptions += 1;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    startChat(request: RequestOf<'startChat'>) {
      chats.push(request);
      return answer('startChat', request);
    },
    startCompletion(request: RequestOf<'startCompletion'>) {
      completions.push(request);
      return answer('startCompletion', request);
    },
    async cancelStream({ streamId }: { streamId: string }): Promise<Result<{ cancelled: boolean }>> {
      cancels.push(streamId);
      const { cancelled = true } = options;
      return ok({ cancelled: typeof cancelled === 'function' ? cancelled(streamId) : cancelled });
    },
  } satisfies StreamApi;

  /** The id of the `n`th stream started (1 = the first). */
  const id = (n: number): string => {
    const streamId = streamIds[n - 1];
    if (!streamId) throw new Error(`Only ${streamIds.length} streams were started, not ${n}.`);
    return streamId;
  };
  /** Pushes an event of stream `streamId` to the page, as the privileged side would. */
  const emit = (streamId: string, seq: number, body: StreamEventBody) => {
    for (const listener of listeners) listener({ ...body, streamId, seq } as StreamEvent);
  };
  return {
    api,
    chats,
    completions,
    streamIds,
    cancels,
    id,
    emit,
    /** How many times onStreamEvent was subscribed to. */
    subscriptions: () => subscriptions,
  };
}

/**
 * A frame clock whose frames run only when the test calls `frame()`. Each frame is 100 ms
 * after the last, so every frame may flush (streams are batched at most once per 16 ms frame).
 */
export function manualClock() {
  let frames: (() => void)[] = [];
  let time = 0;
  const clock: FrameClock = {
    now: () => time,
    requestFrame(cb) {
      frames.push(cb);
      return () => {
        frames = frames.filter((f) => f !== cb);
      };
    },
    setTimer: () => () => undefined,
    isHidden: () => false,
  };
  const frame = () => {
    const due = frames;
    frames = [];
    for (const f of due) f();
    time += 100;
  };
  return { clock, frame };
}
