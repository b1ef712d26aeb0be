import { randomUUID } from 'node:crypto';
import { type WebSocket, WebSocket as WebSocketClass } from 'ws';
import { fail } from '../../shared/errors';
import type { StreamEvent } from '../../shared/stream-events';
import { wsCallSchema } from '../../shared/ws-call-schema';
import type { WsFrame } from '../../shared/ws-protocol';
import type { Router } from '../services/router';
import type { Session } from '../services/types';

/** RFC 6455 "policy violation": the page broke the frame protocol. */
export const POLICY_VIOLATION = 1008;

/** Sends a frame if the socket is still open (a stream can outlive its tab by a moment). */
const send = (socket: WebSocket, frame: WsFrame): void => {
  if (socket.readyState !== WebSocketClass.OPEN) return;
  socket.send(JSON.stringify(frame));
};

/** Parses one text frame into a call, or null when it isn't one. */
const parseCall = (data: WebSocket.RawData, isBinary: boolean) => {
  if (isBinary) return null;
  try {
    // A call without a payload arrives without the key (JSON has no `undefined`); the schema
    // allows that and the router checks the payload against the channel's own schema.
    const parsed = wsCallSchema.safeParse(JSON.parse(data.toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/**
 * Turns one authenticated WebSocket into a router session: each `call` frame goes to the
 * router (which validates the payload against its channel's schema) and is answered by a
 * `result` frame with the same id; stream events are pushed as `event` frames. When the
 * socket closes, the session ends and the router aborts its streams.
 */
export const attachSession = (socket: WebSocket, router: Router): Session => {
  const session: Session = {
    // Random, not a counter: nothing about one tab's session should be guessable by another.
    id: randomUUID(),
    emit(event: StreamEvent) {
      send(socket, { kind: 'event', event });
    },
  };
  socket.on('message', (data, isBinary) => {
    const call = parseCall(data, isBinary);
    if (!call) {
      // Our own client never sends a malformed frame, so this is a bug or a hostile page:
      // end the session rather than guess.
      socket.close(POLICY_VIOLATION, 'Malformed frame');
      return;
    }
    router
      .handle(call.channel, call.payload, session)
      .catch(() =>
        // Never forward a thrown error's message: it may hold internals.
        fail('INTERNAL', 'Something went wrong in Serving Studio. Try again; restart it if it persists.'),
      )
      .then((result) => send(socket, { kind: 'result', id: call.id, result }));
  });
  // An 'error' is always followed by 'close'; listening keeps it from crashing the host.
  socket.on('error', () => undefined);
  socket.once('close', () => router.closeSession(session.id));
  return session;
};
