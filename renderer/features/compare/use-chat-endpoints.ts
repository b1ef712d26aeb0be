import { useEffect, useMemo } from 'react';
import type { Endpoint } from '../../../shared/domain';
import type { ModelCapabilities } from '../../../shared/model-capabilities';
import { usableFor } from '../../../shared/tasks';
import { endpointCapabilities } from '../../core/endpoint-capabilities';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { useWorkspaceStore } from '../../core/stores/workspace-store';

/** The current workspace's chat-task endpoints (loads the list once per workspace). */
export function useChatEndpoints(): { endpoints: Endpoint[]; status: string } {
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const all = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const load = useEndpointsStore((s) => s.load);
  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);
  const endpoints = useMemo(() => all.filter((e) => usableFor(e, 'chat')), [all]);
  return { endpoints, status };
}

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
