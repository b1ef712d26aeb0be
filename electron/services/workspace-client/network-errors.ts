import type { StudioError } from '../../../shared/errors';
import type { ErrorContext } from './http-errors';

/*
 * Maps a request that got no answer (DNS, TLS, refused or reset connections, timeouts) to a
 * StudioError naming the host and what to check. The raw error text is never quoted: it can
 * carry URLs.
 */

/** Finds a system/undici error code anywhere in an error's cause chain (fetch wraps them). */
export function networkErrorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const o = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.code === 'string' && o.code) return o.code;
    queue.push(o.cause);
    // Happy-eyeballs connects raise an AggregateError with one error per address.
    if (Array.isArray(o.errors)) queue.push(...o.errors);
  }
  return undefined;
}

function hostOf(ctx: ErrorContext): string {
  try {
    return ctx.host ? new URL(ctx.host).host : 'the workspace';
  } catch {
    return 'the workspace';
  }
}

/** Transient connection failures worth retrying; DNS misses and TLS failures are not. */
const RETRYABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** A connection failure, and whether trying again could help. */
export interface NetworkFailure {
  error: StudioError;
  retryable: boolean;
}

/**
 * Maps a thrown fetch/socket error to NETWORK (or TIMEOUT for undici's own connect/header/body
 * timeouts), naming the host. The raw error text is not quoted: it can carry URLs.
 */
export function errorFromNetwork(err: unknown, ctx: ErrorContext = {}): NetworkFailure {
  const code = networkErrorCode(err) ?? '';
  const host = hostOf(ctx);
  const net = (message: string, retryable = RETRYABLE_NETWORK.has(code)): NetworkFailure => ({
    error: { code: 'NETWORK', message },
    retryable,
  });
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME')
    return net(`Could not resolve host ${host}. Check the workspace URL and your network or VPN.`);
  if (code === 'EAI_AGAIN')
    return net(`Could not resolve host ${host} right now (DNS lookup failed). Check your network.`);
  if (code === 'ECONNREFUSED')
    return net(`${host} refused the connection. Check the workspace URL and port.`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return { error: timeoutError('connect', undefined, ctx), retryable: true };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return {
      error: timeoutError(code === 'UND_ERR_BODY_TIMEOUT' ? 'idle' : 'first-byte', undefined, ctx),
      retryable: false,
    };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code))
    return net(
      `A secure (TLS) connection to ${host} could not be established (${code}). A proxy or firewall may be intercepting it.`,
      false,
    );
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED')
    return net(`The connection to ${host} was reset. Check your network and try again.`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT')
    return net(`${host} is unreachable from this network. Check your connection, VPN or proxy.`);
  return net(`Could not reach ${host}. Check your network connection and the workspace URL.`);
}

/** Which wait ran out. */
export type TimeoutPhase = 'connect' | 'first-byte' | 'idle' | 'request';

const PHASE_TEXT: Record<TimeoutPhase, string> = {
  // Request sent, no response headers yet: the connection may well be up (a slow server).
  connect: 'an answer from',
  'first-byte': 'the first response from',
  idle: 'more of the response from',
  request: 'the response from',
};

/** A TIMEOUT error that says which wait ran out and for how long. */
export function timeoutError(
  phase: TimeoutPhase,
  ms: number | undefined,
  ctx: ErrorContext = {},
): StudioError {
  const after = ms ? ` after ${ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`}` : '';
  const advice =
    phase === 'idle'
      ? 'The stream stalled; the text so far is kept. Try again.'
      : 'The workspace or endpoint may be overloaded or scaling up. Try again.';
  return {
    code: 'TIMEOUT',
    message: `Timed out waiting for ${PHASE_TEXT[phase]} ${hostOf(ctx)}${after}. ${advice}`,
  };
}
