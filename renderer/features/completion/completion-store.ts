import type { Metrics } from '../../../shared/domain';
import { costUsd } from '../../../shared/pricing';
import { getStudioApi } from '../../bridge';
import { type CompletionRunsRepo, completionRunsRepo } from '../../db/completion-runs-repo';
import { recordUsage } from '../../db/usage-repo';
import { useEndpointsStore } from '../endpoints/endpoints-store';
import { usePricesStore } from '../settings/prices-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../workspaces/workspace-store';
import { createCompletionStore } from './create-completion-store';

let repo: CompletionRunsRepo | null = null;

/** Cost of a run at today's price table; null when the endpoint has no known price. */
function costOf(endpoint: string, metrics: Metrics): number | null {
  const price = usePricesStore.getState().priceFor(endpoint);
  if (!price || (metrics.promptTokens === null && metrics.completionTokens === null)) return null;
  return costUsd(metrics, price);
}

/**
 * The app's completion store (see `create-completion-store.ts`), bound to the real bridge,
 * the app database, the usage log and the stores it reads (endpoints for context windows,
 * prices for cost, the workspace for the synthetic label).
 */
export const useCompletionStore = createCompletionStore({
  getApi: getStudioApi,
  repo: () => {
    repo ??= completionRunsRepo();
    return repo;
  },
  recordUsage,
  isDemoWorkspace: () => selectCurrentWorkspace(useWorkspaceStore.getState())?.isDemo ?? false,
  workspaceId: () => useWorkspaceStore.getState().currentId,
  contextWindow: (name) =>
    useEndpointsStore.getState().endpoints.find((e) => e.name === name)?.contextWindow ?? null,
  costOf,
});
