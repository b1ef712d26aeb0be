import { failure, type StudioError, StudioFailure } from '../../../shared/errors';
import { parseVolumePath, utf8Length } from '../../../shared/eval-sql';
import {
  type ResultChunk,
  type StatementStatus,
  statementStateSchema,
  type Warehouse,
} from '../../../shared/sql-schemas';
import type { SqlApi } from '../types';
import { pathSegment } from './path-segment';
import { isObj, RawBody, type WorkspaceTransport } from './transport';

/*
 * Databricks SQL for Evaluate's in-workspace path, on top of the workspace transport (token,
 * 401 refresh, retries on 429/503): SQL warehouses, the Files API on Unity Catalog volumes and
 * the Statement Execution API. Every URL is built from encoded path segments and checked to
 * stay under its API's prefix; answers of the wrong shape are BAD_RESPONSE; failures keep the
 * workspace's own error_code and message (serverCode, serverMessage) with advice for SQL.
 */

const WAREHOUSES = '/api/2.0/sql/warehouses';
const STATEMENTS = '/api/2.0/sql/statements';
const FILES = '/api/2.0/fs/files';

/**
 * `prefix/seg/seg…` with every segment encoded (`.`/`..` refused by pathSegment), checked to
 * resolve under `prefix/` as fetch will resolve it.
 */
export function pathUnder(prefix: string, ...segments: string[]): string {
  const path = `${prefix}/${segments.map(pathSegment).join('/')}`;
  const resolved = new URL(path, 'http://workspace.invalid').pathname;
  if (resolved !== path || !resolved.startsWith(`${prefix}/`))
    throw failure('INVALID_INPUT', `"${segments.join('/')}" can't be part of a workspace URL.`);
  return path;
}

/** The Files API path of a volume file: each segment encoded, the volume path checked first. */
export function filesPath(volumePath: string): string {
  try {
    parseVolumePath(volumePath);
  } catch (err) {
    throw failure('INVALID_INPUT', err instanceof Error ? err.message : String(err));
  }
  return pathUnder(FILES, ...volumePath.slice(1).split('/'));
}

const badResponse = (what: string): StudioFailure =>
  failure('BAD_RESPONSE', `The workspace answered ${what} in an unexpected shape.`);

// ---------------------------------------------------------------- answers

/** One warehouse from Databricks' JSON. */
export function normaliseWarehouse(json: unknown): Warehouse {
  if (!isObj(json) || typeof json.id !== 'string' || json.id === '' || typeof json.state !== 'string')
    throw badResponse('a SQL warehouse');
  return {
    id: json.id,
    name: typeof json.name === 'string' && json.name !== '' ? json.name : json.id,
    state: json.state,
    clusterSize: typeof json.cluster_size === 'string' ? json.cluster_size : null,
    ...(typeof json.enable_serverless_compute === 'boolean'
      ? { serverless: json.enable_serverless_compute }
      : {}),
  };
}

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;

/** One result chunk (`result` of a statement, or `…/result/chunks/{n}`). */
export function normaliseChunk(json: unknown, fallbackIndex = 0): ResultChunk {
  if (!isObj(json)) throw badResponse('a result chunk');
  const data = json.data_array ?? [];
  if (!Array.isArray(data)) throw badResponse('a result chunk');
  const rows = data.map((row) => {
    if (!Array.isArray(row) || row.some((cell) => cell !== null && typeof cell !== 'string'))
      throw badResponse('a result chunk (JSON_ARRAY cells are strings or null)');
    return row as (string | null)[];
  });
  const chunk: ResultChunk = {
    chunkIndex: count(json.chunk_index) ?? fallbackIndex,
    rowOffset: count(json.row_offset) ?? 0,
    rows,
  };
  const next = count(json.next_chunk_index);
  if (next !== undefined) chunk.nextChunkIndex = next;
  return chunk;
}

/** A statement's status, manifest and first chunk from Databricks' JSON. */
export function normaliseStatement(json: unknown): StatementStatus {
  if (!isObj(json) || typeof json.statement_id !== 'string' || !isObj(json.status))
    throw badResponse('a SQL statement');
  const state = statementStateSchema.safeParse(json.status.state);
  if (!state.success) throw badResponse('a SQL statement (its state)');
  const out: StatementStatus = { statementId: json.statement_id, state: state.data };
  const error = json.status.error;
  if (isObj(error))
    out.error = {
      code: typeof error.error_code === 'string' ? error.error_code : 'UNKNOWN',
      message: typeof error.message === 'string' ? error.message : 'The statement failed.',
    };
  const manifest = json.manifest;
  if (isObj(manifest)) {
    const columns = isObj(manifest.schema) ? manifest.schema.columns : undefined;
    if (columns !== undefined) {
      if (!Array.isArray(columns)) throw badResponse('a SQL statement (its columns)');
      out.columns = columns.map((c) => {
        if (!isObj(c) || typeof c.name !== 'string') throw badResponse('a SQL statement (its columns)');
        return {
          name: c.name,
          typeName: typeof c.type_name === 'string' ? c.type_name : 'STRING',
          ...(typeof c.type_text === 'string' ? { typeText: c.type_text } : {}),
        };
      });
    }
    const rows = count(manifest.total_row_count);
    const chunks = count(manifest.total_chunk_count);
    if (rows !== undefined) out.totalRowCount = rows;
    if (chunks !== undefined) out.totalChunkCount = chunks;
  }
  if (isObj(json.result) && (json.result.data_array !== undefined || count(json.result.row_count) === 0))
    out.firstChunk = normaliseChunk(json.result);
  return out;
}

// ---------------------------------------------------------------- errors

/**
 * Keeps the workspace's code and words but replaces the advice where the generic one (about
 * serving endpoints) would mislead.
 */
function withAdvice(err: unknown, advice: Partial<Record<StudioError['code'], string>>): never {
  if (err instanceof StudioFailure) {
    const message = advice[err.error.code];
    if (message) throw new StudioFailure({ ...err.error, message });
  }
  throw err;
}

const WAREHOUSE_ADVICE = {
  NOT_FOUND: 'That SQL warehouse does not exist (any more). Refresh the list and pick another.',
  PERMISSION: 'You may not use this SQL warehouse. Ask for "Can use" on it, or pick another.',
  BAD_PARAMETER: 'The SQL warehouse refused the request. If it is stopped, start it first.',
};

// ---------------------------------------------------------------- the API

/** The Databricks SQL calls over one workspace's transport. */
export function createSqlApi(transport: WorkspaceTransport): SqlApi {
  const ctx = { host: transport.host };
  const json = (path: string, body: unknown, signal?: AbortSignal, method?: 'POST', once = false) =>
    transport.requestJson(path, body, ctx, signal, method, once).then((r) => r.json);

  return {
    async listWarehouses(signal) {
      const answer = await json(WAREHOUSES, undefined, signal).catch((e) => withAdvice(e, WAREHOUSE_ADVICE));
      // A workspace without warehouses answers `{}`.
      const list = isObj(answer) ? (answer.warehouses ?? []) : null;
      if (!Array.isArray(list)) throw badResponse('the SQL warehouse list');
      return list.map(normaliseWarehouse);
    },
    async getWarehouse(id, signal) {
      const answer = await json(pathUnder(WAREHOUSES, id), undefined, signal).catch((e) =>
        withAdvice(e, WAREHOUSE_ADVICE),
      );
      return normaliseWarehouse(answer);
    },
    async startWarehouse(id, signal) {
      await json(`${pathUnder(WAREHOUSES, id)}/start`, {}, signal, 'POST').catch((e) =>
        withAdvice(e, WAREHOUSE_ADVICE),
      );
    },
    async uploadFile(path, content, signal) {
      const target = filesPath(path);
      await transport
        .putRaw(`${target}?overwrite=true`, new RawBody(content, 'application/octet-stream'), ctx, signal)
        .catch((e) =>
          withAdvice(e, {
            NOT_FOUND:
              'That volume does not exist: check the catalog, schema and volume names (Catalog Explorer → Volumes).',
            PERMISSION:
              'You may not write to this volume. Ask for WRITE VOLUME on it, or choose another volume.',
            CONFLICT: 'A file is already there and could not be replaced.',
          }),
        );
      return { path, bytes: utf8Length(content) };
    },
    async executeStatement(warehouseId, statement, signal) {
      const body = {
        warehouse_id: warehouseId,
        statement,
        wait_timeout: '0s',
        on_wait_timeout: 'CONTINUE',
        format: 'JSON_ARRAY',
        disposition: 'INLINE',
      };
      // Never sent twice: a statement that reached the warehouse runs (and costs) again.
      const answer = await json(STATEMENTS, body, signal, 'POST', true).catch((e) =>
        withAdvice(e, {
          ...WAREHOUSE_ADVICE,
          BAD_PARAMETER: 'The workspace refused the statement. If the warehouse is stopped, start it first.',
        }),
      );
      return normaliseStatement(answer);
    },
    async getStatement(statementId, signal) {
      const answer = await json(pathUnder(STATEMENTS, statementId), undefined, signal).catch((e) =>
        withAdvice(e, {
          NOT_FOUND: 'That statement is not known to the workspace (its results expire after a while).',
        }),
      );
      return normaliseStatement(answer);
    },
    async getResultChunk(statementId, chunkIndex, signal) {
      const path = `${pathUnder(STATEMENTS, statementId)}/result/chunks/${pathSegment(String(chunkIndex))}`;
      const answer = await json(path, undefined, signal).catch((e) =>
        withAdvice(e, {
          NOT_FOUND: 'That statement or result chunk is not known to the workspace (results expire).',
        }),
      );
      return normaliseChunk(answer, chunkIndex);
    },
    async cancelStatement(statementId, signal) {
      await json(`${pathUnder(STATEMENTS, statementId)}/cancel`, {}, signal, 'POST');
    },
  };
}
