import { z } from 'zod';
import { ERROR_CODES, RATE_LIMIT_KINDS } from './error-codes';

/*
 * The schemas of errors.ts's types, apart from them so that the renderer's start-up code
 * (which uses errors.ts) does not load zod.
 */

export const errorCodeSchema = z.enum(ERROR_CODES);

export const rateLimitKindSchema = z.enum(RATE_LIMIT_KINDS);

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
