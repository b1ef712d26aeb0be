import type { StudioApi } from '../../../shared/contract';
import type { StreamEvent } from '../../../shared/stream-events';

/*
 * Routes stream events to the one listener of their stream id. The bridge pushes every
 * event of every stream this page started through one channel; instead of each feature
 * subscribing to all of them and filtering, the page subscribes once (per bridge) and each
 * event goes only to its own stream's listener. Events of ids nobody listens to (a stream
 * already settled here) are dropped.
 */

/** The parts of the bridge a stream uses. */
export type StreamApi = Pick<StudioApi, 'startChat' | 'startCompletion' | 'cancelStream' | 'onStreamEvent'>;

/** The id → listener table of one bridge. */
export interface StreamRouter {
  /** Sends the events of `streamId` to `listener` until the returned function is called. */
  listen(streamId: string, listener: (event: StreamEvent) => void): () => void;
  /** How many streams are listened to (for tests and diagnostics). */
  readonly size: number;
}

function createStreamRouter(api: StreamApi): StreamRouter {
  const listeners = new Map<string, (event: StreamEvent) => void>();
  let subscribed = false;
  return {
    listen(streamId, listener) {
      // Random UUIDs do not collide; a repeat would be a bug that mixes two streams' text.
      if (listeners.has(streamId)) throw new Error(`Stream ${streamId} is already listened to.`);
      if (!subscribed) {
        // Subscribed at the first stream, not at startup; the page keeps it for its lifetime.
        subscribed = true;
        api.onStreamEvent((event) => listeners.get(event.streamId)?.(event));
      }
      listeners.set(streamId, listener);
      return () => {
        if (listeners.get(streamId) === listener) listeners.delete(streamId);
      };
    },
    get size() {
      return listeners.size;
    },
  };
}

const routers = new WeakMap<StreamApi, StreamRouter>();

/** The router of `api`: one per bridge, so one `onStreamEvent` subscription per page. */
export function streamRouterFor(api: StreamApi): StreamRouter {
  let router = routers.get(api);
  if (!router) {
    router = createStreamRouter(api);
    routers.set(api, router);
  }
  return router;
}
