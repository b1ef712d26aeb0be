import { useEffect, useMemo } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { usableFor } from '../../../shared/tasks';
import { useEndpointsStore } from './endpoints-store';
import { useWorkspaceStore } from './workspace-store';

/**
 * The current workspace's endpoints that a pane can use (shared/tasks.ts), loaded on
 * workspace change, and the selected one. When the selection isn't among them, the first
 * ready one (else the first) is picked, so a pane never sits on an endpoint that isn't there.
 */
export function useUsableEndpoints(
  pane: 'chat' | 'completions',
  endpoint: string | null,
  setEndpoint: (name: string) => void,
) {
  const workspaceId = useWorkspaceStore((s) => s.currentId);
  const all = useEndpointsStore((s) => s.endpoints);
  const status = useEndpointsStore((s) => s.status);
  const error = useEndpointsStore((s) => s.error);
  const load = useEndpointsStore((s) => s.load);
  const usable = useMemo(() => all.filter((e) => usableFor(e, pane)), [all, pane]);
  const selected: Endpoint | undefined = usable.find((e) => e.name === endpoint);

  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);

  useEffect(() => {
    if (status !== 'ready' || selected || usable.length === 0) return;
    const first = usable.find((e) => e.ready === 'READY') ?? usable[0];
    if (first) setEndpoint(first.name);
  }, [status, selected, usable, setEndpoint]);

  return { usable, selected, status, error };
}
