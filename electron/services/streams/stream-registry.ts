import { failure } from '../../../shared/errors';

/*
 * One AbortController per running generation, grouped by the session (window or socket)
 * that started it, so that cancel, a closed window and app quit all stop the HTTP stream.
 *
 * The renderer chooses each stream's id (a random UUID, sent with the start request) so it
 * can listen for the stream's events before it even sends the request. Ids live in their
 * session's own namespace: a session can only cancel, or collide with, its own streams, and
 * never learns whether another session uses an id.
 */

export interface StreamRegistry {
  /**
   * Registers stream `streamId` of a session and returns the signal its request listens to.
   * Throws INVALID_INPUT when that session already runs a stream with this id, BUSY when it
   * already runs its maximum.
   */
  start(sessionId: string, streamId: string): AbortSignal;
  /**
   * Aborts a running stream of `sessionId` (another session's streams are out of reach).
   * Returns false for unknown, finished or already cancelled streams.
   */
  cancel(sessionId: string, streamId: string): boolean;
  /** Forgets a stream that ended on its own (no abort). Unknown ids are ignored. */
  finish(sessionId: string, streamId: string): void;
  /** Aborts every stream of a session (window closed, socket closed); returns how many. */
  abortSession(sessionId: string): number;
  /** Aborts every stream (app quit); returns how many. */
  abortAll(): number;
  /** How many streams are running (for tests and diagnostics). */
  readonly size: number;
}

/**
 * Streams one session may run at once. A comparison runs one per pane and a tool loop one at a
 * time per answer; 16 is far above real use and far below what would starve the others (each
 * stream holds an HTTP connection and its buffers).
 */
export const MAX_STREAMS_PER_SESSION = 16;

/** Creates an empty stream registry. */
export function createStreamRegistry(maxPerSession = MAX_STREAMS_PER_SESSION): StreamRegistry {
  /** Session id → its running streams (stream id → controller). */
  const sessions = new Map<string, Map<string, AbortController>>();
  let size = 0;

  function forget(sessionId: string, streamId: string): AbortController | undefined {
    const streams = sessions.get(sessionId);
    const controller = streams?.get(streamId);
    if (!streams || !controller) return undefined;
    streams.delete(streamId);
    size -= 1;
    if (streams.size === 0) sessions.delete(sessionId);
    return controller;
  }

  function abortSession(sessionId: string): number {
    // Copy first: forgetting while iterating the live map would skip entries.
    const ids = [...(sessions.get(sessionId)?.keys() ?? [])];
    for (const id of ids) forget(sessionId, id)?.abort();
    return ids.length;
  }

  return {
    start(sessionId, streamId) {
      let streams = sessions.get(sessionId);
      if (streams?.has(streamId))
        throw failure('INVALID_INPUT', 'A stream with this id is already running. Start it with a new id.');
      if (streams && streams.size >= maxPerSession)
        throw failure(
          'BUSY',
          `${maxPerSession} answers are already streaming in this window. Wait for one to finish or stop one, then try again.`,
        );
      if (!streams) {
        streams = new Map();
        sessions.set(sessionId, streams);
      }
      const controller = new AbortController();
      streams.set(streamId, controller);
      size += 1;
      return controller.signal;
    },
    cancel(sessionId, streamId) {
      const controller = forget(sessionId, streamId);
      controller?.abort();
      return controller !== undefined;
    },
    finish(sessionId, streamId) {
      forget(sessionId, streamId);
    },
    abortSession,
    abortAll: () => [...sessions.keys()].reduce((count, id) => count + abortSession(id), 0),
    get size() {
      return size;
    },
  };
}
