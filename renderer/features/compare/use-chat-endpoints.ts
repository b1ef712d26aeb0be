import { useMemo } from 'react';
import type { ModelCapabilities } from '../../../shared/model-capabilities';
import { endpointCapabilities } from '../../core/endpoint-capabilities';
import { useEndpointsStore } from '../../core/stores/endpoints-store';

export { useChatEndpoints } from '../../core/stores/use-usable-endpoints';

/** The context window of `endpoint` when known. */
export function useContextWindow(endpoint: string | null): number | null {
  return useEndpointsStore((s) => s.endpoints.find((e) => e.name === endpoint)?.contextWindow ?? null);
}

/**
 * What the named endpoints can do (one entry per endpoint set; a pane without one adds
 * nothing): decides which reasoning control a parameter panel shows.
 */
export function useCapabilities(names: readonly (string | null)[]): ModelCapabilities[] {
  const endpoints = useEndpointsStore((s) => s.endpoints);
  const key = names.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `names` (a new array each render)
  return useMemo(
    () =>
      names.flatMap((name) =>
        name ? [endpointCapabilities(endpoints.find((e) => e.name === name) ?? { name })] : [],
      ),
    [key, endpoints],
  );
}
