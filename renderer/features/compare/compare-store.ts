import type { Metrics } from '../../../shared/domain';
import { costUsd } from '../../../shared/pricing';
import { getStudioApi } from '../../core/bridge';
import { compareSetupsRepo, comparisonsRepo, votesRepo } from '../../core/db/compare-repo';
import { recordUsage } from '../../core/db/usage-repo';
import { usePricesStore } from '../../core/stores/prices-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../../core/stores/workspace-store';
import type { CompareRepos } from './compare-types';
import { createCompareStore } from './create-compare-store';

let repos: CompareRepos | null = null;

/** Cost of an answer at today's price table; null when the endpoint has no known price. */
function costOf(endpoint: string, metrics: Metrics): number | null {
  const price = usePricesStore.getState().priceFor(endpoint);
  if (!price || (metrics.promptTokens === null && metrics.completionTokens === null)) return null;
  return costUsd(metrics, price);
}

/** The app's compare store, on the real bridge, database and price table. */
export const useCompareStore = createCompareStore({
  getApi: getStudioApi,
  repos: () => {
    repos ??= { setups: compareSetupsRepo(), comparisons: comparisonsRepo(), votes: votesRepo() };
    return repos;
  },
  recordUsage: (entry) => recordUsage(entry),
  costOf,
  isDemoWorkspace: () => selectCurrentWorkspace(useWorkspaceStore.getState())?.isDemo ?? false,
  workspaceId: () => useWorkspaceStore.getState().currentId,
});
