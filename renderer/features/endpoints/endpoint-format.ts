import type { Endpoint, EndpointKind } from '../../../shared/domain';

/** Endpoint kinds in words. */
export const KIND_LABELS: Record<EndpointKind, string> = {
  'pay-per-token': 'pay-per-token',
  'provisioned-throughput': 'provisioned throughput',
  external: 'external',
  custom: 'custom',
  unknown: 'unknown',
};

/** "ready", "not ready", plus the config update when one is in progress ("config update: in progress"). */
export function formatEndpointState(endpoint: Pick<Endpoint, 'ready' | 'configUpdate'>): string {
  const ready =
    endpoint.ready === 'READY' ? 'ready' : endpoint.ready === 'NOT_READY' ? 'not ready' : 'unknown';
  const update = endpoint.configUpdate;
  if (!update || update === 'NOT_UPDATING') return ready;
  return `${ready} · config update: ${update.toLowerCase().replaceAll('_', ' ')}`;
}
