import { DemoHttpError, invalidParameter, isRecord } from './http-util';
import type { PtEntity, PtSize } from './provisioning';
import { findPtModel, type PtModel } from './pt-models';

/**
 * Validation of provisioned-throughput create and update bodies, with the 400s Databricks
 * gives: a bad name, units that are not a positive integer, throughput that is not a multiple
 * of the model's chunk, an unknown or non-optimizable model.
 */

/** Which API the body came through: `/pt` (model units only) or the general one (either form). */
export type PtApi = 'pt' | 'general';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** Far above any real quota; stops a typo from "provisioning" a data centre. */
const MAX_UNITS = 1_000;
const MAX_CHUNKS = 200;

/** Checks an endpoint name the way Databricks does. */
export function checkEndpointName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw invalidParameter('name is required.');
  if (name.length > 63 || !NAME.test(name))
    throw invalidParameter(
      `Invalid endpoint name '${name.slice(0, 80)}': use at most 63 letters, digits, '-' and '_', starting with a letter or digit.`,
    );
  return name;
}

/** `config.served_entities[0]` of a body, accepting `{config: {…}}` or the bare config. */
function servedEntity(body: unknown, wrapped: boolean): Record<string, unknown> {
  if (!isRecord(body)) throw new DemoHttpError(400, 'BAD_REQUEST', 'The request body must be a JSON object.');
  const config = wrapped ? body.config : isRecord(body.config) ? body.config : body;
  if (!isRecord(config)) throw invalidParameter('config is required.');
  const list = config.served_entities ?? config.served_models;
  if (!Array.isArray(list) || list.length === 0)
    throw invalidParameter('config.served_entities must list the model to serve.');
  if (list.length > 1)
    throw invalidParameter(
      'The demo workspace serves exactly one entity per provisioned-throughput endpoint.',
    );
  const entity = list[0];
  if (!isRecord(entity)) throw invalidParameter('config.served_entities[0] must be an object.');
  return entity;
}

function modelOf(entity: Record<string, unknown>): { model: PtModel; version: string } {
  const name = entity.entity_name ?? entity.model_name;
  if (typeof name !== 'string' || name === '')
    throw invalidParameter(
      'served_entities[0].entity_name is required (e.g. system.ai.meta_llama_3_1_70b_instruct).',
    );
  const rawVersion = entity.entity_version ?? entity.model_version;
  const version = typeof rawVersion === 'number' ? String(rawVersion) : rawVersion;
  if (typeof version !== 'string' || version === '')
    throw invalidParameter('served_entities[0].entity_version is required.');
  let model: PtModel;
  try {
    model = findPtModel(name, version);
  } catch (error) {
    // Creating from a model that doesn't exist is a bad parameter, not a missing endpoint.
    if (error instanceof DemoHttpError) throw invalidParameter(error.message);
    throw error;
  }
  if (!model.optimizable)
    throw invalidParameter(`Model '${model.entityName}' is not eligible for provisioned throughput.`);
  return { model, version };
}

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

function unitsSize(entity: Record<string, unknown>, model: PtModel): number {
  const units = entity.provisioned_model_units;
  if (!isPositiveInt(units) || units > MAX_UNITS)
    throw invalidParameter(
      `provisioned_model_units must be a positive integer (at most ${MAX_UNITS}); got ${JSON.stringify(units)}.`,
    );
  const chunk = model.modelUnitChunk ?? 1;
  if (units % chunk !== 0)
    throw invalidParameter(
      `provisioned_model_units for '${model.entityName}' must be a multiple of ${chunk}; got ${units}.`,
    );
  return units;
}

function bandSize(entity: Record<string, unknown>, model: PtModel): { min: number; max: number } {
  const chunk = model.throughputChunk as number;
  const min = entity.min_provisioned_throughput ?? 0;
  const max = entity.max_provisioned_throughput;
  const multiple = (v: unknown): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v % chunk === 0;
  if (!multiple(max) || max === 0 || max > chunk * MAX_CHUNKS)
    throw invalidParameter(
      `max_provisioned_throughput must be a positive multiple of ${chunk} tokens/s (the chunk size of '${model.entityName}'); got ${JSON.stringify(max)}.`,
    );
  if (!multiple(min))
    throw invalidParameter(
      `min_provisioned_throughput must be a multiple of ${chunk} tokens/s (the chunk size of '${model.entityName}'); got ${JSON.stringify(min)}.`,
    );
  if (min > max)
    throw invalidParameter(
      `min_provisioned_throughput (${min}) cannot exceed max_provisioned_throughput (${max}).`,
    );
  return { min, max };
}

function sizeOf(entity: Record<string, unknown>, model: PtModel, api: PtApi): PtSize {
  const scale = entity.scale_to_zero_enabled ?? false;
  if (typeof scale !== 'boolean') throw invalidParameter('scale_to_zero_enabled must be true or false.');
  if (model.throughputChunk) {
    if (api === 'pt' || entity.provisioned_model_units !== undefined)
      throw invalidParameter(
        `'${model.entityName}' is provisioned in throughput bands, not model units: POST /api/2.0/serving-endpoints with min/max_provisioned_throughput in multiples of ${model.throughputChunk}.`,
      );
    const { min, max } = bandSize(entity, model);
    return { minThroughput: min, maxThroughput: max, scaleToZero: scale };
  }
  if (entity.provisioned_model_units === undefined && entity.max_provisioned_throughput !== undefined)
    throw invalidParameter(
      `'${model.entityName}' is provisioned in model units: set provisioned_model_units (POST /api/2.0/serving-endpoints/pt).`,
    );
  return { units: unitsSize(entity, model), scaleToZero: scale };
}

/** The default served-entity name: the model's last segment and version, as Databricks does. */
const defaultServedName = (model: PtModel, version: string): string =>
  `${model.entityName.split('.').at(-1)}-${version}`.slice(0, 63);

/**
 * Reads the served entity of a create (`{name, config}`) or update (`{config}` or the bare
 * config) body. Throws DemoHttpError 400 with an actionable message.
 */
export function parsePtEntity(body: unknown, api: PtApi, wrapped: boolean): PtEntity {
  const entity = servedEntity(body, wrapped);
  const { model, version } = modelOf(entity);
  const size = sizeOf(entity, model, api);
  const given = entity.name;
  if (given !== undefined && (typeof given !== 'string' || given.length > 63 || !NAME.test(given)))
    throw invalidParameter('served_entities[0].name must be at most 63 letters, digits, "-" and "_".');
  return {
    servedName: (given as string | undefined) || defaultServedName(model, version),
    model,
    version,
    size,
  };
}
