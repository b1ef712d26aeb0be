import { getStudioApi } from '../../core/bridge';
import { compareSetupsRepo, comparisonsRepo, votesRepo } from '../../core/db/compare-repo';
import { recordUsage } from '../../core/db/usage-repo';
import { registerEndpointOpener } from '../../core/open-endpoint';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { costOfAnswer } from '../../core/stores/prices-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../../core/stores/workspace-store';
import type { CompareRepos } from './compare-types';
import { createCompareStore } from './create-compare-store';
import { openInCompare } from './open-in-compare';

let repos: CompareRepos | null = null;

/** The app's compare store, on the real bridge, database and price table. */
export const useCompareStore = createCompareStore({
  getApi: getStudioApi,
  repos: () => {
    repos ??= { setups: compareSetupsRepo(), comparisons: comparisonsRepo(), votes: votesRepo() };
    return repos;
  },
  recordUsage: (entry) => recordUsage(entry),
  costOf: costOfAnswer,
  isDemoWorkspace: () => selectCurrentWorkspace(useWorkspaceStore.getState())?.isDemo ?? false,
  workspaceId: () => useWorkspaceStore.getState().currentId,
  onEndpointGone: (name, error) => useEndpointsStore.getState().markGone(name, error),
  endpointInfo: (name) => useEndpointsStore.getState().endpoints.find((e) => e.name === name),
});

registerEndpointOpener('compare', (endpoint) => openInCompare(useCompareStore, endpoint));
