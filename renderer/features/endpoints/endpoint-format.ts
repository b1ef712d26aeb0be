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

/** What the endpoint serves: the entity name and version, else the model or display name. */
export function formatServedEntity(endpoint: Endpoint): string {
  if (endpoint.entityName)
    return endpoint.entityVersion ? `${endpoint.entityName} v${endpoint.entityVersion}` : endpoint.entityName;
  return endpoint.displayName ?? endpoint.model ?? '—';
}

/** "2 model units", "0–1960 tokens/s", or "—" for endpoints that are not provisioned. */
export function formatSize(endpoint: Endpoint): string {
  if (endpoint.minThroughput != null || endpoint.maxThroughput != null)
    return `${endpoint.minThroughput ?? 0}–${endpoint.maxThroughput ?? '?'} tokens/s`;
  const units = endpoint.provisionedUnits;
  if (units != null) return `${units} model unit${units === 1 ? '' : 's'}`;
  return '—';
}

/** "scale to zero" / "always on" for provisioned endpoints, "—" when the server said nothing. */
export function formatScaleToZero(endpoint: Endpoint): string {
  if (endpoint.scaleToZero == null) return '—';
  return endpoint.scaleToZero ? 'yes' : 'no';
}

/** A creation time as a short local date and time, "—" when unknown. */
export function formatCreated(createdAt: number | null): string {
  if (!createdAt) return '—';
  const d = new Date(createdAt);
  return Number.isNaN(d.getTime())
    ? '—'
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A time of day with seconds, for state changes. */
export function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
