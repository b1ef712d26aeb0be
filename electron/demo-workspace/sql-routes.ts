import type { IncomingMessage, ServerResponse } from 'node:http';
import { DemoHttpError, invalidParameter, isRecord, parseJsonBody, readBody, sendJson } from './http-util';
import type { WarehouseRegistry } from './sql-warehouses';
import type { StatementStore } from './statements';
import { MAX_VOLUME_FILE_BYTES, type VolumeStore } from './volumes';

/**
 * The Databricks SQL routes of the demo workspace:
 * - `GET /api/2.0/sql/warehouses`, `GET …/{id}`, `POST …/{id}/start`, `POST …/{id}/stop`;
 * - `POST /api/2.0/sql/statements`, `GET …/{id}`, `GET …/{id}/result/chunks/{n}`,
 *   `POST …/{id}/cancel` (statements.ts);
 * - the Files API on volumes: `PUT|GET|DELETE /api/2.0/fs/files/Volumes/<c>/<s>/<v>/<path>`
 *   (`?overwrite=true|false`, raw bytes; volumes.ts).
 * Returns false when the request is none of them.
 */

export interface SqlRoutesState {
  warehouses: WarehouseRegistry;
  statements: StatementStore;
  volumes: VolumeStore;
}

/** The longest statement text Databricks takes (16 MiB). */
export const MAX_STATEMENT_CHARS = 16 * 1024 * 1024;

const WAREHOUSE = /^\/api\/2\.0\/sql\/warehouses\/([^/]+)$/;
const WAREHOUSE_ACTION = /^\/api\/2\.0\/sql\/warehouses\/([^/]+)\/(start|stop)$/;
const STATEMENT = /^\/api\/2\.0\/sql\/statements\/([^/]+)$/;
const STATEMENT_CANCEL = /^\/api\/2\.0\/sql\/statements\/([^/]+)\/cancel$/;
const STATEMENT_CHUNK = /^\/api\/2\.0\/sql\/statements\/([^/]+)\/result\/chunks\/([^/]+)$/;
const FILES = '/api/2.0/fs/files';

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalidParameter(`The path segment "${raw}" is not valid percent-encoding.`);
  }
}

/** `/Volumes/…` from a Files API path, each segment decoded; a segment may not hide a `/`. */
function volumePath(encoded: string): string {
  const segments = encoded.split('/').slice(1).map(decode);
  if (segments.some((s) => s.includes('/')))
    throw invalidParameter('A path segment may not contain an encoded "/".');
  return `/${segments.join('/')}`;
}

/** `wait_timeout`: "0s", or 5 to 50 seconds. */
function waitSeconds(value: unknown): number {
  if (value === undefined || value === null) return 10;
  const match = typeof value === 'string' ? /^(\d+)s$/.exec(value) : null;
  const seconds = match ? Number(match[1]) : Number.NaN;
  if (seconds === 0 || (seconds >= 5 && seconds <= 50)) return seconds;
  throw invalidParameter(
    `wait_timeout must be "0s" or between "5s" and "50s"; got ${JSON.stringify(value)}.`,
  );
}

const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParameter(`${key} must be a string.`);
  return v;
};

async function executeStatement(state: SqlRoutesState, req: IncomingMessage, res: ServerResponse) {
  const body = parseJsonBody(await readBody(req, MAX_STATEMENT_CHARS * 4 + 65_536));
  if (!isRecord(body)) throw invalidParameter('The request body must be a JSON object.');
  const warehouseId = optionalString(body, 'warehouse_id');
  if (!warehouseId) throw invalidParameter('warehouse_id is required.');
  const statement = optionalString(body, 'statement');
  if (!statement?.trim()) throw invalidParameter('statement is required.');
  if (statement.length > MAX_STATEMENT_CHARS)
    throw invalidParameter(`statement is longer than ${MAX_STATEMENT_CHARS} characters.`);
  const wait = waitSeconds(body.wait_timeout);
  const onTimeout = optionalString(body, 'on_wait_timeout') ?? 'CONTINUE';
  if (onTimeout !== 'CONTINUE' && onTimeout !== 'CANCEL')
    throw invalidParameter(`on_wait_timeout must be CONTINUE or CANCEL; got ${JSON.stringify(onTimeout)}.`);
  const format = optionalString(body, 'format') ?? 'JSON_ARRAY';
  if (format !== 'JSON_ARRAY')
    throw invalidParameter(`The demo workspace answers format JSON_ARRAY only; got ${format}.`);
  const disposition = optionalString(body, 'disposition') ?? 'INLINE';
  if (disposition !== 'INLINE')
    throw invalidParameter(`The demo workspace answers disposition INLINE only; got ${disposition}.`);
  if (Array.isArray(body.parameters) && body.parameters.length > 0)
    throw invalidParameter('The demo workspace does not take statement parameters; inline the values.');
  const defaults = {
    catalog: optionalString(body, 'catalog') ?? 'main',
    schema: optionalString(body, 'schema') ?? 'default',
  };
  const st = state.statements.submit(warehouseId, statement, defaults);
  if (wait > 0) {
    await state.statements.waitFor(st.id, wait * 1000);
    if (onTimeout === 'CANCEL') state.statements.cancel(st.id);
  }
  sendJson(res, 200, state.statements.describe(st.id));
}

async function files(
  state: SqlRoutesState,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  url: URL,
) {
  const path = volumePath(url.pathname.slice(FILES.length));
  if (method === 'PUT') {
    const overwrite = url.searchParams.get('overwrite') === 'true';
    state.volumes.put(path, await readBody(req, MAX_VOLUME_FILE_BYTES), overwrite);
    res.writeHead(204);
    res.end();
    return;
  }
  if (method === 'GET') {
    const bytes = state.volumes.get(path);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': bytes.length,
    });
    res.end(bytes);
    return;
  }
  if (method === 'DELETE') {
    state.volumes.delete(path);
    res.writeHead(204);
    res.end();
    return;
  }
  throw new DemoHttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported on ${FILES}.`);
}

/** Serves the request when it is a Databricks SQL or Files API route; false otherwise. */
export async function handleSql(
  state: SqlRoutesState,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://demo.invalid');
  if (path.startsWith(`${FILES}/Volumes/`)) {
    await files(state, req, res, method, url);
    return true;
  }
  if (!path.startsWith('/api/2.0/sql/')) return false;
  if (method === 'GET' && path === '/api/2.0/sql/warehouses') {
    sendJson(res, 200, { warehouses: state.warehouses.list() });
    return true;
  }
  let m = WAREHOUSE.exec(path);
  if (m && method === 'GET') {
    sendJson(res, 200, state.warehouses.describe(decode(m[1] ?? '')));
    return true;
  }
  m = WAREHOUSE_ACTION.exec(path);
  if (m && method === 'POST') {
    await readBody(req);
    const id = decode(m[1] ?? '');
    if (m[2] === 'start') state.warehouses.start(id);
    else state.warehouses.stop(id);
    sendJson(res, 200, {});
    return true;
  }
  if (method === 'POST' && path === '/api/2.0/sql/statements') {
    await executeStatement(state, req, res);
    return true;
  }
  m = STATEMENT.exec(path);
  if (m && method === 'GET') {
    sendJson(res, 200, state.statements.describe(decode(m[1] ?? '')));
    return true;
  }
  m = STATEMENT_CHUNK.exec(path);
  if (m && method === 'GET') {
    const raw = decode(m[2] ?? '');
    const index = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(index))
      throw invalidParameter(`The chunk index must be a whole number; got "${raw}".`);
    sendJson(res, 200, state.statements.chunk(decode(m[1] ?? ''), index));
    return true;
  }
  m = STATEMENT_CANCEL.exec(path);
  if (m && method === 'POST') {
    await readBody(req);
    state.statements.cancel(decode(m[1] ?? ''));
    sendJson(res, 200, {});
    return true;
  }
  return false;
}
