import { useEffect, useMemo } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { usableFor } from '../../../shared/tasks';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { useWorkspaceStore } from '../../core/stores/workspace-store';

/** The current workspace's chat-task endpoints (loads the list once per workspace). */
export function useEvalEndpoints(): { endpoints: Endpoint[]; status: string } {
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
