import { CHANNEL_METHODS, CHANNELS } from '../../../shared/channels';
import type { MethodName, StudioApi } from '../../../shared/contract';
import { fail, type Result } from '../../../shared/errors';
import { isTerminalEvent, type StreamEvent } from '../../../shared/stream-events';
import {
  frameTooLarge,
  frameTooLargeMessage,
  WS_PATH,
  WS_TOKEN_PARAM,
  type WsCall,
  type WsFrame,
} from '../../../shared/ws-protocol';

/** What the bridge's socket is doing, for a status line in the UI. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** StudioApi over the browser-mode WebSocket, plus its connection state. */
export type WebSocketBridge = StudioApi & {
  /** Calls `listener` whenever the connection state changes; returns unsubscribe. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
};

export interface WebSocketBridgeOptions {
  /** The WebSocket constructor (tests pass a fake). */
  WebSocket?: typeof WebSocket;
  /** First reconnect delay; doubles per failed attempt up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

const LOST_MESSAGE =
  "The connection to Serving Studio's local host was lost. If you stopped `npm run web`, start it again; otherwise try again in a moment.";

/** Channels whose result starts a stream (so its id is tracked until a terminal event). */
const STREAM_START_CHANNELS = new Set<string>([CHANNELS.startChat, CHANNELS.startCompletion]);

/**
 * The WebSocket URL for the page at `location`: same host, WS_PATH, and the token the host
 * put in the page URL. Null when the page was opened without a token.
 */
export const webSocketUrlFromLocation = (location: Pick<Location, 'protocol' | 'host' | 'search'>) => {
  const token = new URLSearchParams(location.search).get(WS_TOKEN_PARAM);
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}?${WS_TOKEN_PARAM}=${encodeURIComponent(token)}`;
};

/** Streams in flight: last seq seen and whether text arrived, to end them if the socket drops. */
type StreamTrack = { lastSeq: number; hadDelta: boolean };

/**
 * Tracks live streams so that, when the socket drops (the host then aborts them), each gets
 * a terminal `error` event instead of spinning forever in the UI.
 */
const createStreamTracker = () => {
  const live = new Map<string, StreamTrack>();
  const ended = new Set<string>();
  return {
    started(streamId: string) {
      if (!ended.has(streamId) && !live.has(streamId)) live.set(streamId, { lastSeq: -1, hadDelta: false });
    },
    seen(event: StreamEvent) {
      if (isTerminalEvent(event)) {
        live.delete(event.streamId);
        ended.add(event.streamId);
        return;
      }
      const track = live.get(event.streamId) ?? { lastSeq: -1, hadDelta: false };
      // Reasoning and an agent's items are output too: a drop after them is a partial answer.
      const output = event.type === 'delta' || event.type === 'reasoning' || event.type === 'item';
      live.set(event.streamId, { lastSeq: event.seq, hadDelta: track.hadDelta || output });
    },
    /** Terminal events for every live stream; forgets them. */
    drain(): StreamEvent[] {
      const events = [...live].map(([streamId, track]): StreamEvent => {
        ended.add(streamId);
        return {
          streamId,
          seq: track.lastSeq + 1,
          type: 'error',
          error: { code: 'NETWORK', message: LOST_MESSAGE },
          partial: track.hadDelta,
          metrics: null,
        };
      });
      live.clear();
      return events;
    },
  };
};

/** Parses a frame from the host; anything else is ignored (never trusted blindly). */
const parseFrame = (data: unknown): WsFrame | null => {
  if (typeof data !== 'string') return null;
  try {
    const frame = JSON.parse(data) as WsFrame;
    return frame && (frame.kind === 'result' || frame.kind === 'event') ? frame : null;
  } catch {
    return null;
  }
};

/** What the connection tells the bridge about. */
interface ConnectionHooks {
  onResult(channel: string, result: Result<unknown>): void;
  onEvent(event: StreamEvent): void;
  /** The socket closed: every call in flight has just failed with NETWORK. */
  onLost(): void;
  onState(state: ConnectionState): void;
}

/**
 * The socket side: numbers calls, queues them until the socket is open, resolves them by id,
 * fails them all with NETWORK when the socket closes, and reconnects with exponential backoff.
 */
const createConnection = (url: string, options: WebSocketBridgeOptions, hooks: ConnectionHooks) => {
  const Socket = options.WebSocket ?? WebSocket;
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const pending = new Map<number, { channel: string; resolve: (result: Result<unknown>) => void }>();
  const queue: string[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const onFrame = (data: unknown) => {
    const frame = parseFrame(data);
    if (frame?.kind === 'event') hooks.onEvent(frame.event as StreamEvent);
    const call = frame?.kind === 'result' ? pending.get(frame.id) : undefined;
    if (!call || frame?.kind !== 'result') return;
    pending.delete(frame.id);
    hooks.onResult(call.channel, frame.result as Result<unknown>);
    call.resolve(frame.result as Result<unknown>);
  };

  const onClose = () => {
    socket = null;
    queue.length = 0;
    for (const call of pending.values()) call.resolve(fail('NETWORK', LOST_MESSAGE));
    pending.clear();
    hooks.onLost();
    const delay = Math.min(maxDelay, initialDelay * 2 ** attempt);
    attempt += 1;
    // Said out loud: a silent reconnect loop is hard to diagnose from a bug report.
    console.warn(`Serving Studio: lost the connection to the local host; reconnecting in ${delay} ms.`);
    hooks.onState('reconnecting');
    reconnectTimer = setTimeout(connect, delay);
  };

  function connect(): void {
    reconnectTimer = null;
    const next = new Socket(url);
    socket = next;
    next.onopen = () => {
      attempt = 0;
      for (const frame of queue.splice(0)) next.send(frame);
      hooks.onState('open');
    };
    next.onmessage = (message) => onFrame(message.data);
    next.onclose = onClose;
  }

  const call = (channel: string, payload: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, { channel, resolve });
      const frame = JSON.stringify({ kind: 'call', id, channel, payload } satisfies WsCall);
      // The host would close the socket on it (and every call in flight would fail): refuse it here, in words.
      if (frameTooLarge(frame)) {
        pending.delete(id);
        return resolve(fail('INVALID_INPUT', frameTooLargeMessage()));
      }
      if (socket?.readyState === Socket.OPEN) return socket.send(frame);
      queue.push(frame);
      // Waiting out a backoff: try now rather than leave the call queued for it.
      if (!socket && reconnectTimer) {
        clearTimeout(reconnectTimer);
        connect();
      }
    });

  hooks.onState('connecting');
  connect();
  return { call };
};

/**
 * StudioApi over the browser-mode WebSocket (`url` from webSocketUrlFromLocation).
 * Calls made before the socket opens are queued; every call in flight (or queued) fails
 * with NETWORK when the socket closes, live streams get a terminal NETWORK error event, and
 * the bridge reconnects with exponential backoff.
 */
export const createWebSocketBridge = (url: string, options: WebSocketBridgeOptions = {}): WebSocketBridge => {
  const eventListeners = new Set<(event: StreamEvent) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const streams = createStreamTracker();
  const emit = (event: StreamEvent) => {
    for (const listener of eventListeners) listener(event);
  };
  const { call } = createConnection(url, options, {
    onResult(channel, result) {
      if (STREAM_START_CHANNELS.has(channel) && result?.ok) {
        streams.started((result.value as { streamId: string }).streamId);
      }
    },
    onEvent(event) {
      streams.seen(event);
      emit(event);
    },
    onLost() {
      for (const event of streams.drain()) emit(event);
    },
    onState(state) {
      for (const listener of stateListeners) listener(state);
    },
  });
  const methods = Object.fromEntries(
    CHANNEL_METHODS.map((method: MethodName) => [
      method,
      (request?: unknown) => call(CHANNELS[method], request),
    ]),
  ) as unknown as Omit<StudioApi, 'onStreamEvent'>;
  return {
    ...methods,
    onStreamEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  } satisfies WebSocketBridge;
};
