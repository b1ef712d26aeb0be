import { earlyEndpoints, earlyWorkspaces } from './bridge/early';
import { useEndpointsStore } from './stores/endpoints-store';
import { useWorkspaceStore } from './stores/workspace-store';

/*
 * What the page asks the bridge for as it starts, sent as early as it can be (bridge/early.ts):
 * the workspaces and the current workspace's endpoints, both before React renders its first
 * frame. The endpoints answer is taken once the workspaces say which workspace is current,
 * without waiting for a pane to mount and ask (the endpoint picker would, one render later;
 * the endpoints store skips a second load of the same list).
 */

let started: Promise<void> | null = null;

/** Loads the workspaces once per page, then starts loading the current one's endpoints. */
export function startWorkspaceLoad(): Promise<void> {
  started ??= useWorkspaceStore
    .getState()
    .load(earlyWorkspaces)
    .then(() => {
      const { currentId } = useWorkspaceStore.getState();
      if (currentId) void useEndpointsStore.getState().load(currentId, false, earlyEndpoints);
    });
  return started;
}
