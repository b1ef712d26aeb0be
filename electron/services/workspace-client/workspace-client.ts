import type { EmbeddingResult, Endpoint } from '../../../shared/domain';
import { failure, StudioFailure } from '../../../shared/errors';
import { buildChatBody, buildCompletionBody } from '../../../shared/request-body';
import type { GenerationOutcome, GenerationSink, WorkspaceClient, WorkspaceConnection } from '../types';
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
import { normaliseEndpoint } from './endpoint-normalise';
import { type ErrorContext, errorFromResponse, errorFromStreamObject } from './http-errors';
import { type Clock, MetricsRecorder, systemClock, usageFromServer } from './metrics';
import type { TimeoutPhase } from './network-errors';
import { openAiListModels, openAiMethods } from './openai-api';
import { managementMethods, type RequestJson } from './provisioning-api';
import { readSseJson } from './sse';

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

export interface WorkspaceClientOptions {
  /** Injectable fetch (tests); the global undici fetch by default. */
  fetch?: typeof globalThis.fetch;
  timeouts?: Partial<WorkspaceClientTimeouts>;
  retry?: Partial<WorkspaceClientRetry>;
  /** Injectable wait between retries; should resolve early when the signal aborts. */
  sleep?: Sleep;
  /** Injectable clock for metrics. */
  clock?: Clock;
}

export const DEFAULT_TIMEOUTS: WorkspaceClientTimeouts = {
  connectMs: 10_000,
  firstByteMs: 60_000,
  idleMs: 60_000,
  // The server itself gives up after ~297 s.
  requestMs: 300_000,
};

export type { WorkspaceClientRetry } from './attempts';

/** Throws a non-2xx answer as a StudioFailure (429 and 503 are then retried by `classify`). */
async function throwFailedResponse(res: Response, ctx: ErrorContext): Promise<never> {
  throw new StudioFailure(
    errorFromResponse({ status: res.status, headers: res.headers, body: await res.text() }, ctx),
  );
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw failure('BAD_RESPONSE', `The workspace answered ${what} with something that is not JSON.`);
  }
}

/** Text of one streamed or whole choice: chat delta, completion text, or a full message. */
function choiceText(choice: Record<string, unknown>): string {
  const holder = isObj(choice.delta) ? choice.delta : isObj(choice.message) ? choice.message : null;
  const content = holder ? holder.content : choice.text;
  if (typeof content === 'string') return content;
  // Some models stream content as parts ([{type:'text', text}, {type:'reasoning', …}]); only text is shown.
  if (Array.isArray(content))
    return content
      .map((p) => (isObj(p) && p.type === 'text' && typeof p.text === 'string' ? p.text : ''))
      .join('');
  return '';
}

/** Applies stream chunks to a sink: start once, deltas per choice, finish reasons, usage. */
class StreamState {
  private started = false;
  private readonly reasons: (string | null)[] = [];

  constructor(
    private readonly sink: GenerationSink,
    private readonly rec: MetricsRecorder,
  ) {}

  start(model: string | null): void {
    if (this.started) return;
    this.started = true;
    this.sink.start(model);
  }

  apply(chunk: unknown, headerModel: string | null): void {
    if (!isObj(chunk)) return;
    this.start(headerModel ?? (typeof chunk.model === 'string' ? chunk.model : null));
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    choices.forEach((c, position) => {
      if (!isObj(c)) return;
      const index = Number.isInteger(c.index) && (c.index as number) >= 0 ? (c.index as number) : position;
      while (this.reasons.length <= index) this.reasons.push(null);
      const text = choiceText(c);
      if (text) {
        this.rec.markDelta(text.length);
        this.sink.delta(index, text);
      }
      if (typeof c.finish_reason === 'string') this.reasons[index] = c.finish_reason;
    });
    const usage = usageFromServer(chunk.usage);
    if (usage) {
      this.rec.setUsage(usage);
      this.sink.usage(usage);
    }
  }

  get finishReasons(): (string | null)[] {
    return [...this.reasons];
  }
}

/**
 * Creates a client for one workspace (Databricks or the demo). Metadata and embeddings calls
 * throw StudioFailure; stream calls never throw for expected failures and return a
 * GenerationOutcome instead. Tokens are read per request and never appear in errors.
 */
export function createWorkspaceClient(
  connection: WorkspaceConnection,
  options: WorkspaceClientOptions = {},
): WorkspaceClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? abortableSleep;
  const clock = options.clock ?? systemClock;
  const host = connection.host;
  const openai = connection.flavor === 'openai';

  /** Sends one request with a freshly read token; the response headers must come within `wait`. */
  async function send(
    attempt: Attempt,
    path: string,
    body: unknown,
    accept: string,
    wait: [TimeoutPhase, number],
    method: string = body === undefined ? 'GET' : 'POST',
  ) {
    attempt.arm(...wait);
    const once = async () => {
      const token = await readToken();
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: accept };
      // '' = a keyless local server: send no Authorization header at all rather than "Bearer ".
      if (token !== '') headers.Authorization = `Bearer ${token}`;
      const init: RequestInit = { method, headers, signal: attempt.controller.signal };
      if (body !== undefined) init.body = JSON.stringify(body);
      return fetchImpl(`${host}${path}`, init);
    };
    const res = await once();
    // A 401 arrives before any body byte, so a retry here never duplicates streamed text.
    if (res.status !== 401 || !connection.onUnauthorized || attempt.auth.refreshed) return res;
    attempt.auth.refreshed = true; // once per request: a refresh that still gets 401 is final
    const refreshed = await connection.onUnauthorized().catch(() => false);
    // Not refreshed: the 401 (with its body, for the message) is the answer.
    if (!refreshed) return res;
    await res.body?.cancel().catch(() => {});
    return once();
  }

  async function readToken(): Promise<string> {
    try {
      return await connection.getToken();
    } catch (err) {
      if (err instanceof StudioFailure) throw err;
      throw failure(
        'NOT_CONFIGURED',
        'The token for this workspace could not be read. Reconnect the workspace.',
      );
    }
  }

  /** Tells the connection how a request ended (never for a cancelled one); a throwing listener is ignored. */
  function report(result: AttemptResult<unknown>): void {
    if (!connection.onResult || result.kind === 'aborted') return;
    try {
      connection.onResult(
        result.kind === 'ok'
          ? healthyResult(clock.wallNow())
          : failedResult(result.error, result.netCode, clock.wallNow()),
      );
    } catch {
      // Health is advisory; it must never break a request.
    }
  }

  /** Runs the attempts of one request and reports its outcome to the connection. */
  async function withRetries<T>(
    ctx: ErrorContext,
    signal: AbortSignal | undefined,
    rec: MetricsRecorder,
    run: (attempt: Attempt) => Promise<T>,
    onRetry?: GenerationSink['retry'],
  ): Promise<AttemptResult<T>> {
    const result = await runAttempts({ ctx, signal, rec, retry, sleep, onRetry }, run);
    report(result);
    return result;
  }

  /**
   * A non-streaming JSON call; throws StudioFailure, or an AbortError when the caller aborted.
   * A `management` method marks a management call (create/update/delete): answered quickly,
   * possibly with an empty body.
   */
  async function requestJson(
    path: string,
    body: unknown,
    ctx: ErrorContext,
    signal?: AbortSignal,
    management?: 'POST' | 'PUT' | 'DELETE',
  ) {
    const rec = new MetricsRecorder(clock);
    const result = await withRetries(ctx, signal, rec, async (attempt) => {
      // Metadata and management calls answer quickly; an invocation only once the model is done.
      const quick = body === undefined || management !== undefined;
      const wait: [TimeoutPhase, number] = quick
        ? ['connect', timeouts.connectMs]
        : ['request', timeouts.requestMs];
      const res = await send(attempt, path, body, 'application/json', wait, management);
      rec.markFirstByte();
      attempt.arm('request', timeouts.requestMs);
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

  /** Reads a stream body, re-arming the first-byte then the idle timeout around every chunk. */
  async function* watched(body: AsyncIterable<Uint8Array>, attempt: Attempt, rec: MetricsRecorder) {
    attempt.arm('first-byte', timeouts.firstByteMs);
    for await (const chunk of body) {
      rec.markFirstByte();
      attempt.arm('idle', timeouts.idleMs);
      yield chunk;
    }
  }

  /** One streaming attempt: POST, then SSE chunks into the state; throws on failure. */
  async function streamOnce(
    attempt: Attempt,
    endpoint: string,
    path: string,
    payload: unknown,
    state: StreamState,
    rec: MetricsRecorder,
  ) {
    const ctx: ErrorContext = { endpoint, host };
    const res = await send(attempt, path, payload, 'text/event-stream', ['connect', timeouts.connectMs]);
    attempt.arm('first-byte', timeouts.firstByteMs);
    if (!res.ok) await throwFailedResponse(res, ctx);
    const headerModel = res.headers.get('served-model-name');
    if (!res.body) throw failure('BAD_RESPONSE', `"${endpoint}" answered with an empty body.`);
    if (res.headers.get('content-type')?.includes('application/json')) {
      // Some custom models ignore `stream: true` and answer one JSON document.
      attempt.arm('request', timeouts.requestMs);
      const whole = parseJson(await res.text(), `"${endpoint}"`);
      rec.markFirstByte();
      const error = errorFromStreamObject(whole, ctx);
      if (error) throw new StudioFailure(error);
      state.apply(whole, headerModel);
    } else {
      for await (const chunk of readSseJson(watched(res.body, attempt, rec), ctx))
        state.apply(chunk, headerModel);
    }
    state.start(headerModel);
  }

  async function stream(
    endpoint: string,
    route: 'chat' | 'completions',
    payload: Record<string, unknown>,
    promptChars: number,
    sink: GenerationSink,
    signal: AbortSignal,
  ): Promise<GenerationOutcome> {
    const rec = new MetricsRecorder(clock);
    const state = new StreamState(sink, rec);
    const path = openai
      ? `/${route === 'chat' ? 'chat/completions' : 'completions'}`
      : `/serving-endpoints/${encodeURIComponent(endpoint)}/invocations`;
    // OpenAI servers only send usage in streams when asked to (stream_options.include_usage).
    const body = openai
      ? { model: endpoint, ...payload, stream: true, stream_options: { include_usage: true } }
      : { ...payload, stream: true };
    const runWith = (b: unknown) => (attempt: Attempt) => streamOnce(attempt, endpoint, path, b, state, rec);
    const onRetry: GenerationSink['retry'] = (n, delay, reason) => sink.retry(n, delay, reason);
    let result = await withRetries({ endpoint, host }, signal, rec, runWith(body), onRetry);
    const rejected =
      result.kind === 'error' && result.error.status === 400 && result.error.code !== 'CONTEXT_TOO_LONG';
    if (openai && rejected && rec.deltaCount === 0) {
      // Older OpenAI-compatible servers reject the (newer) stream_options field with a 400 whose
      // wording varies by server: ask once more without it (a too-long prompt won't change).
      const { stream_options: _dropped, ...plain } = body as Record<string, unknown>;
      result = await withRetries({ endpoint, host }, signal, rec, runWith(plain), onRetry);
    }
    const metrics = rec.finish({ promptChars });
    if (result.kind === 'ok') return { status: 'done', finishReasons: state.finishReasons, metrics };
    if (result.kind === 'aborted') return { status: 'aborted', metrics };
    return { status: 'error', error: result.error, partial: rec.deltaCount > 0, metrics };
  }

  const requestOnly: RequestJson = (path, body, ctx, signal, method) =>
    requestJson(path, body, { ...ctx, host }, signal, method).then((r) => r.json);
  // Endpoint details and management: Databricks' REST API, or what an OpenAI server offers.
  const management = openai ? openAiMethods(requestOnly) : managementMethods(requestOnly);

  return {
    async listEndpoints(signal) {
      if (openai) return (await openAiListModels(requestOnly, signal)).map((m) => m.endpoint);
      const { json } = await requestJson('/api/2.0/serving-endpoints', undefined, { host }, signal);
      // An empty workspace answers `{}` without the `endpoints` key.
      const list = isObj(json) ? (json.endpoints ?? []) : null;
      if (!Array.isArray(list))
        throw failure('BAD_RESPONSE', 'The workspace answered the endpoint list in an unexpected shape.');
      return list.map(normaliseEndpoint).filter((e: Endpoint) => e.name !== '');
    },

    // Details, optimization info and the provisioned-throughput lifecycle (provisioning-api.ts).
    ...management,

    streamChat(request, sink, signal) {
      const chars = request.messages.reduce((n, m) => n + m.content.length, 0);
      // The same builder the UI's "View request" uses: what is previewed is what is sent.
      const payload = buildChatBody(request.messages, request.params);
      return stream(request.endpoint, 'chat', payload, chars, sink, signal);
    },

    streamCompletion(request, sink, signal) {
      const payload = buildCompletionBody(request.prompt, request.params);
      return stream(request.endpoint, 'completions', payload, request.prompt.length, sink, signal);
    },

    async createEmbeddings(request, signal) {
      const ctx = { endpoint: request.endpoint, host };
      const path = openai
        ? '/embeddings'
        : `/serving-endpoints/${encodeURIComponent(request.endpoint)}/invocations`;
      const body = openai ? { model: request.endpoint, input: request.input } : { input: request.input };
      const { json, rec } = await requestJson(path, body, ctx, signal);
      const result = embeddingResult(json, request.input.length, request.endpoint);
      if (result.usage) rec.setUsage(result.usage);
      const promptChars = request.input.reduce((n, s) => n + s.length, 0);
      return { ...result, metrics: rec.finish({ promptChars }) };
    },
  };
}

const isVector = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

/** Reads an embeddings answer (`data[{index, embedding}]`, or a custom model's `predictions`). */
function embeddingResult(
  json: unknown,
  expected: number,
  endpoint: string,
): Omit<EmbeddingResult, 'metrics'> {
  const o = isObj(json) ? json : {};
  let vectors: unknown[] | null = null;
  if (Array.isArray(o.data)) {
    const items = o.data.filter(isObj);
    items.sort((a, b) => (Number(a.index) || 0) - (Number(b.index) || 0));
    vectors = items.map((d) => d.embedding);
  } else if (Array.isArray(o.predictions)) vectors = o.predictions;
  if (!vectors?.every(isVector) || vectors.length !== expected) {
    throw failure(
      'BAD_RESPONSE',
      `"${endpoint}" did not answer with ${expected} embedding vector(s) of numbers.`,
    );
  }
  return { model: typeof o.model === 'string' ? o.model : null, vectors, usage: usageFromServer(o.usage) };
}
