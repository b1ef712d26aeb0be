import type { Endpoint, EndpointKind, EndpointReady, TaskKind } from '../../../shared/domain';
import { knownCapabilities } from '../../../shared/model-capabilities';

/*
 * Serving-endpoint JSON → `Endpoint`. Real workspaces drift (new fields, legacy
 * `served_models`, endpoints mid-creation with only `pending_config`), so every field is
 * treated as optional and possibly mistyped. This never throws: what looks odd is reported
 * in `warnings` and the rest is still shown.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The context window of a well-known model or endpoint name, from the shared capability
 * table (shared/model-capabilities.ts), which matches names the same way.
 */
export function knownContextWindow(name: string | null | undefined): number | null {
  return knownCapabilities(name)?.contextWindow ?? null;
}

/** Reads typed fields off an untrusted object, noting every wrong type. */
class Reader {
  readonly warnings: string[] = [];

  str(o: Obj | undefined, key: string, path: string): string | null {
    const v = o?.[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    this.warnings.push(`${path} should be text but was ${describeValue(v)}.`);
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
  }

  num(o: Obj | undefined, key: string, path: string): number | null {
    const v = o?.[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
      this.warnings.push(`${path} was a number written as text.`);
      return Number(v);
    }
    this.warnings.push(`${path} should be a number but was ${describeValue(v)}.`);
    return null;
  }

  bool(o: Obj | undefined, key: string, path: string): boolean | null {
    const v = o?.[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    this.warnings.push(`${path} should be true or false but was ${describeValue(v)}.`);
    return null;
  }

  obj(o: Obj | undefined, key: string, path: string): Obj | undefined {
    const v = o?.[key];
    if (v === undefined || v === null) return undefined;
    if (isObj(v)) return v;
    this.warnings.push(`${path} should be an object but was ${describeValue(v)}.`);
    return undefined;
  }
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return 'missing';
  if (typeof v === 'string') return `text "${v.slice(0, 40)}"`;
  // String() rather than JSON.stringify: the latter throws on bigint and returns undefined for functions.
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v).slice(0, 40)}`;
}

function taskKindOf(task: string | null): TaskKind {
  switch (task?.trim().toLowerCase()) {
    case 'llm/v1/chat':
      return 'chat';
    case 'llm/v1/completions':
      return 'completions';
    case 'llm/v1/embeddings':
      return 'embeddings';
    default:
      return 'other';
  }
}

/** The entities of one config object (`served_entities`, or legacy `served_models`). */
function entitiesOf(config: Obj | undefined, r: Reader, path: string): Obj[] {
  const list = config?.served_entities ?? config?.served_models;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    r.warnings.push(`${path}.served_entities should be a list but was ${describeValue(list)}.`);
    return [];
  }
  const entities = list.filter(isObj);
  if (entities.length < list.length)
    r.warnings.push('Some served entities were not objects and were skipped.');
  return entities;
}

/** The served entities of the live config, else the pending one (an endpoint being created). */
function servedEntities(raw: Obj, r: Reader): Obj[] {
  const config = r.obj(raw, 'config', 'config');
  const live = entitiesOf(config, r, 'config');
  if (live.length > 0) return live;
  // Mid-creation an endpoint may have an empty or no `config` yet: the pending one says what it will be.
  const pending = r.obj(raw, 'pending_config', 'pending_config');
  if (!config && !pending) r.warnings.push('The endpoint has no configuration; its kind is unknown.');
  return entitiesOf(pending, r, 'pending_config');
}

const FAILED_DEPLOYMENTS = new Set(['DEPLOYMENT_FAILED', 'DEPLOYMENT_ABORTED']);

/**
 * The server's message about the last config update. Databricks reports a deployment's
 * progress or failure in each served entity's `state.deployment_state_message`; a failed
 * update leaves it on the entities of `pending_config`. A failed entity's message wins, then
 * any pending entity's (progress), then the live config's. Read quietly: odd values are skipped.
 */
function stateMessageOf(raw: Obj): string | null {
  const candidates: { message: string; failed: boolean }[] = [];
  for (const key of ['pending_config', 'config']) {
    const config = raw[key];
    const list = isObj(config) ? (config.served_entities ?? config.served_models) : null;
    for (const entity of Array.isArray(list) ? list : []) {
      const state = isObj(entity) && isObj(entity.state) ? entity.state : null;
      const message =
        typeof state?.deployment_state_message === 'string' ? state.deployment_state_message.trim() : '';
      if (message) candidates.push({ message, failed: FAILED_DEPLOYMENTS.has(String(state?.deployment)) });
    }
  }
  return (candidates.find((c) => c.failed) ?? candidates[0])?.message ?? null;
}

interface EntityFacts {
  kind: EndpointKind;
  model: string | null;
  displayName: string | null;
  contextWindow: number | null;
  provisionedUnits: number | null;
  entityName: string | null;
  entityVersion: string | null;
  minThroughput: number | null;
  maxThroughput: number | null;
  scaleToZero: boolean | null;
  /** The entity's `name` when nothing else describes it (see payPerTokenByName). */
  nameOnly?: string | null;
}

/** Classifies one served entity. Provisioned throughput is checked first because a PT entity of a foundation model also carries a `foundation_model` object. */
function entityFacts(e: Obj, r: Reader, i: number): EntityFacts {
  const p = `served_entities[${i}]`;
  const fm = r.obj(e, 'foundation_model', `${p}.foundation_model`);
  const ext = r.obj(e, 'external_model', `${p}.external_model`);
  const entityName = r.str(e, 'entity_name', `${p}.entity_name`) ?? r.str(e, 'model_name', `${p}.model_name`);
  const units = r.num(e, 'provisioned_model_units', `${p}.provisioned_model_units`);
  const maxPt = r.num(e, 'max_provisioned_throughput', `${p}.max_provisioned_throughput`);
  const minPt = r.num(e, 'min_provisioned_throughput', `${p}.min_provisioned_throughput`);
  const fmName = r.str(fm, 'name', `${p}.foundation_model.name`);
  const extName = r.str(ext, 'name', `${p}.external_model.name`);
  const declared = r.num(fm, 'context_window', `${p}.foundation_model.context_window`);
  const facts: EntityFacts = {
    kind: 'unknown',
    model: fmName ?? extName ?? entityName,
    displayName: r.str(fm, 'display_name', `${p}.foundation_model.display_name`),
    contextWindow: declared && declared > 0 ? Math.round(declared) : null,
    provisionedUnits: units ?? maxPt,
    entityName,
    entityVersion:
      r.str(e, 'entity_version', `${p}.entity_version`) ?? r.str(e, 'model_version', `${p}.model_version`),
    minThroughput: minPt,
    maxThroughput: maxPt,
    scaleToZero: r.bool(e, 'scale_to_zero_enabled', `${p}.scale_to_zero_enabled`),
  };
  if (units !== null || maxPt !== null || minPt !== null) facts.kind = 'provisioned-throughput';
  else if (fm) facts.kind = 'pay-per-token';
  else if (ext) facts.kind = 'external';
  else if (entityName && (e.workload_size !== undefined || e.workload_type !== undefined))
    facts.kind = 'custom';
  else if (!entityName) facts.nameOnly = r.str(e, 'name', `${p}.name`);
  return facts;
}

/**
 * Today's pay-per-token endpoints may describe their served entity by a name alone (no
 * `foundation_model` block): such an entity is a Databricks-hosted model when the endpoint
 * says so (`endpoint_type: "FOUNDATION_MODEL_API"`) or has a Databricks-hosted name
 * (`databricks-…`); the entity's name is then its model.
 */
function payPerTokenByName(facts: EntityFacts, endpointName: string, endpointType: string | null): boolean {
  if (facts.kind !== 'unknown' || !facts.nameOnly) return false;
  const hosted =
    endpointType?.toUpperCase() === 'FOUNDATION_MODEL_API' ||
    /^databricks-/i.test(endpointName) ||
    /^databricks-/i.test(facts.nameOnly);
  if (!hosted) return false;
  facts.kind = 'pay-per-token';
  facts.model = facts.nameOnly;
  return true;
}

const KIND_BY_ENDPOINT_TYPE: Record<string, EndpointKind> = {
  FOUNDATION_MODEL_API: 'pay-per-token',
  EXTERNAL_MODEL: 'external',
  CUSTOM_MODEL: 'custom',
};

function readyOf(state: Obj | undefined, r: Reader): EndpointReady {
  const ready = r.str(state, 'ready', 'state.ready');
  if (ready === 'READY' || ready === 'NOT_READY') return ready;
  if (ready !== null) r.warnings.push(`Unrecognised readiness "${ready.slice(0, 40)}".`);
  return 'UNKNOWN';
}

/**
 * Normalises one serving endpoint as the server described it. Never throws; anything odd
 * (wrong types, missing config, unknown kind) is listed in `warnings`.
 */
export function normaliseEndpoint(raw: unknown): Endpoint {
  const r = new Reader();
  if (!isObj(raw)) {
    r.warnings.push(`The endpoint description should be an object but was ${describeValue(raw)}.`);
  }
  const o: Obj = isObj(raw) ? raw : {};
  const name = r.str(o, 'name', 'name') ?? '';
  if (!name) r.warnings.push('The endpoint has no name.');
  const task = r.str(o, 'task', 'task');
  const state = r.obj(o, 'state', 'state');
  const entities = servedEntities(o, r).map((e, i) => entityFacts(e, r, i));
  const endpointType = r.str(o, 'endpoint_type', 'endpoint_type');
  for (const facts of entities) payPerTokenByName(facts, name, endpointType);
  const first = entities.find((f) => f.kind !== 'unknown') ?? entities[0];
  let kind = first?.kind ?? 'unknown';
  if (kind === 'unknown' && endpointType)
    kind = KIND_BY_ENDPOINT_TYPE[endpointType.toUpperCase()] ?? 'unknown';
  if (kind === 'unknown' && (entities.length > 0 || endpointType))
    r.warnings.push('Could not tell what kind of endpoint this is.');
  const model = first?.model ?? null;
  return {
    name,
    kind,
    task,
    taskKind: taskKindOf(task),
    ready: readyOf(state, r),
    configUpdate: r.str(state, 'config_update', 'state.config_update'),
    model,
    displayName: first?.displayName ?? null,
    creator: r.str(o, 'creator', 'creator'),
    createdAt: r.num(o, 'creation_timestamp', 'creation_timestamp'),
    contextWindow: first?.contextWindow ?? knownContextWindow(model) ?? knownContextWindow(name),
    provisionedUnits: first?.provisionedUnits ?? null,
    warnings: r.warnings,
    entityName: first?.entityName ?? null,
    entityVersion: first?.entityVersion ?? null,
    minThroughput: first?.minThroughput ?? null,
    maxThroughput: first?.maxThroughput ?? null,
    scaleToZero: first?.scaleToZero ?? null,
    stateMessage: stateMessageOf(o),
  };
}
