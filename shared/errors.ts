import type { z } from 'zod';
import type { ErrorCode } from './error-codes';
import type { studioErrorSchema } from './error-schemas';

/*
 * No zod here: this module is start-up code in the renderer (describeError, fail), and zod
 * is not. The schemas that check errors are in error-schemas.ts.
 */

export { ERROR_CODES, type ErrorCode, RATE_LIMIT_KINDS, type RateLimitKind } from './error-codes';

/** An error that may cross the bridge; checked by `studioErrorSchema` (error-schemas.ts). */
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
