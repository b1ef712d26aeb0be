import { randomUUID } from 'node:crypto';

/*
 * One AbortController per running generation, grouped by the session (window or socket)
 * that started it, so that cancel, a closed window and app quit all stop the HTTP stream.
 */

/** A registered stream: its id (sent to the renderer) and the signal its request listens to. */
export interface RegisteredStream {
  streamId: string;
  signal: AbortSignal;
}

export interface StreamRegistry {
  /** Registers a new stream for a session. */
  start(sessionId: string): RegisteredStream;
  /**
   * Aborts a running stream. With `sessionId`, only that session's streams can be cancelled.
   * Returns false for unknown, finished or already cancelled streams.
   */
  cancel(streamId: string, sessionId?: string): boolean;
  /** Forgets a stream that ended on its own (no abort). Unknown ids are ignored. */
  finish(streamId: string): void;
  /** Aborts every stream of a session (window closed, socket closed); returns how many. */
  abortSession(sessionId: string): number;
  /** Aborts every stream (app quit); returns how many. */
  abortAll(): number;
  /** How many streams are running (for tests and diagnostics). */
  readonly size: number;
}

interface Entry {
  sessionId: string;
  controller: AbortController;
}

/** Creates an empty stream registry. */
export function createStreamRegistry(): StreamRegistry {
  const streams = new Map<string, Entry>();
  const bySession = new Map<string, Set<string>>();

  function forget(streamId: string): Entry | undefined {
    const entry = streams.get(streamId);
    if (!entry) return undefined;
    streams.delete(streamId);
    const ids = bySession.get(entry.sessionId);
    ids?.delete(streamId);
    if (ids?.size === 0) bySession.delete(entry.sessionId);
    return entry;
  }

  function abortMany(ids: Iterable<string>): number {
    let count = 0;
    // Copy first: forgetting while iterating the live set would skip entries.
    for (const id of [...ids]) {
      const entry = forget(id);
      if (entry) {
        entry.controller.abort();
        count += 1;
      }
    }
    return count;
  }

  return {
    start(sessionId) {
      // Random ids: a renderer can't guess (and cancel) another session's streams.
      const streamId = randomUUID();
      const controller = new AbortController();
      streams.set(streamId, { sessionId, controller });
      let ids = bySession.get(sessionId);
      if (!ids) {
        ids = new Set();
        bySession.set(sessionId, ids);
      }
      ids.add(streamId);
      return { streamId, signal: controller.signal };
    },
    cancel(streamId, sessionId) {
      const entry = streams.get(streamId);
      if (!entry || (sessionId !== undefined && entry.sessionId !== sessionId)) return false;
      return abortMany([streamId]) === 1;
    },
    finish(streamId) {
      forget(streamId);
    },
    abortSession: (sessionId) => abortMany(bySession.get(sessionId) ?? []),
    abortAll: () => abortMany(streams.keys()),
    get size() {
      return streams.size;
    },
  };
}
