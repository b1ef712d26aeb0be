import { failure, StudioFailure } from '../../../shared/errors';
import type { WireProtocol } from '../../../shared/model-capabilities';
import type { GenerationSink, WorkspaceConnection } from '../types';
import {
  type Attempt,
  type AttemptResult,
  abortableSleep,
  DEFAULT_RETRY,
  runAttempts,
  type Sleep,
  type WorkspaceClientRetry,
} from './attempts';
import { failedResult, healthyResult } from './connection-health';
import { type ErrorContext, errorFromResponse } from './http-errors';
import { type Clock, MetricsRecorder, systemClock } from './metrics';
import { networkErrorCode, type TimeoutPhase } from './network-errors';

/*
 * One workspace's HTTP layer: sends a request with a freshly read token (refreshing the
 * credentials once on a 401), runs its attempts, tells the connection how it ended, and reads
 * non-streaming JSON answers. The stream invocation and the client's methods are built on it.
 */

/** How long each wait may take, in ms. */
export interface WorkspaceClientTimeouts {
  /** Request sent → response headers, for metadata calls and streams. */
  connectMs: number;
  /** Response headers → first body byte of a stream (queueing, prompt processing). */
  firstByteMs: number;
  /** Longest silence between two chunks of a stream. */
  idleMs: number;
  /** Whole non-streaming invocation (embeddings), which answers only when done. */
  requestMs: number;
}

/** The timeouts used when the caller gives none. */
export const DEFAULT_TIMEOUTS: WorkspaceClientTimeouts = {
  connectMs: 10_000,
  firstByteMs: 60_000,
  idleMs: 60_000,
  // The server itself gives up after ~297 s.
  requestMs: 300_000,
};

/** Injectables and limits of a workspace client. */
export interface WorkspaceClientOptions {
  /** Injectable fetch (tests); the global undici fetch by default. */
  fetch?: typeof globalThis.fetch;
  timeouts?: Partial<WorkspaceClientTimeouts>;
  retry?: Partial<WorkspaceClientRetry>;
  /** Injectable wait between retries; should resolve early when the signal aborts. */
  sleep?: Sleep;
  /** Injectable clock for metrics. */
  clock?: Clock;
  /**
   * Endpoint name → the wire protocol learned from a server's refusal ("use the Responses
   * API"), shared with whoever keeps the client (the services' context) so that validation
   * and endpoint listings see it too. A fresh map when absent.
   */
  protocols?: Map<string, WireProtocol>;
}

/** A management call's method (create/update/delete): answered quickly, possibly with an empty body. */
export type ManagementMethod = 'POST' | 'PUT' | 'DELETE';

/** True for a plain JSON object (not null, not an array). */
export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a JSON answer; anything else is a BAD_RESPONSE naming `what` answered. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw failure('BAD_RESPONSE', `The workspace answered ${what} with something that is not JSON.`);
  }
}

/** Throws a non-2xx answer as a StudioFailure (429 and 503 are then retried by `classify`). */
export async function throwFailedResponse(res: Response, ctx: ErrorContext): Promise<never> {
  throw new StudioFailure(
    errorFromResponse({ status: res.status, headers: res.headers, body: await res.text() }, ctx),
  );
}

/** A request body sent as it is (not as JSON), e.g. a file for the Files API. */
export class RawBody {
  constructor(
    readonly data: string,
    readonly contentType: string,
  ) {}
}

/** The HTTP layer of one workspace client; see the file comment. */
export class WorkspaceTransport {
  readonly host: string;
  readonly openai: boolean;
  readonly timeouts: WorkspaceClientTimeouts;
  readonly clock: Clock;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly retry: WorkspaceClientRetry;
  private readonly sleep: Sleep;

  constructor(
    private readonly connection: WorkspaceConnection,
    options: WorkspaceClientOptions,
  ) {
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? abortableSleep;
    this.clock = options.clock ?? systemClock;
    this.host = connection.host;
    this.openai = connection.flavor === 'openai';
  }

  /** Sends one request with a freshly read token; the response headers must come within `wait`. */
  async send(
    attempt: Attempt,
    path: string,
    body: unknown,
    accept: string,
    wait: [TimeoutPhase, number],
    method: string = body === undefined ? 'GET' : 'POST',
  ): Promise<Response> {
    attempt.arm(...wait);
    const once = async () => {
      const token = await this.readToken();
      const raw = body instanceof RawBody;
      const headers: Record<string, string> = {
        'Content-Type': raw ? body.contentType : 'application/json',
        Accept: accept,
      };
      // '' = a keyless local server: send no Authorization header at all rather than "Bearer ".
      if (token !== '') headers.Authorization = `Bearer ${token}`;
      const init: RequestInit = { method, headers, signal: attempt.controller.signal };
      if (body !== undefined) init.body = raw ? body.data : JSON.stringify(body);
      return this.fetchImpl(`${this.host}${path}`, init);
    };
    const res = await once();
    // A 401 arrives before any body byte, so a retry here never duplicates streamed text.
    if (res.status !== 401 || !this.connection.onUnauthorized || attempt.auth.refreshed) return res;
    attempt.auth.refreshed = true; // once per request: a refresh that still gets 401 is final
    const refreshed = await this.connection.onUnauthorized().catch(() => false);
    // Not refreshed: the 401 (with its body, for the message) is the answer.
    if (!refreshed) return res;
    await res.body?.cancel().catch(() => {});
    return once();
  }

  /** Runs the attempts of one request and reports its outcome to the connection. */
  async withRetries<T>(
    ctx: ErrorContext,
    signal: AbortSignal | undefined,
    rec: MetricsRecorder,
    run: (attempt: Attempt) => Promise<T>,
    onRetry?: GenerationSink['retry'],
    policy?: Partial<WorkspaceClientRetry>,
  ): Promise<AttemptResult<T>> {
    const { sleep } = this;
    const retry = policy ? { ...this.retry, ...policy } : this.retry;
    const result = await runAttempts({ ctx, signal, rec, retry, sleep, onRetry }, run);
    this.report(result);
    return result;
  }

  /**
   * A non-streaming JSON call; throws StudioFailure, or an AbortError when the caller aborted.
   * A `management` method marks a management call (create/update/delete). `once` marks a
   * request that must not run twice (submitting a SQL statement starts work that costs):
   * then a connection lost after sending is final, not retried — only a refused connection
   * (nothing sent), a 429 or a 503 are.
   */
  async requestJson(
    path: string,
    body: unknown,
    ctx: ErrorContext,
    signal?: AbortSignal,
    management?: ManagementMethod,
    once = false,
  ): Promise<{ json: unknown; rec: MetricsRecorder }> {
    const rec = new MetricsRecorder(this.clock);
    const { connectMs, requestMs } = this.timeouts;
    const result = await this.withRetries(ctx, signal, rec, async (attempt) => {
      // Metadata and management calls answer quickly; an invocation only once the model is done.
      const quick = body === undefined || management !== undefined;
      const wait: [TimeoutPhase, number] = quick ? ['connect', connectMs] : ['request', requestMs];
      const res = await this.send(attempt, path, body, 'application/json', wait, management).catch(
        (err: unknown) => {
          if (!once || err instanceof StudioFailure || attempt.controller.signal.aborted) throw err;
          if (networkErrorCode(err) === 'ECONNREFUSED') throw err;
          // A StudioFailure of code NETWORK is never retried.
          throw failure(
            'NETWORK',
            'The connection dropped after the request was sent, so it may have been received. Check before sending it again.',
          );
        },
      );
      rec.markFirstByte();
      attempt.arm('request', requestMs);
      if (!res.ok) await throwFailedResponse(res, ctx);
      const text = await res.text();
      // DELETE (and some proxies) answer 200 with an empty body.
      if (management !== undefined && text.trim() === '') return {};
      return parseJson(text, ctx.endpoint ? `"${ctx.endpoint}"` : 'the request');
    });
    if (result.kind === 'aborted') throw new DOMException('The request was cancelled.', 'AbortError');
    if (result.kind === 'error') throw new StudioFailure(result.error);
    return { json: result.value, rec };
  }

  /**
   * Sends a raw body (a file) with PUT and expects an empty or JSON answer; the whole upload
   * may take as long as an invocation (`requestMs`), not just the connect time. Throws like
   * `requestJson`.
   */
  async putRaw(path: string, body: RawBody, ctx: ErrorContext, signal?: AbortSignal): Promise<void> {
    const rec = new MetricsRecorder(this.clock);
    const { requestMs } = this.timeouts;
    const result = await this.withRetries(ctx, signal, rec, async (attempt) => {
      const res = await this.send(attempt, path, body, 'application/json', ['request', requestMs], 'PUT');
      if (!res.ok) await throwFailedResponse(res, ctx);
      await res.body?.cancel().catch(() => {});
    });
    if (result.kind === 'aborted') throw new DOMException('The request was cancelled.', 'AbortError');
    if (result.kind === 'error') throw new StudioFailure(result.error);
  }

  private async readToken(): Promise<string> {
    try {
      return await this.connection.getToken();
    } catch (err) {
      if (err instanceof StudioFailure) throw err;
      throw failure(
        'NOT_CONFIGURED',
        'The token for this workspace could not be read. Reconnect the workspace.',
      );
    }
  }

  /** Tells the connection how a request ended (never for a cancelled one); a throwing listener is ignored. */
  private report(result: AttemptResult<unknown>): void {
    if (!this.connection.onResult || result.kind === 'aborted') return;
    try {
      const now = this.clock.wallNow();
      this.connection.onResult(
        result.kind === 'ok' ? healthyResult(now) : failedResult(result.error, result.netCode, now),
      );
    } catch {
      // Health is advisory; it must never break a request.
    }
  }
}
