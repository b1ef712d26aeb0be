import { StudioFailure } from '../../../shared/errors';
import { type CachedClient, type Context, currentClient } from '../services-context';
import type { Handlers } from '../types';

/*
 * Endpoint management against the current workspace: details with the raw JSON, model
 * optimization info, and the provisioned-throughput lifecycle (create, scale, delete). Every
 * answer refreshes the client's endpoint cache so chat sees an endpoint's current metadata.
 */

/** Runs a call; a NOT_FOUND answer about `name` drops it from the cache (it is gone). */
export async function forgetIfGone<T>(ws: CachedClient, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StudioFailure && err.error.code === 'NOT_FOUND') ws.endpoints.delete(name);
    throw err;
  }
}

/** The handlers of the endpoint-management contract entries. */
export function endpointHandlers(ctx: Context) {
  return {
    async getEndpointDetails({ name }) {
      const ws = await currentClient(ctx);
      const details = await forgetIfGone(ws, name, () => ws.client.getEndpointRaw(name));
      ws.endpoints.set(name, details.endpoint);
      return details;
    },
    async getOptimizationInfo({ entityName, entityVersion }) {
      const ws = await currentClient(ctx);
      return ws.client.getOptimizationInfo(entityName, entityVersion);
    },
    async createProvisionedEndpoint(request) {
      const ws = await currentClient(ctx);
      const endpoint = await ws.client.createProvisionedEndpoint(request);
      ws.endpoints.set(endpoint.name, endpoint);
      return endpoint;
    },
    async updateProvisionedEndpoint({ name, ...config }) {
      const ws = await currentClient(ctx);
      const endpoint = await forgetIfGone(ws, name, () => ws.client.updateProvisionedEndpoint(name, config));
      ws.endpoints.set(name, endpoint);
      return endpoint;
    },
    async deleteEndpoint({ name }) {
      const ws = await currentClient(ctx);
      await forgetIfGone(ws, name, () => ws.client.deleteEndpoint(name));
      ws.endpoints.delete(name);
      return { deleted: true };
    },
  } satisfies Partial<Handlers>;
}
