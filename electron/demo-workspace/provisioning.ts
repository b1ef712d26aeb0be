import type { DemoConfig } from './config';
import type { DemoEndpoint } from './endpoints';
import { DemoHttpError } from './http-util';
import type { PtModel } from './pt-models';

/**
 * Provisioned-throughput endpoints of the demo workspace and their lifecycle. Time is read
 * from a clock whenever an endpoint is looked at (no timers): a create or update records when
 * it will finish, and the state is settled lazily. That keeps the server free of pending
 * timers and lets tests drive it with fake clocks.
 *
 * Shapes follow Databricks: while creating, the endpoint has only `pending_config` and
 * `state {ready: NOT_READY, config_update: IN_PROGRESS}`; while updating, `config` is the
 * live (old) size, `pending_config` the new one and `ready` stays READY; a failure ends in
 * `UPDATE_FAILED` with the reason in the pending served entity's `state.deployment_state_message`.
 */

/** The size of one served entity: model units, or a throughput band in tokens/s. */
export interface PtSize {
  units?: number;
  minThroughput?: number;
  maxThroughput?: number;
  scaleToZero: boolean;
}

/** One served entity of a provisioned endpoint. */
export interface PtEntity {
  /** The served entity's own name (the `model` of responses). */
  servedName: string;
  model: PtModel;
  version: string;
  size: PtSize;
}

interface Pending {
  entity: PtEntity;
  configVersion: number;
  startedAt: number;
  finishAt: number;
  /** Set when this transition is to fail; `failed` once it has. */
  failMessage: string | null;
  failed: boolean;
}

interface PtRecord {
  name: string;
  createdAt: number;
  updatedAt: number;
  live: { entity: PtEntity; configVersion: number } | null;
  pending: Pending | null;
}

/** The server state the store reads its timing and one-shot failure from. */
export interface PtConfigSource {
  config: DemoConfig;
}

const DEFAULT_FAILURE =
  'Failed to deploy the served entity: not enough GPU capacity is available in this region right now. Try again later or with fewer model units.';

/** The served entity as Databricks describes it. */
function entityJson(entity: PtEntity, state: Record<string, string>): Record<string, unknown> {
  const { size } = entity;
  const json: Record<string, unknown> = {
    name: entity.servedName,
    entity_name: entity.model.entityName,
    entity_version: entity.version,
  };
  if (size.units !== undefined) json.provisioned_model_units = size.units;
  if (size.minThroughput !== undefined) json.min_provisioned_throughput = size.minThroughput;
  if (size.maxThroughput !== undefined) json.max_provisioned_throughput = size.maxThroughput;
  json.scale_to_zero_enabled = size.scaleToZero;
  json.state = state;
  return json;
}

function configJson(entity: PtEntity, version: number, state: Record<string, string>) {
  return {
    served_entities: [entityJson(entity, state)],
    traffic_config: { routes: [{ served_model_name: entity.servedName, traffic_percentage: 100 }] },
    config_version: version,
  };
}

/** The provisioned-throughput endpoints of one demo server. */
export class ProvisionedStore {
  private readonly records = new Map<string, PtRecord>();

  constructor(
    private readonly source: PtConfigSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds an endpoint that is already READY (the demo's built-in provisioned endpoint). */
  seed(name: string, entity: PtEntity, createdAt: number): void {
    this.records.set(name, {
      name,
      createdAt,
      updatedAt: createdAt,
      live: { entity, configVersion: 1 },
      pending: null,
    });
  }

  has(name: string): boolean {
    return this.records.has(name);
  }

  names(): string[] {
    return [...this.records.keys()];
  }

  /** Starts creating an endpoint: 409 RESOURCE_ALREADY_EXISTS when the name is taken. */
  create(name: string, entity: PtEntity): void {
    const now = this.now();
    const record: PtRecord = { name, createdAt: now, updatedAt: now, live: null, pending: null };
    record.pending = this.transition(name, 'create', entity, 1, this.source.config.ptProvisionMs);
    this.records.set(name, record);
  }

  /** Starts a config update; 409 RESOURCE_CONFLICT while another one is in progress. */
  update(name: string, entity: PtEntity): void {
    const record = this.settled(name);
    if (record.pending && !record.pending.failed)
      throw new DemoHttpError(
        409,
        'RESOURCE_CONFLICT',
        `Endpoint '${name}' is already being updated. Wait for the current update to finish.`,
      );
    // A failed create never went live: retrying it is another creation (ready stays NOT_READY).
    const kind = record.live ? 'update' : 'create';
    const ms = record.live ? this.source.config.ptUpdateMs : this.source.config.ptProvisionMs;
    const version = (record.live?.configVersion ?? record.pending?.configVersion ?? 0) + 1;
    record.pending = this.transition(name, kind, entity, version, ms);
    record.updatedAt = this.now();
  }

  delete(name: string): void {
    this.settled(name);
    this.records.delete(name);
  }

  /** The endpoint as `GET /api/2.0/serving-endpoints/{name}` describes it. */
  describe(name: string): Record<string, unknown> {
    const record = this.settled(name);
    const { live, pending } = record;
    const configUpdate = !pending ? 'NOT_UPDATING' : pending.failed ? 'UPDATE_FAILED' : 'IN_PROGRESS';
    const model = (live ?? pending)?.entity.model;
    const json: Record<string, unknown> = {
      name,
      id: `demopt${record.createdAt.toString(16)}`,
      creator: 'demo.user@example.com',
      creation_timestamp: record.createdAt,
      last_updated_timestamp: record.updatedAt,
      state: { ready: live ? 'READY' : 'NOT_READY', config_update: configUpdate },
    };
    if (live) json.config = configJson(live.entity, live.configVersion, READY_STATE);
    if (pending) {
      const state = pending.failed
        ? {
            deployment: 'DEPLOYMENT_FAILED',
            deployment_state_message: pending.failMessage ?? DEFAULT_FAILURE,
          }
        : { deployment: 'DEPLOYMENT_CREATING', deployment_state_message: 'Provisioning model units.' };
      json.pending_config = {
        ...configJson(pending.entity, pending.configVersion, state),
        start_time: pending.startedAt,
      };
    }
    if (model) json.task = model.task;
    json.permission_level = 'CAN_MANAGE';
    json.route_optimized = false;
    return json;
  }

  /**
   * The endpoint as a generator target, when it can answer: a READY endpoint answers (also
   * during a scale); one still coming up answers 503, one whose creation failed 400.
   */
  invocable(name: string): DemoEndpoint | undefined {
    if (!this.records.has(name)) return undefined;
    const record = this.settled(name);
    if (!record.live) {
      if (record.pending?.failed)
        throw new DemoHttpError(
          400,
          'INVALID_STATE',
          `Endpoint '${name}' failed to deploy and cannot serve requests.`,
        );
      throw new DemoHttpError(
        503,
        'TEMPORARILY_UNAVAILABLE',
        `Endpoint '${name}' is not ready yet: its provisioned throughput is being set up.`,
        { 'retry-after': '5' },
      );
    }
    const { entity } = record.live;
    const endpoint: DemoEndpoint = {
      name,
      task: entity.model.task,
      servedModel: entity.servedName,
      displayName: entity.model.displayName,
      contextWindow: entity.model.contextWindow,
      kind: 'provisioned-throughput',
      createdAt: record.createdAt,
    };
    if (entity.model.embeddingProfile) endpoint.embeddingProfile = entity.model.embeddingProfile;
    return endpoint;
  }

  /** The record with any finished transition applied; 404 when there is none. */
  private settled(name: string): PtRecord {
    const record = this.records.get(name);
    if (!record)
      throw new DemoHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `Endpoint with name '${name}' does not exist.`);
    const pending = record.pending;
    if (pending && !pending.failed && this.now() >= pending.finishAt) {
      record.updatedAt = pending.finishAt;
      if (pending.failMessage !== null) pending.failed = true;
      else {
        record.live = { entity: pending.entity, configVersion: pending.configVersion };
        record.pending = null;
      }
    }
    return record;
  }

  /** A new pending transition, consuming a matching one-shot failure from the config. */
  private transition(
    name: string,
    kind: 'create' | 'update',
    entity: PtEntity,
    configVersion: number,
    ms: number,
  ): Pending {
    const fail = this.source.config.ptFailNext;
    const fails =
      fail !== null && fail.kind === kind && (fail.endpoint === undefined || fail.endpoint === name);
    if (fails) this.source.config.ptFailNext = null;
    const startedAt = this.now();
    return {
      entity,
      configVersion,
      startedAt,
      finishAt: startedAt + ms,
      failMessage: fails ? fail.message?.trim() || DEFAULT_FAILURE : null,
      failed: false,
    };
  }
}

const READY_STATE = { deployment: 'DEPLOYMENT_READY', deployment_state_message: '' };
