import type { Endpoint, OptimizationInfo, PtConfig } from '../../../shared/domain';
import { failure } from '../../../shared/errors';
import type { WorkspaceClient } from '../types';
import { normaliseEndpoint } from './endpoint-normalise';
import type { ErrorContext } from './http-errors';
import { pathSegment } from './path-segment';

/*
 * The provisioned-throughput request bodies and the optimization-info reader, kept apart from
 * the HTTP client so they can be tested as plain functions.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A positive finite number, also when written as text; null otherwise. */
function positive(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Names under which a model-unit chunk has been seen or may appear. Databricks documents
 * `throughput_chunk_size` for band-sized models; the model-unit form is newer and less
 * documented, so several spellings are accepted.
 */
const MODEL_UNIT_KEYS = [
  'model_unit_chunk_size',
  'model_units_chunk_size',
  'provisioned_model_units_chunk_size',
  'chunk_size_model_units',
];

/**
 * Reads a `get-model-optimization-info` answer. Tolerates odd fields (a missing or mistyped
 * `optimizable` means "not optimizable") but not a different document: BAD_RESPONSE. When a model is optimizable but names no
 * chunk at all, it is taken to be a model-unit model with a chunk of 1, because newer models
 * (sized in model units) are the ones that answer without `throughput_chunk_size`.
 */
export function normaliseOptimizationInfo(json: unknown): OptimizationInfo {
  if (!isObj(json))
    throw failure(
      'BAD_RESPONSE',
      'The workspace answered the model optimization info in an unexpected shape.',
    );
  // `{}` is a real answer (false fields are left out), but a body with other fields and none of
  // this answer's is some other document (a wrong path): say so instead of "not optimizable".
  const known = ['optimizable', 'model_type', 'throughput_chunk_size', ...MODEL_UNIT_KEYS];
  if (Object.keys(json).length > 0 && !known.some((k) => k in json))
    throw failure(
      'BAD_RESPONSE',
      `The workspace answered the model optimization info with something else (fields: ${Object.keys(json).slice(0, 5).join(', ')}).`,
    );
  const optimizable = json.optimizable === true || json.optimizable === 'true';
  const modelType = typeof json.model_type === 'string' && json.model_type.trim() ? json.model_type : null;
  if (!optimizable)
    return { optimizable: false, modelType, throughputChunkSize: null, modelUnitChunkSize: null };
  const throughputChunkSize = positive(json.throughput_chunk_size);
  let modelUnitChunkSize: number | null = null;
  for (const key of MODEL_UNIT_KEYS) modelUnitChunkSize ??= positive(json[key]);
  if (throughputChunkSize === null && modelUnitChunkSize === null) modelUnitChunkSize = 1;
  return { optimizable, modelType, throughputChunkSize, modelUnitChunkSize };
}

/** The default served-entity name: the model's last path segment and its version. */
export function defaultServedEntityName(entityName: string, version: string): string {
  const base = `${entityName.split('.').at(-1) ?? entityName}-${version}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return base.replace(/^[^A-Za-z0-9]+/, '').slice(0, 63) || 'served-model';
}

/** Whether a config uses model units (the `/pt` API) rather than a throughput band. */
export function usesModelUnits(config: PtConfig): boolean {
  return config.provisionedModelUnits !== undefined;
}

/** The one served entity of a provisioned-throughput config, in the server's field names. */
export function servedEntityBody(config: PtConfig): Obj {
  const units = config.provisionedModelUnits;
  const max = config.maxProvisionedThroughput;
  if (units !== undefined && (max !== undefined || config.minProvisionedThroughput !== undefined))
    throw failure('INVALID_INPUT', 'Choose either model units or a throughput band, not both.');
  if (units === undefined && max === undefined)
    throw failure('INVALID_INPUT', 'Choose a size: model units, or a maximum throughput.');
  const entity: Obj = {
    name: config.servedEntityName || defaultServedEntityName(config.entityName, config.entityVersion),
    entity_name: config.entityName,
    entity_version: config.entityVersion,
  };
  if (units !== undefined) entity.provisioned_model_units = units;
  else {
    entity.min_provisioned_throughput = config.minProvisionedThroughput ?? 0;
    entity.max_provisioned_throughput = max;
  }
  if (config.scaleToZero !== undefined) entity.scale_to_zero_enabled = config.scaleToZero;
  return entity;
}

const BASE = '/api/2.0/serving-endpoints';

/** Create: `POST …/pt` for model units, else the older `POST /api/2.0/serving-endpoints`. */
export function createRequest(name: string, config: PtConfig): { path: string; body: Obj } {
  const body = { name, config: { served_entities: [servedEntityBody(config)] } };
  return { path: usesModelUnits(config) ? `${BASE}/pt` : BASE, body };
}

/**
 * Update: `PUT …/pt/{name}/config` with `{config: {…}}` for model units, else
 * `PUT …/{name}/config` with the bare config (the general API's body is the config itself).
 */
export function updateRequest(name: string, config: PtConfig): { path: string; body: Obj } {
  const served = { served_entities: [servedEntityBody(config)] };
  const encoded = pathSegment(name);
  return usesModelUnits(config)
    ? { path: `${BASE}/pt/${encoded}/config`, body: { config: served } }
    : { path: `${BASE}/${encoded}/config`, body: served };
}

/** The optimization-info path; every segment encoded, and `.`/`..` refused (see path-segment.ts). */
export function optimizationInfoPath(entityName: string, version: string): string {
  return `${BASE}/get-model-optimization-info/${pathSegment(entityName)}/${pathSegment(version)}`;
}

/** The client's JSON call: GET without a body, else the given method; throws StudioFailure. */
export type RequestJson = (
  path: string,
  body: unknown,
  ctx: Omit<ErrorContext, 'host'>,
  signal: AbortSignal | undefined,
  method?: 'POST' | 'PUT' | 'DELETE',
) => Promise<unknown>;

/** An answer without a name still describes the endpoint that was asked for. */
const named = (endpoint: Endpoint, name: string): Endpoint =>
  endpoint.name ? endpoint : { ...endpoint, name };

type ManagementMethods = Pick<
  WorkspaceClient,
  | 'getEndpoint'
  | 'getEndpointRaw'
  | 'getOptimizationInfo'
  | 'createProvisionedEndpoint'
  | 'updateProvisionedEndpoint'
  | 'deleteEndpoint'
>;

/** The workspace client's endpoint-management methods, on top of its JSON call. */
export function managementMethods(requestJson: RequestJson): ManagementMethods {
  const endpointPath = (name: string) => `${BASE}/${pathSegment(name)}`;
  async function getEndpointRaw(name: string, signal?: AbortSignal) {
    const raw = await requestJson(endpointPath(name), undefined, { endpoint: name }, signal);
    return { endpoint: named(normaliseEndpoint(raw), name), raw };
  }
  return {
    getEndpoint: async (name, signal) => (await getEndpointRaw(name, signal)).endpoint,
    getEndpointRaw,
    async getOptimizationInfo(entityName, entityVersion, signal) {
      const json = await requestJson(optimizationInfoPath(entityName, entityVersion), undefined, {}, signal);
      return normaliseOptimizationInfo(json);
    },
    async createProvisionedEndpoint(request, signal) {
      const { path, body } = createRequest(request.name, request);
      const json = await requestJson(path, body, { endpoint: request.name }, signal, 'POST');
      return named(normaliseEndpoint(json), request.name);
    },
    async updateProvisionedEndpoint(name, config, signal) {
      const { path, body } = updateRequest(name, config);
      const json = await requestJson(path, body, { endpoint: name }, signal, 'PUT');
      return named(normaliseEndpoint(json), name);
    },
    async deleteEndpoint(name, signal) {
      await requestJson(endpointPath(name), undefined, { endpoint: name }, signal, 'DELETE');
    },
  };
}
