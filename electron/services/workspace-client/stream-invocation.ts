import { failure, StudioFailure } from '../../../shared/errors';
import type { GenerationOutcome, GenerationSink } from '../types';
import type { Attempt } from './attempts';
import { type ErrorContext, errorFromStreamObject } from './http-errors';
import { MetricsRecorder, usageFromServer } from './metrics';
import { readSseJson } from './sse';
import { isObj, parseJson, throwFailedResponse, type WorkspaceTransport } from './transport';

/*
 * A streamed chat or completion invocation: POST with `stream: true`, SSE chunks (or one JSON
 * document from a model that ignores `stream`) applied to a GenerationSink, with first-byte and
 * idle timeouts. Expected failures become a GenerationOutcome, never a throw.
 */

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

/** One streamed generation: what to ask of which endpoint, and the prompt size for estimates. */
export interface StreamRequest {
  endpoint: string;
  route: 'chat' | 'completions';
  payload: Record<string, unknown>;
  promptChars: number;
}

/** What one streaming attempt works with. */
interface StreamTarget {
  endpoint: string;
  path: string;
  state: StreamState;
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

/** One streaming attempt: POST, then SSE chunks into the state; throws on failure. */
async function streamOnce(
  transport: WorkspaceTransport,
  attempt: Attempt,
  { endpoint, path, state, rec }: StreamTarget,
  payload: unknown,
) {
  const { timeouts, host } = transport;
  const ctx: ErrorContext = { endpoint, host };
  const res = await transport.send(attempt, path, payload, 'text/event-stream', [
    'connect',
    timeouts.connectMs,
  ]);
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
    for await (const chunk of readSseJson(watched(transport, res.body, attempt, rec), ctx))
      state.apply(chunk, headerModel);
  }
  state.start(headerModel);
}

/** The invocation path and streaming body of a request, per API flavor. */
function streamCall(transport: WorkspaceTransport, { endpoint, route, payload }: StreamRequest) {
  if (!transport.openai)
    return {
      path: `/serving-endpoints/${encodeURIComponent(endpoint)}/invocations`,
      body: { ...payload, stream: true },
    };
  // OpenAI servers only send usage in streams when asked to (stream_options.include_usage).
  return {
    path: `/${route === 'chat' ? 'chat/completions' : 'completions'}`,
    body: { model: endpoint, ...payload, stream: true, stream_options: { include_usage: true } },
  };
}

/**
 * Streams one generation into `sink`, retrying before the first token, and returns how it
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
  const state = new StreamState(sink, rec);
  const { path, body } = streamCall(transport, request);
  const ctx: ErrorContext = { endpoint, host: transport.host };
  const runWith = (b: unknown) => (attempt: Attempt) =>
    streamOnce(transport, attempt, { endpoint, path, state, rec }, b);
  const onRetry: GenerationSink['retry'] = (n, delay, reason) => sink.retry(n, delay, reason);
  let result = await transport.withRetries(ctx, signal, rec, runWith(body), onRetry);
  const rejected =
    result.kind === 'error' && result.error.status === 400 && result.error.code !== 'CONTEXT_TOO_LONG';
  if (transport.openai && rejected && rec.deltaCount === 0) {
    // Older OpenAI-compatible servers reject the (newer) stream_options field with a 400 whose
    // wording varies by server: ask once more without it (a too-long prompt won't change).
    const { stream_options: _dropped, ...plain } = body as Record<string, unknown>;
    result = await transport.withRetries(ctx, signal, rec, runWith(plain), onRetry);
  }
  const metrics = rec.finish({ promptChars: request.promptChars });
  if (result.kind === 'ok') return { status: 'done', finishReasons: state.finishReasons, metrics };
  if (result.kind === 'aborted') return { status: 'aborted', metrics };
  return { status: 'error', error: result.error, partial: rec.deltaCount > 0, metrics };
}
