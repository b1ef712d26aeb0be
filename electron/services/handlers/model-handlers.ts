import type { PackedEmbeddings } from '../../../shared/contract';
import type { ChatMessage, EmbeddingResult, Endpoint, GenerationParams } from '../../../shared/domain';
import { failure, StudioFailure } from '../../../shared/errors';
import { imageProblems, validateParams } from '../../../shared/limits';
import { capabilitiesFor } from '../../../shared/model-capabilities';
import { usableFor } from '../../../shared/tasks';
import { type CachedClient, type Context, currentClient } from '../services-context';
import { createStreamEmitter } from '../streams/stream-emitter';
import type { GenerationOutcome, GenerationSink, Handlers, Session, WorkspaceClient } from '../types';
import { forgetIfGone } from './endpoint-handlers';

/* Endpoints, generations (streamed) and embeddings, always against the current workspace. */

/** Runs one generation on a client (streamChat or streamCompletion) for the endpoint as listed. */
type Stream = (
  client: WorkspaceClient,
  sink: GenerationSink,
  signal: AbortSignal,
  endpoint: Endpoint,
) => Promise<GenerationOutcome>;

/**
 * The endpoint's metadata for the checks before a stream: cached from the last listing, one
 * lookup otherwise. Null when the lookup says it does not exist: the request is then sent
 * anyway, so the user reads the invocation's own answer (a retired model's "… has been
 * retired. Please use another model.") instead of a generic "not found" from this lookup.
 */
async function endpointForChecks(ws: CachedClient, name: string): Promise<Endpoint | null> {
  const cached = ws.endpoints.get(name);
  if (cached) return cached;
  try {
    const endpoint = await ws.client.getEndpoint(name);
    ws.endpoints.set(endpoint.name, endpoint);
    return endpoint;
  } catch (err) {
    if (err instanceof StudioFailure && err.error.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/**
 * Refuses a request the endpoint can't take: the wrong task, parameters over its limits or
 * that its model or protocol (learned, listed or from the capability table) refuses — tools
 * and response formats included — or images sent to a model the table knows as text-only.
 */
function checkRequest(
  ws: CachedClient,
  endpoint: Endpoint | null,
  params: GenerationParams,
  pane: 'chat' | 'completions',
  messages: readonly ChatMessage[] = [],
) {
  if (endpoint && !usableFor(endpoint, pane)) {
    throw failure(
      'INVALID_INPUT',
      `${endpoint.name} is a ${endpoint.taskKind} endpoint; it can't be used for ${pane}.`,
    );
  }
  // Without metadata the pane's own limits still apply (the context window is unknown).
  const caps = endpoint ? capabilitiesFor(endpoint) : undefined;
  const protocol =
    endpoint && caps && pane === 'chat'
      ? (ws.protocols.get(endpoint.name) ?? endpoint.protocol ?? caps.protocol)
      : 'chat-completions';
  const problems = validateParams(
    params,
    endpoint?.taskKind ?? pane,
    endpoint?.contextWindow ?? null,
    caps && { ...caps, protocol },
  );
  if (problems.length > 0) throw failure('INVALID_INPUT', `Check the parameters: ${problems.join(' ')}`);
  // Without metadata the model is unknown: the images go, and the server says if it can't see.
  const images = caps ? imageProblems(messages, caps) : [];
  if (images.length > 0) throw failure('INVALID_INPUT', images.join(' '));
}

/** What is known of an endpoint the lookup did not find: its name, and the pane's task. */
function unlistedEndpoint(name: string, pane: 'chat' | 'completions'): Endpoint {
  return {
    name,
    kind: 'unknown',
    task: null,
    taskKind: pane === 'chat' ? 'chat' : 'completions',
    ready: 'UNKNOWN',
    configUpdate: null,
    model: null,
    displayName: null,
    creator: null,
    createdAt: null,
    contextWindow: null,
    provisionedUnits: null,
    warnings: [],
  };
}

/**
 * Checks the endpoint's task and the parameters, registers the stream under the id the
 * renderer chose (refused when that session already runs one with it) and runs it in the
 * background. The answer echoes the id.
 */
async function startStream(
  ctx: Context,
  session: Session,
  request: { streamId: string; endpoint: string; params: GenerationParams; messages?: ChatMessage[] },
  pane: 'chat' | 'completions',
  stream: Stream,
): Promise<{ streamId: string }> {
  const ws = await currentClient(ctx);
  const found = await endpointForChecks(ws, request.endpoint);
  checkRequest(ws, found, request.params, pane, request.messages);
  const endpoint = found ?? unlistedEndpoint(request.endpoint, pane);
  const { streamId } = request;
  const signal = ctx.registry.start(session.id, streamId);
  const emitter = createStreamEmitter({ streamId, emit: (event) => session.emit(event) });
  // Not awaited: the renderer gets its answer now and the events as they come. Started inside
  // a then() so even a synchronous throw ends the stream with an event and frees its entry.
  void Promise.resolve()
    .then(() => stream(ws.client, emitter, signal, endpoint))
    .catch((err: unknown): GenerationOutcome => {
      // The client returns expected failures as outcomes; a throw here is unexpected.
      console.error('[studio-services] stream failed:', err instanceof Error ? err.message : err);
      const error =
        err instanceof StudioFailure
          ? err.error
          : { code: 'INTERNAL' as const, message: 'The response stopped unexpectedly. Try again.' };
      return { status: 'error', error, partial: emitter.hasText, metrics: null };
    })
    .then((outcome) => emitter.end(outcome))
    .finally(() => ctx.registry.finish(session.id, streamId));
  return { streamId };
}

/**
 * Packs an embeddings answer for the bridge (see `packedEmbeddingsSchema`): every vector's
 * float32 bytes in one base64 string. Fails when the vectors differ in length (a layout of
 * `count × dim` needs one size; the pane would refuse them anyway) or when a number does
 * not fit a float32 (it would become Infinity and poison every cosine it touches).
 */
export function packEmbeddings(result: EmbeddingResult, endpoint: string): PackedEmbeddings {
  const { vectors, ...rest } = result;
  const count = vectors.length;
  const dim = vectors[0]?.length ?? 0;
  if (vectors.some((v) => v.length !== dim))
    throw failure('BAD_RESPONSE', `${endpoint} gave vectors of different sizes in one answer.`);
  const packed = new Float32Array(count * dim);
  vectors.forEach((v, k) => {
    packed.set(v, k * dim);
  });
  for (const x of packed)
    if (!Number.isFinite(x)) throw failure('BAD_RESPONSE', `${endpoint} answered a number out of range.`);
  // Buffer writes the platform's byte order, which is the page's too: same machine.
  const base64 = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('base64');
  return { ...rest, count, dim, vectors: base64 };
}

/** Endpoint, generation and embedding handlers, all against the current workspace. */
export function modelHandlers(ctx: Context) {
  return {
    async listEndpoints() {
      const ws = await currentClient(ctx);
      const endpoints = await ws.client.listEndpoints();
      ws.endpoints = new Map(endpoints.map((e) => [e.name, e]));
      return { endpoints };
    },
    async getEndpoint({ name }) {
      const ws = await currentClient(ctx);
      const endpoint = await forgetIfGone(ws, name, () => ws.client.getEndpoint(name));
      ws.endpoints.set(name, endpoint);
      return endpoint;
    },
    startChat: (request, session) =>
      startStream(ctx, session, request, 'chat', (client, sink, signal, endpoint) =>
        client.streamChat({ ...request, target: endpoint }, sink, signal),
      ),
    startCompletion: (request, session) =>
      startStream(ctx, session, request, 'completions', (client, sink, signal) =>
        client.streamCompletion(request, sink, signal),
      ),
    createEmbeddings: async (request) =>
      packEmbeddings(await (await currentClient(ctx)).client.createEmbeddings(request), request.endpoint),
    cancelStream: async ({ streamId }, session) => ({ cancelled: ctx.registry.cancel(session.id, streamId) }),
  } satisfies Partial<Handlers>;
}
