import { failure, type StudioError, StudioFailure } from '../../../shared/errors';
import type { GenerationOutcome, GenerationSink } from '../types';
import type { Attempt } from './attempts';
import { type ErrorContext, errorFromStreamObject } from './http-errors';
import { MetricsRecorder } from './metrics';
import type { TimeoutPhase } from './network-errors';
import { readSseJson } from './sse';
import { StreamOutput, type StreamParser, type WireCall } from './stream-output';
import { parseJson, throwFailedResponse, type WorkspaceTransport } from './transport';

/*
 * A generation: POST with `stream: true`, SSE events (or one JSON document from a model that
 * ignores `stream`) read by the wire protocol's parser into a GenerationSink, with first-byte
 * and idle timeouts and retries before the first token. With `stream: false` the same parser
 * reads the one JSON answer, so the sink gets the same calls (start, the whole text as one
 * delta, reasoning, items, usage) and the renderer needs no second path; that request waits
 * for the whole body under the request timeout instead. The protocol (Chat Completions, the
 * Responses API, an agent) is only a WireCall: where, what, and which parser; everything else
 * is the same for all of them. Expected failures become a GenerationOutcome, never a throw.
 */

/** One streamed generation: the endpoint, how to ask it, and the prompt size for estimates. */
export interface StreamRequest {
  endpoint: string;
  call: WireCall;
  promptChars: number;
  /**
   * Asked once when `call` failed before any output: another way to ask (a field dropped,
   * another protocol), or null to let the error stand. Not counted as a retry.
   */
  fallback?: (error: StudioError) => WireCall | null;
  /** False: a 429 is returned at once, not retried here (the caller paces and retries). */
  retryRateLimited?: boolean;
}

/** What one streaming attempt works with. */
interface StreamTarget {
  endpoint: string;
  call: WireCall;
  out: StreamOutput;
  rec: MetricsRecorder;
}

/** Reads a stream body, re-arming the first-byte then the idle timeout around every chunk. */
async function* watched(
  transport: WorkspaceTransport,
  body: AsyncIterable<Uint8Array>,
  attempt: Attempt,
  rec: MetricsRecorder,
) {
  attempt.arm('first-byte', transport.timeouts.firstByteMs);
  for await (const chunk of body) {
    rec.markFirstByte();
    attempt.arm('idle', transport.timeouts.idleMs);
    yield chunk;
  }
}

/** Reads a whole JSON answer through the parser: an error object in it fails the attempt. */
async function readWhole(res: Response, parser: StreamParser, rec: MetricsRecorder, ctx: ErrorContext) {
  const whole = parseJson(await res.text(), `"${ctx.endpoint}"`);
  rec.markFirstByte();
  const error = errorFromStreamObject(whole, ctx);
  if (error) throw new StudioFailure(error);
  rec.markWhole();
  parser.whole(whole);
}

/** One attempt: POST, then the answer (streamed or whole) through a fresh parser; throws on failure. */
async function streamOnce(
  transport: WorkspaceTransport,
  attempt: Attempt,
  { endpoint, call, out, rec }: StreamTarget,
) {
  const { timeouts, host } = transport;
  const ctx: ErrorContext = { endpoint, host };
  const streamed = call.body.stream !== false;
  // A whole answer's headers may come only once the model is done: the request timeout bounds
  // all of it (and is not re-armed); a stream's headers come at once, then its bytes keep coming.
  const wait: [TimeoutPhase, number] = streamed
    ? ['connect', timeouts.connectMs]
    : ['request', timeouts.requestMs];
  const accept = streamed ? 'text/event-stream' : 'application/json';
  const res = await transport.send(attempt, call.path, call.body, accept, wait);
  if (streamed) attempt.arm('first-byte', timeouts.firstByteMs);
  if (!res.ok) await throwFailedResponse(res, ctx);
  const headerModel = res.headers.get('served-model-name');
  if (!res.body) throw failure('BAD_RESPONSE', `"${endpoint}" answered with an empty body.`);
  const parser = call.parser(out, headerModel);
  if (res.headers.get('content-type')?.includes('application/json')) {
    // Asked for, or from a custom model or agent that ignores `stream: true`.
    if (streamed) attempt.arm('request', timeouts.requestMs);
    await readWhole(res, parser, rec, ctx);
  } else {
    for await (const value of readSseJson(watched(transport, res.body, attempt, rec), ctx))
      parser.event(value);
    parser.end();
  }
  out.start(headerModel);
}

/**
 * Streams one generation into `sink`, retrying before the first token (and asking once more
 * through `request.fallback` when the server refused the first way), and returns how it
 * ended with its metrics.
 */
export async function streamInvocation(
  transport: WorkspaceTransport,
  request: StreamRequest,
  sink: GenerationSink,
  signal: AbortSignal,
): Promise<GenerationOutcome> {
  const { endpoint } = request;
  const rec = new MetricsRecorder(transport.clock);
  const out = new StreamOutput(sink, rec);
  const ctx: ErrorContext = { endpoint, host: transport.host };
  const runWith = (call: WireCall) => (attempt: Attempt) =>
    streamOnce(transport, attempt, { endpoint, call, out, rec });
  const onRetry: GenerationSink['retry'] = (n, delay, reason) => sink.retry(n, delay, reason);
  const policy = request.retryRateLimited === false ? { rateLimited: false } : undefined;
  let result = await transport.withRetries(ctx, signal, rec, runWith(request.call), onRetry, policy);
  const next = result.kind === 'error' && rec.deltaCount === 0 ? request.fallback?.(result.error) : null;
  if (next) result = await transport.withRetries(ctx, signal, rec, runWith(next), onRetry, policy);
  const metrics = rec.finish({ promptChars: request.promptChars });
  if (result.kind === 'ok') return { status: 'done', finishReasons: out.finishReasons, metrics };
  if (result.kind === 'aborted') return { status: 'aborted', metrics };
  return { status: 'error', error: result.error, partial: rec.deltaCount > 0, metrics };
}
