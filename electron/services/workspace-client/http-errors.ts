import type { RateLimitKind, StudioError } from '../../../shared/errors';

/*
 * Maps what a workspace answered to a StudioError a person can act on; a call that got no
 * answer at all is network-errors.ts's concern. Bodies are untrusted: HTML from a proxy,
 * empty, Databricks' flat envelope or OpenAI's nested one. Messages never contain a token or
 * a header value; server messages are trimmed and length-capped before they are quoted.
 */

/** What the failing call was about, so messages can name it. */
export interface ErrorContext {
  /** The endpoint the call addressed, when there was one. */
  endpoint?: string;
  /** The workspace URL (used for its host name only). */
  host?: string;
}

/** Error codes Databricks puts in a body, mapped to the status they usually come with. */
const STATUS_BY_SERVER_CODE: Record<string, number> = {
  BAD_REQUEST: 400,
  INVALID_PARAMETER_VALUE: 400,
  INVALID_STATE: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  TEMPORARILY_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  // The Responses API's error events use OpenAI's lower-case codes.
  RATE_LIMIT_EXCEEDED: 429,
  SERVER_ERROR: 500,
  NOT_IMPLEMENTED: 501,
};

/** The longest server message we quote; anything longer is noise in a toast. */
const MAX_QUOTED = 300;

interface BodyInfo {
  serverCode?: string;
  message?: string;
}

const asString = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;

/**
 * Reads Databricks' `{error_code, message}`, OpenAI's `{error: {message, code|type}}`, or the
 * Responses API's `error` event `{type: "error", code, message}`.
 */
function readEnvelope(body: unknown, bareMessage: boolean): BodyInfo | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const o = body as Record<string, unknown>;
  if (o.type === 'error' && o.error === undefined)
    return { serverCode: asString(o.code), message: asString(o.message) };
  const flatCode = asString(o.error_code);
  // `detail` is what FastAPI-style custom model servers put their error text in.
  const flatMessage = asString(o.message) ?? asString(o.detail);
  if (flatCode || (bareMessage && flatMessage)) return { serverCode: flatCode, message: flatMessage };
  const nested = o.error;
  if (typeof nested === 'string' && nested.trim()) return { message: nested.trim() };
  if (nested && typeof nested === 'object') {
    const n = nested as Record<string, unknown>;
    return {
      serverCode: asString(n.error_code) ?? asString(n.code) ?? asString(n.type),
      message: asString(n.message),
    };
  }
  return null;
}

/** Parses a body text that may be JSON, HTML, plain text or empty. */
function readBodyText(text: string): BodyInfo {
  const trimmed = text.trim();
  if (!trimmed) return {};
  try {
    return readEnvelope(JSON.parse(trimmed), true) ?? {};
  } catch {
    // An HTML error page (load balancer, proxy) is not worth quoting; short plain text is.
    if (/^<(!doctype|html|head|body|\?xml)/i.test(trimmed)) return {};
    return { message: trimmed };
  }
}

function quote(message: string | undefined): string {
  if (!message) return '';
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED)}…` : oneLine;
}

/**
 * Which pay-per-token limit a 429 message names. Databricks limits a workspace's queries per
 * second, minute or hour, and its input and output tokens per minute; each is named exactly
 * as the server's message names it, and a message that names no period is not guessed at.
 */
export function rateLimitKind(message: string | undefined): RateLimitKind {
  const m = (message ?? '').toLowerCase();
  if (/input tokens? per minute|\bitpm\b/.test(m)) return 'input-tokens';
  if (/output tokens? per minute|\botpm\b/.test(m)) return 'output-tokens';
  if (/\bqpm\b|(queries|requests) per minute/.test(m)) return 'queries-per-minute';
  if (/\bqph\b|(queries|requests) per hour/.test(m)) return 'queries-per-hour';
  if (/\bqps\b|(queries|requests) per second/.test(m)) return 'queries';
  return 'unknown';
}

const LIMIT_LABEL: Record<RateLimitKind, string> = {
  queries: 'its queries-per-second limit',
  'queries-per-minute': 'its queries-per-minute limit',
  'queries-per-hour': 'its queries-per-hour limit',
  'input-tokens': 'its input-tokens-per-minute limit',
  'output-tokens': 'its output-tokens-per-minute limit (max_tokens is reserved against it up front)',
  unknown: 'a rate limit',
};

/**
 * Parses a Retry-After header: delta-seconds or an HTTP date. Returns whole seconds (≥ 0),
 * or undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value?.trim()) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v));
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const CONTEXT_PATTERN =
  /input is too long|too many tokens|context (length|window)|maximum context|prompt is too long|exceeds? the (model'?s )?(maximum|max)/i;

/**
 * How Databricks says a model was retired: a 404 "The endpoint … has been retired. Please use
 * another model." (and, behind AI Gateway, a 501 "'…' is no longer available").
 */
const RETIRED_PATTERN = /\b(has been|was|is) retired\b|\bno longer available\b/i;

const endpointLabel = (ctx: ErrorContext): string =>
  ctx.endpoint ? `The endpoint "${ctx.endpoint}"` : 'The requested resource';

type Mapped = Pick<StudioError, 'code' | 'message' | 'retired' | 'limit'>;

/** A 404 (or a 501 that says the model is gone): retired when the server's words say so. */
function notFound(info: BodyInfo, ctx: ErrorContext): Mapped {
  if (RETIRED_PATTERN.test(info.message ?? ''))
    return {
      code: 'NOT_FOUND',
      retired: true,
      message: `The model behind ${ctx.endpoint ? `"${ctx.endpoint}"` : 'this endpoint'} has been retired. Pick another model.`,
    };
  return {
    code: 'NOT_FOUND',
    message: `${endpointLabel(ctx)} was not found in this workspace. Check the name, or pick another endpoint; retired pay-per-token models also answer 404.`,
  };
}

/*
 * The app's advice per status. The server's own words travel separately (`serverMessage`)
 * and are shown first, so these sentences never repeat them.
 */
function byStatus(status: number, info: BodyInfo, ctx: ErrorContext): Mapped {
  switch (status) {
    case 401:
      return {
        code: 'AUTH',
        message:
          'The workspace rejected the token. Check that it is a valid token for this workspace, or create a new one.',
      };
    case 403:
      return {
        code: 'PERMISSION',
        message: `Permission denied${ctx.endpoint ? ` for "${ctx.endpoint}"` : ''}. Ask for "Can Query" access — or, since Databricks also answers 403 to an expired or invalid token, reconnect with a fresh token.`,
      };
    case 404:
      return notFound(info, ctx);
    case 409:
      return { code: 'CONFLICT', message: 'That conflicts with an existing resource.' };
    case 503:
      return {
        code: 'UNAVAILABLE',
        message: `${endpointLabel(ctx)} is temporarily unavailable (it may be scaling up). Try again shortly.`,
      };
  }
  if (status === 501 && RETIRED_PATTERN.test(info.message ?? '')) return notFound(info, ctx);
  if (status >= 500)
    return { code: 'SERVER', message: `The workspace had an internal error (HTTP ${status}).` };
  if (CONTEXT_PATTERN.test(info.message ?? '')) {
    return {
      code: 'CONTEXT_TOO_LONG',
      message:
        'The input is longer than the model accepts. Shorten the conversation or prompt, lower max_tokens, or use a model with a larger context.',
    };
  }
  return {
    code: 'BAD_PARAMETER',
    message: info.message
      ? 'The server refused the request.'
      : `The server refused the request (HTTP ${status}).`,
  };
}

function rateLimited(info: BodyInfo, ctx: ErrorContext): StudioError {
  const limit = rateLimitKind(info.message);
  return {
    code: 'RATE_LIMITED',
    limit,
    message: `${endpointLabel(ctx)} hit ${LIMIT_LABEL[limit]}. Wait a moment and try again.`,
  };
}

/** The fields every mapped error shares: status, the server's code and its own words. */
function withServerFields(error: StudioError, status: number, info: BodyInfo): StudioError {
  if (status > 0) error.status = status;
  if (info.serverCode) error.serverCode = info.serverCode;
  const said = quote(info.message);
  if (said) error.serverMessage = said;
  return error;
}

function fromInfo(status: number, info: BodyInfo, ctx: ErrorContext): StudioError {
  const base = status === 429 ? rateLimited(info, ctx) : byStatus(status, info, ctx);
  const error: StudioError = { code: base.code, message: base.message };
  if (base.retired) error.retired = true;
  if (base.limit) error.limit = base.limit;
  return withServerFields(error, status, info);
}

/** The parts of a non-2xx response the mapper reads. */
export interface HttpFailure {
  status: number;
  headers?: Headers | Record<string, string | undefined>;
  /** The body as text: may be anything, including empty. */
  body?: string;
}

function header(headers: HttpFailure['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return entry?.[1];
}

/** Maps a non-2xx HTTP response to a StudioError (code, message, status, serverCode, retryAfterSec). */
export function errorFromResponse(response: HttpFailure, ctx: ErrorContext = {}): StudioError {
  const error = fromInfo(response.status, readBodyText(response.body ?? ''), ctx);
  const retryAfterSec = parseRetryAfter(header(response.headers, 'retry-after'));
  if (retryAfterSec !== undefined) error.retryAfterSec = retryAfterSec;
  return error;
}

/**
 * Maps an error object that arrived inside a 200 stream (`{"error_code", "message"}` or
 * `{"error": {…}}`). Returns null when the value is not an error object. The status is
 * inferred from the error_code, since the HTTP status was already 200.
 */
export function errorFromStreamObject(value: unknown, ctx: ErrorContext = {}): StudioError | null {
  // Inside a 200 stream a bare `message` field is not enough: only an error_code or `error` marks an error.
  const info = readEnvelope(value, false);
  if (!info) return null;
  const status = (info.serverCode && STATUS_BY_SERVER_CODE[info.serverCode.toUpperCase()]) || 0;
  if (status) {
    const error = fromInfo(status, info, ctx);
    // The response itself was a 200: "(HTTP 500)" would name a status that never came.
    if (error.code === 'SERVER')
      error.message = `The workspace had an internal error during the response (${info.serverCode}).`;
    return error;
  }
  const error: StudioError = {
    code: CONTEXT_PATTERN.test(info.message ?? '') ? 'CONTEXT_TOO_LONG' : 'SERVER',
    message: 'The server reported an error during the response.',
  };
  withServerFields(error, 0, info);
  return error;
}
