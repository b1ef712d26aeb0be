import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndpointRegistry } from './endpoint-registry';
import { DemoHttpError, parseJsonBody, readBody, sendJson } from './http-util';
import { findPtModel, optimizationInfoBody } from './pt-models';
import { checkEndpointName, type PtApi, parsePtEntity } from './pt-requests';

/**
 * The serving-endpoint management routes: list, get, optimization info, create (`/pt` and the
 * general form), config update, delete. Returns false when the request is not one of them.
 */

const BASE = '/api/2.0/serving-endpoints';
const OPTIMIZATION_INFO = /^\/api\/2\.0\/serving-endpoints\/get-model-optimization-info\/([^/]+)\/([^/]+)$/;
const ONE = /^\/api\/2\.0\/serving-endpoints\/([^/]+)$/;
const PT_CONFIG = /^\/api\/2\.0\/serving-endpoints\/pt\/([^/]+)\/config$/;
const CONFIG = /^\/api\/2\.0\/serving-endpoints\/([^/]+)\/config$/;

function decode(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return raw ?? '';
  }
}

/** Refuses changes to the fixed endpoints, which the demo keeps as they are. */
function checkChangeable(registry: EndpointRegistry, name: string, verb: string): void {
  const fixed = registry.fixedEndpoint(name);
  if (!fixed) return;
  const why =
    fixed.kind === 'pay-per-token'
      ? `'${name}' is a pay-per-token endpoint managed by Databricks`
      : `'${name}' is one of the demo workspace's built-in endpoints`;
  throw new DemoHttpError(403, 'PERMISSION_DENIED', `You cannot ${verb} it: ${why}.`);
}

async function create(registry: EndpointRegistry, req: IncomingMessage, res: ServerResponse, api: PtApi) {
  const body = parseJsonBody(await readBody(req));
  const name = checkEndpointName((body as { name?: unknown } | null)?.name);
  const entity = parsePtEntity(body, api, true);
  if (registry.exists(name))
    throw new DemoHttpError(409, 'RESOURCE_ALREADY_EXISTS', `Endpoint with name '${name}' already exists.`);
  registry.provisioned.create(name, entity);
  sendJson(res, 200, registry.describe(name));
}

async function update(
  registry: EndpointRegistry,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  api: PtApi,
) {
  const body = parseJsonBody(await readBody(req));
  if (!registry.exists(name))
    throw new DemoHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `Endpoint with name '${name}' does not exist.`);
  checkChangeable(registry, name, 'update the configuration of');
  // Both routes take `{config: {…}}` or the bare config (the SDKs send either).
  registry.provisioned.update(name, parsePtEntity(body, api, false));
  sendJson(res, 200, registry.describe(name));
}

/** The answer of a GET management route, or null when the path is not one. */
function describeRoute(registry: EndpointRegistry, path: string): unknown {
  if (path === BASE) return { endpoints: registry.list() };
  const info = OPTIMIZATION_INFO.exec(path);
  if (info) return optimizationInfoBody(findPtModel(decode(info[1]), decode(info[2])));
  const one = ONE.exec(path);
  return one ? registry.describe(decode(one[1])) : null;
}

/** Serves one management request; false when the method and path are not a management route. */
export async function handleManagement(
  registry: EndpointRegistry,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
): Promise<boolean> {
  if (method === 'GET') {
    const body = describeRoute(registry, path);
    if (body === null) return false;
    sendJson(res, 200, body);
    return true;
  }
  if (method === 'POST' && (path === BASE || path === `${BASE}/pt`)) {
    await create(registry, req, res, path === BASE ? 'general' : 'pt');
    return true;
  }
  if (method === 'PUT') {
    const pt = PT_CONFIG.exec(path);
    const general = pt ? null : CONFIG.exec(path);
    if (!pt && !general) return false;
    await update(registry, req, res, decode((pt ?? general)?.[1]), pt ? 'pt' : 'general');
    return true;
  }
  const one = method === 'DELETE' ? ONE.exec(path) : null;
  if (!one) return false;
  const name = decode(one[1]);
  if (!registry.exists(name))
    throw new DemoHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `Endpoint with name '${name}' does not exist.`);
  checkChangeable(registry, name, 'delete');
  registry.provisioned.delete(name);
  sendJson(res, 200, {});
  return true;
}
