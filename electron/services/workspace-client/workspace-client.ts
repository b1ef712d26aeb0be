import type { EmbeddingResult, Endpoint } from '../../../shared/domain';
import { failure } from '../../../shared/errors';
import { capabilitiesFor, type WireProtocol } from '../../../shared/model-capabilities';
import { buildCompletionBody, isStreamed } from '../../../shared/request-body';
import type { EmbeddingsRequest, WorkspaceClient, WorkspaceConnection } from '../types';
import { normaliseEndpoint } from './endpoint-normalise';
import { usageFromServer } from './metrics';
import { openAiListModels, openAiMethods } from './openai-api';
import { pathSegment } from './path-segment';
import { managementMethods, type RequestJson } from './provisioning-api';
import { createSqlApi } from './sql-api';
import { streamInvocation } from './stream-invocation';
import { isObj, type WorkspaceClientOptions, WorkspaceTransport } from './transport';
import { chatStreamRequest, completionStreamRequest } from './wire-calls';

/*
 * The client's methods, built on the transport (transport.ts: token, 401 refresh, attempts,
 * health) and the stream invocation (stream-invocation.ts).
 */

export type { WorkspaceClientRetry } from './attempts';
export type { WorkspaceClientOptions, WorkspaceClientTimeouts } from './transport';

/**
 * Creates a client for one workspace (Databricks or the demo). Metadata and embeddings calls
 * throw StudioFailure; stream calls never throw for expected failures and return a
 * GenerationOutcome instead. Tokens are read per request and never appear in errors.
 */
export function createWorkspaceClient(
  connection: WorkspaceConnection,
  options: WorkspaceClientOptions = {},
): WorkspaceClient {
  const transport = new WorkspaceTransport(connection, options);
  const { host, openai } = transport;
  const protocols = options.protocols ?? new Map<string, WireProtocol>();
  const requestOnly: RequestJson = (path, body, ctx, signal, method) =>
    transport.requestJson(path, body, { ...ctx, host }, signal, method).then((r) => r.json);
  // Endpoint details and management: Databricks' REST API, or what an OpenAI server offers.
  const management = openai ? openAiMethods(requestOnly) : managementMethods(requestOnly);
  const described = (e: Endpoint) => withProtocol(e, protocols);

  return {
    async listEndpoints(signal) {
      const list = openai
        ? (await openAiListModels(requestOnly, signal)).map((m) => m.endpoint)
        : await listServingEndpoints(transport, signal);
      return list.map(described);
    },

    // Details, optimization info and the provisioned-throughput lifecycle (provisioning-api.ts),
    // every endpoint with the protocol a chat with it uses.
    ...management,
    getEndpoint: async (name, signal) => described(await management.getEndpoint(name, signal)),
    async getEndpointRaw(name, signal) {
      const { endpoint, raw } = await management.getEndpointRaw(name, signal);
      return { endpoint: described(endpoint), raw };
    },
    createProvisionedEndpoint: async (request, signal) =>
      described(await management.createProvisionedEndpoint(request, signal)),
    updateProvisionedEndpoint: async (name, config, signal) =>
      described(await management.updateProvisionedEndpoint(name, config, signal)),

    // The same builders the UI's "View request" uses: what is previewed is what is sent.
    streamChat: (request, sink, signal) =>
      streamInvocation(transport, chatStreamRequest(transport, request, protocols), sink, signal),

    streamCompletion(request, sink, signal) {
      const payload = buildCompletionBody(request.prompt, request.params);
      const streamRequest = completionStreamRequest(
        transport,
        request.endpoint,
        payload,
        request.prompt.length,
        isStreamed(request.params),
      );
      return streamInvocation(transport, streamRequest, sink, signal);
    },

    createEmbeddings: (request, signal) => createEmbeddings(transport, request, signal),

    // Databricks SQL: only a Databricks workspace (or the demo) has it.
    ...(openai ? {} : { sql: createSqlApi(transport) }),
  };
}

/**
 * An endpoint with the protocol a chat with it is sent with: learned from the server, else
 * the model table's. Embeddings and completions endpoints have none.
 */
export function withProtocol(endpoint: Endpoint, learned: ReadonlyMap<string, WireProtocol>): Endpoint {
  if (endpoint.taskKind === 'embeddings' || endpoint.taskKind === 'completions') return endpoint;
  return { ...endpoint, protocol: learned.get(endpoint.name) ?? capabilitiesFor(endpoint).protocol };
}

/** Databricks' endpoint list, normalised; entries without a name are dropped. */
async function listServingEndpoints(
  transport: WorkspaceTransport,
  signal?: AbortSignal,
): Promise<Endpoint[]> {
  const { json } = await transport.requestJson(
    '/api/2.0/serving-endpoints',
    undefined,
    { host: transport.host },
    signal,
  );
  // An empty workspace answers `{}` without the `endpoints` key.
  const list = isObj(json) ? (json.endpoints ?? []) : null;
  if (!Array.isArray(list))
    throw failure('BAD_RESPONSE', 'The workspace answered the endpoint list in an unexpected shape.');
  return list.map(normaliseEndpoint).filter((e: Endpoint) => e.name !== '');
}

/** A (non-streaming) embeddings invocation, with its metrics. */
async function createEmbeddings(
  transport: WorkspaceTransport,
  request: EmbeddingsRequest,
  signal?: AbortSignal,
): Promise<EmbeddingResult> {
  const { host, openai } = transport;
  const ctx = { endpoint: request.endpoint, host };
  const path = openai ? '/embeddings' : `/serving-endpoints/${pathSegment(request.endpoint)}/invocations`;
  const body = openai ? { model: request.endpoint, input: request.input } : { input: request.input };
  const { json, rec } = await transport.requestJson(path, body, ctx, signal);
  const result = embeddingResult(json, request.input.length, request.endpoint);
  if (result.usage) rec.setUsage(result.usage);
  const promptChars = request.input.reduce((n, s) => n + s.length, 0);
  return { ...result, metrics: rec.finish({ promptChars }) };
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
