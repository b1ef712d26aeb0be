/*
 * The error codes and rate-limit kinds, as plain lists: errors.ts (types and helpers) and
 * error-schemas.ts (zod) both build on them. errors.ts re-exports everything here.
 */

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

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Which rate limit a 429 hit, named from the server's message. `queries` is the per-second
 * limit (QPS; the name predates the others and stays for errors already saved); `unknown` is
 * a 429 whose message names no limit.
 */
export const RATE_LIMIT_KINDS = [
  'queries',
  'queries-per-minute',
  'queries-per-hour',
  'input-tokens',
  'output-tokens',
  'unknown',
] as const;
export type RateLimitKind = (typeof RATE_LIMIT_KINDS)[number];
