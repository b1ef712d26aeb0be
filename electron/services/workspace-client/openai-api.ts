import type { Endpoint, TaskKind } from '../../../shared/domain';
import { failure } from '../../../shared/errors';
import type { WorkspaceClient } from '../types';
import type { RequestJson } from './provisioning-api';

/*
 * The OpenAI-compatible flavor (vLLM, Ollama, LM Studio, Databricks' own /serving-endpoints
 * OpenAI routes): models listed by GET {base}/models become endpoints the app can use.
 */

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * OpenAI's model list says nothing about what a model does. An id naming embeddings is an
 * embeddings model; anything else is `other`, which both chat and completions accept (the
 * server decides).
 */
export function guessTaskKind(id: string): TaskKind {
  return /embed|bge|gte-|e5-|minilm/i.test(id) ? 'embeddings' : 'other';
}

/** One entry of `{object: 'list', data: [{id, object: 'model', owned_by, created}]}` as an Endpoint. */
export function endpointFromModel(entry: Record<string, unknown>): Endpoint | null {
  const id = typeof entry.id === 'string' ? entry.id.trim() : '';
  if (!id) return null;
  const created = typeof entry.created === 'number' && entry.created > 0 ? entry.created * 1000 : null;
  const contextWindow =
    typeof entry.max_model_len === 'number' &&
    Number.isInteger(entry.max_model_len) &&
    entry.max_model_len > 0
      ? entry.max_model_len
      : null;
  return {
    name: id,
    kind: 'external',
    task: null,
    taskKind: guessTaskKind(id),
    ready: 'READY',
    configUpdate: null,
    model: id,
    displayName: null,
    creator: typeof entry.owned_by === 'string' ? entry.owned_by : null,
    createdAt: created,
    contextWindow,
    provisionedUnits: null,
    warnings: [],
  };
}

/** Reads a model list answer; BAD_RESPONSE when it isn't one. Raw entries are kept for "raw JSON" views. */
export function modelsFromList(json: unknown): { endpoint: Endpoint; raw: Record<string, unknown> }[] {
  const data = isObj(json) ? json.data : Array.isArray(json) ? json : null;
  if (!Array.isArray(data))
    throw failure('BAD_RESPONSE', 'The server answered /models with something that is not a model list.');
  return data.filter(isObj).flatMap((raw) => {
    const endpoint = endpointFromModel(raw);
    return endpoint ? [{ endpoint, raw }] : [];
  });
}

/** Provisioned throughput is a Databricks feature; OpenAI-compatible servers have no such API. */
export const notSupported = (what: string) =>
  failure(
    'INVALID_INPUT',
    `${what} isn't available for OpenAI-compatible providers, only for Databricks workspaces.`,
  );

/** GET {base}/models through the client's JSON call, read as endpoints with their raw entries. */
export async function openAiListModels(requestJson: RequestJson, signal?: AbortSignal) {
  return modelsFromList(await requestJson('/models', undefined, {}, signal));
}

type ManagementMethods = Pick<
  WorkspaceClient,
  | 'getEndpoint'
  | 'getEndpointRaw'
  | 'getOptimizationInfo'
  | 'createProvisionedEndpoint'
  | 'updateProvisionedEndpoint'
  | 'deleteEndpoint'
>;

/** The endpoint methods of an OpenAI-flavor client: details from the model list, no management. */
export function openAiMethods(requestJson: RequestJson): ManagementMethods {
  // Not every server implements GET /models/{id}; the list always exists, so it is the source.
  async function getEndpointRaw(name: string, signal?: AbortSignal) {
    const found = (await openAiListModels(requestJson, signal)).find((m) => m.endpoint.name === name);
    if (!found) throw failure('NOT_FOUND', `The server lists no model named "${name}".`);
    return found;
  }
  const refuse = (what: string) => async (): Promise<never> => {
    throw notSupported(what);
  };
  return {
    getEndpoint: async (name, signal) => (await getEndpointRaw(name, signal)).endpoint,
    getEndpointRaw,
    getOptimizationInfo: refuse('Provisioned throughput'),
    createProvisionedEndpoint: refuse('Creating endpoints'),
    updateProvisionedEndpoint: refuse('Scaling endpoints'),
    deleteEndpoint: refuse('Deleting endpoints'),
  };
}
