import type { z } from 'zod';
import { CONTRACT, METHOD_BY_CHANNEL, type MethodName } from '../../shared/contract';
import { studioErrorSchema } from '../../shared/error-schemas';
import { fail, ok, type Result, StudioFailure } from '../../shared/errors';
import type { Handlers, Session } from './types';

/*
 * The one entry point from either transport (Electron IPC or the browser-mode WebSocket)
 * to the services: channel → schema-validated request → handler → Result. Payloads are
 * `unknown` until validated here; results carry only a code and a sentence, never a stack.
 */

export interface Router {
  /** Never rejects: every outcome, including bugs, is a Result. */
  handle(channel: string, payload: unknown, session: Session): Promise<Result<unknown>>;
  /** A renderer went away (window closed, socket closed): its streams are aborted. */
  closeSession(sessionId: string): void;
}

export interface RouterHooks {
  onSessionClosed?(sessionId: string): void;
  /**
   * Check each response against the contract (a mismatch is a bug → INTERNAL). Defaults to
   * on unless NODE_ENV is `production`, where the cost isn't worth it.
   */
  validateResponses?: boolean;
  /** Calls one session may have in flight at once (default MAX_IN_FLIGHT_PER_SESSION). */
  maxInFlight?: number;
}

/**
 * Calls one renderer may have waiting for an answer at once. The app itself has a handful in
 * flight (a few lists, a stream start, a save); a page firing thousands at once is a bug or an
 * attack, and each one holds memory and possibly a connection: beyond this, BUSY at once.
 */
export const MAX_IN_FLIGHT_PER_SESSION = 64;

const BUSY_MESSAGE = (max: number) =>
  `Too many requests at once from this window (more than ${max}). Wait a moment and try again.`;

const INTERNAL_MESSAGE =
  'Something went wrong inside Serving Studio. Try again; if it keeps happening, restart the app.';

/** zod's built-in messages, which need the field path to make sense ("Invalid input: expected number…"). */
const GENERIC_ZOD_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

/**
 * The first issue's message. The contract's own messages are written for people ("Enter the
 * workspace URL.") and pass through as they are; zod's generic ones get the field path.
 */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was not valid.';
  const where = issue.path.map(String).join('.');
  return where !== '' && GENERIC_ZOD_MESSAGE.test(issue.message)
    ? `${where}: ${issue.message}`
    : issue.message;
}

/** Logs an unexpected error. Only the channel and the error: payloads may hold tokens. */
function logInternal(channel: string, what: string, err: unknown): void {
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  console.error(`[router] ${channel}: ${what}\n${detail}`);
}

/** A StudioFailure's error, reduced to the schema's fields (nothing extra can leak through). */
function failureResult(channel: string, err: StudioFailure): Result<unknown> {
  const parsed = studioErrorSchema.safeParse(err.error);
  if (parsed.success) return { ok: false, error: parsed.data };
  logInternal(channel, 'handler threw a malformed StudioFailure', err);
  return fail('INTERNAL', INTERNAL_MESSAGE);
}

/** Creates the router over a complete set of handlers. */
export function createRouter(handlers: Handlers, hooks: RouterHooks = {}): Router {
  const validateResponses = hooks.validateResponses ?? process.env.NODE_ENV !== 'production';
  const maxInFlight = hooks.maxInFlight ?? MAX_IN_FLIGHT_PER_SESSION;
  /** Session id → its calls waiting for an answer. */
  const inFlight = new Map<string, number>();

  async function call(method: MethodName, channel: string, payload: unknown, session: Session) {
    const spec = CONTRACT[method];
    const parsed = spec.request.safeParse(payload);
    // A bad payload is a renderer bug or a hostile caller; the message still reads well
    // because the contract's messages double as form validation.
    if (!parsed.success) return fail('INVALID_REQUEST', describeIssue(parsed.error));
    // The cast is safe: `parsed.data` is the output of this very method's request schema.
    const handler = handlers[method] as (request: unknown, session: Session) => Promise<unknown>;
    const value = await handler(parsed.data, session);
    if (validateResponses) {
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        // Log paths and messages only: the value itself could contain anything.
        const issues = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        logInternal(channel, 'response does not match the contract', new Error(issues));
        return fail('INTERNAL', INTERNAL_MESSAGE);
      }
    }
    return ok(value);
  }

  return {
    async handle(channel, payload, session) {
      // A Map lookup, so names like "__proto__" or "constructor" can't reach anything.
      const method = typeof channel === 'string' ? METHOD_BY_CHANNEL.get(channel) : undefined;
      if (!method) return fail('INVALID_REQUEST', 'Unknown request.');
      const running = inFlight.get(session.id) ?? 0;
      if (running >= maxInFlight) return fail('BUSY', BUSY_MESSAGE(maxInFlight));
      inFlight.set(session.id, running + 1);
      try {
        return await call(method, channel, payload, session);
      } catch (err) {
        if (err instanceof StudioFailure) return failureResult(channel, err);
        logInternal(channel, 'unexpected error', err);
        return fail('INTERNAL', INTERNAL_MESSAGE);
      } finally {
        const left = (inFlight.get(session.id) ?? 1) - 1;
        if (left <= 0) inFlight.delete(session.id);
        else inFlight.set(session.id, left);
      }
    },
    closeSession(sessionId) {
      try {
        hooks.onSessionClosed?.(sessionId);
      } catch (err) {
        logInternal('session:close', 'onSessionClosed failed', err);
      }
    },
  };
}
