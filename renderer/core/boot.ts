import { earlyEndpoints, earlyWorkspaces } from './bridge/early';
import { useEndpointsStore } from './stores/endpoints-store';
import { useWorkspaceStore } from './stores/workspace-store';

/*
 * What the page asks the bridge for as it starts, sent as early as it can be (bridge/early.ts):
 * the workspaces and the current workspace's endpoints, together, before React renders its
 * first frame, without waiting for a pane to mount and ask.
 */

let started: Promise<void> | null = null;

/**
 * Loads the workspaces once per page, and the current one's endpoints from the answer asked
 * for with them. The endpoints store takes that answer first: the panes load the list as soon
 * as the workspace store has a current workspace, and then find it loading already instead
 * of asking again (same promise, reactions in the order registered).
 */
export function startWorkspaceLoad(): Promise<void> {
  if (!started) {
    const endpoints = earlyWorkspaces.then(
      (result) => {
        const currentId = result.ok ? result.value.currentId : null;
        if (currentId) void useEndpointsStore.getState().load(currentId, false, earlyEndpoints);
      },
      () => undefined,
    );
    started = Promise.all([endpoints, useWorkspaceStore.getState().load(earlyWorkspaces)]).then(
      () => undefined,
    );
  }
  return started;
}
