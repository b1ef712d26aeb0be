import { z } from 'zod';

/**
 * The closed set of error codes that may cross the bridge. Every expected failure maps to
 * exactly one of these with a message a person can act on; never a stack trace, a token or
 * a header.
 */
export const ERROR_CODES = [
  /** 401: the token was rejected. */
  'AUTH',
  /** 403: the token is valid but may not do this (or is expired: Databricks answers 403 then too). */
  'PERMISSION',
  /** 404: endpoint (or workspace path) does not exist, or the model was retired. */
  'NOT_FOUND',
  /** 409: the resource already exists or conflicts. */
  'CONFLICT',
  /** 429: a rate limit; `limit` says which one when the server named it. */
  'RATE_LIMITED',
  /** 400 where the input is longer than the model's context window. */
  'CONTEXT_TOO_LONG',
  /** 400: a parameter the server refused. */
  'BAD_PARAMETER',
  /** 5xx other than 503. */
  'SERVER',
  /** 503: temporarily unavailable. */
  'UNAVAILABLE',
  /** DNS, refused connection, TLS, reset. */
  'NETWORK',
  /** Connect, first-byte or idle timeout. */
  'TIMEOUT',
  /** The server answered something we could not understand (malformed JSON or SSE). */
  'BAD_RESPONSE',
  /** A bridge payload failed validation (a bug or a hostile caller, never user input). */
  'INVALID_REQUEST',
  /** User input the app itself refuses (bad host, empty name…), before any network call. */
  'INVALID_INPUT',
  /** Too many calls or streams at once from one window: wait for some to finish. */
  'BUSY',
  /** The OS keychain is not available. */
  'KEYCHAIN_UNAVAILABLE',
  /** No workspace is selected, or it has no credentials. */
  'NOT_CONFIGURED',
  /** Anything unexpected; the message says what the user can do. */
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/**
 * Which rate limit a 429 hit, named from the server's message. `queries` is the per-second
 * limit (QPS; the name predates the others and stays for errors already saved); `unknown` is
 * a 429 whose message names no limit.
 */
export const rateLimitKindSchema = z.enum([
  'queries',
  'queries-per-minute',
  'queries-per-hour',
  'input-tokens',
  'output-tokens',
  'unknown',
]);
export type RateLimitKind = z.infer<typeof rateLimitKindSchema>;

export const studioErrorSchema = z.object({
  code: errorCodeSchema,
  /**
   * The app's sentence a person can act on. Since `serverMessage` exists it no longer repeats
   * the server's words: show both with `describeError` (server first).
   */
  message: z.string(),
  /** The server's own words (its `message`, trimmed, one line, length-capped), when it sent any. */
  serverMessage: z.string().optional(),
  /** For NOT_FOUND: the server said the model behind the endpoint was retired (no longer available). */
  retired: z.boolean().optional(),
  /** HTTP status when the error came from a server. */
  status: z.number().int().optional(),
  /** The server's own error_code (e.g. REQUEST_LIMIT_EXCEEDED), for display and support. */
  serverCode: z.string().optional(),
  /** Seconds the server asked us to wait (Retry-After). */
  retryAfterSec: z.number().nonnegative().optional(),
  /** For RATE_LIMITED: which limit. */
  limit: rateLimitKindSchema.optional(),
});
export type StudioError = z.infer<typeof studioErrorSchema>;

/**
 * An error as one text, in the server's own words first (when it sent any), then the app's
 * advice: the server's sentence is what a search or a support ticket needs, the advice is
 * what to do next.
 */
export function describeError(
  error: Pick<StudioError, 'message' | 'serverMessage'>,
  advice = error.message,
): string {
  // Older saved errors (and some producers) already quote the server inside the message.
  if (!error.serverMessage || advice.includes(error.serverMessage)) return advice;
  return `The server said: “${error.serverMessage}” ${advice}`;
}

/** The result of every bridge call: expected failures are values, not exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: StudioError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  extra: Partial<StudioError> = {},
): Result<T> => ({
  ok: false,
  error: { ...extra, code, message },
});

/**
 * An Error that carries a StudioError. Services throw it; the router turns it into
 * `{ ok: false, error }`. Anything else thrown becomes INTERNAL with a generic message.
 */
export class StudioFailure extends Error {
  readonly error: StudioError;
  constructor(error: StudioError) {
    super(error.message);
    this.name = 'StudioFailure';
    this.error = error;
  }
}

/** Builds a StudioFailure in one call. */
export const failure = (code: ErrorCode, message: string, extra: Partial<StudioError> = {}): StudioFailure =>
  new StudioFailure({ ...extra, code, message });
