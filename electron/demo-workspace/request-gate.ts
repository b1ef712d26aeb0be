import type { ServerResponse } from 'node:http';
import { type DemoConfig, limitsFor } from './config';
import type { EndpointRegistry } from './endpoint-registry';
import type { DemoEndpoint } from './endpoints';
import { httpFaultResponse, type StreamFault, takeFaults } from './faults';
import { DemoHttpError } from './http-util';
import type { StreamTrace } from './paced-sse';
import { preciseNow } from './paced-sse';
import type { RateLimiter } from './rate-limiter';

/**
 * What every generating request passes before an answer, whatever its API: injected faults
 * (a slow first byte, a dropped socket, an HTTP error) and then the rate limits, with the
 * output budget reserved up front. Also the server state the request handlers share.
 */

/** How many stream traces /__demo/stats keeps (the newest). */
export const MAX_STREAM_TRACES = 200;
/** How many of the newest traces keep their per-write send log (it is long: ~1 pair per ms). */
export const MAX_SEND_LOGS = 8;

/** Counters and recent stream timings, exposed at GET /__demo/stats. */
export interface DemoStats {
  requests: number;
  activeStreams: number;
  tokensSent: number;
  /** Requests answered 429 by the rate limits (benchmarks report the share of a run's requests). */
  rateLimited: number;
  /** The newest streams' timings, oldest first (benchmarks line them up with the page's). */
  streams: StreamTrace[];
}

/** What GET /__demo/stats answers: the counters, and this process's CPU time so far. */
export interface DemoStatsAnswer extends DemoStats {
  /** `process.cpuUsage()` of the process the demo runs in (µs): in browser mode, the host's. */
  cpu: NodeJS.CpuUsage;
}

/** The stats with the process's CPU time, read now. */
export const statsAnswer = (stats: DemoStats): DemoStatsAnswer => ({ ...stats, cpu: process.cpuUsage() });

/** The server's live state, shared by all requests. */
export interface ServerState {
  config: DemoConfig;
  limiter: RateLimiter;
  /** Every endpoint, fixed and provisioned (which come and go). */
  endpoints: EndpointRegistry;
  /** Counters exposed at GET /__demo/stats (tests check that a disconnect stops generation). */
  stats: DemoStats;
}

/** Requests time out server-side after about 297 s; simulated latency never goes beyond. */
export const MAX_SIMULATED_MS = 290_000;

/** Waits `ms`, resolving early (with false) if the client goes away. */
export function wait(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

/** A request's way through the gate. */
export interface GateRequest {
  streaming: boolean;
  inputTokens: number;
  /** Output tokens reserved before generation (max tokens × choices), 0 when unbounded. */
  reservedOutput: number;
}

/** A request let through: settle the reservation when done; a stream fault may be due. */
export interface GatePass {
  settle: (tokens: number) => void;
  streamFault?: StreamFault;
}

/**
 * Applies faults then rate limits. Throws the HTTP error to send; resolves null when the
 * request is over already (socket dropped, or the client left during a delay).
 */
export async function passGate(
  state: ServerState,
  res: ServerResponse,
  endpoint: DemoEndpoint,
  request: GateRequest,
): Promise<GatePass | null> {
  const faults = takeFaults(state.config, endpoint.name, request.streaming);
  if (faults.delay && !(await wait(res, faults.delay.delayMs))) return null;
  if (faults.drop) {
    res.destroy();
    return null;
  }
  if (faults.http) {
    const { status, errorCode, message, headers } = httpFaultResponse(faults.http, endpoint.name);
    throw new DemoHttpError(status, errorCode, message, headers);
  }
  const limits = limitsFor(state.config, endpoint.name);
  const admission = state.limiter.admit(endpoint.name, limits, request.inputTokens, request.reservedOutput);
  if (!admission.ok) {
    state.stats.rateLimited += 1;
    throw new DemoHttpError(429, 'REQUEST_LIMIT_EXCEEDED', admission.message, {
      'retry-after': String(admission.retryAfterSec),
    });
  }
  const settle = (tokens: number): void => state.limiter.settle(admission.ticket, tokens);
  return faults.stream ? { settle, streamFault: faults.stream } : { settle };
}

/** Starts the bookkeeping of one stream; call the returned function once, when it ends. */
export function openStream(
  state: ServerState,
  id: string,
  endpoint: DemoEndpoint,
  settle: (tokens: number) => void,
): { trace: StreamTrace; onEnd: (sent: number) => void } {
  state.stats.activeStreams += 1;
  const trace: StreamTrace = {
    id,
    endpoint: endpoint.name,
    headersAt: preciseNow(),
    firstTokenAt: null,
    lastTokenAt: null,
    endedAt: null,
    tokens: 0,
    clientClosed: false,
    sends: [],
  };
  const streams = state.stats.streams;
  streams.push(trace);
  if (streams.length > MAX_STREAM_TRACES) streams.shift();
  // Only the newest traces keep their send log, so the demo's memory stays flat.
  const older = streams[streams.length - 1 - MAX_SEND_LOGS];
  if (older) delete older.sends;
  const onEnd = (sent: number): void => {
    state.stats.activeStreams -= 1;
    state.stats.tokensSent += sent;
    settle(sent);
  };
  return { trace, onEnd };
}
