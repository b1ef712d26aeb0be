import type { Metrics } from '../../../shared/domain';
import { costUsd } from '../../../shared/pricing';
import { getStudioApi } from '../../core/bridge';
import { type CompletionRunsRepo, completionRunsRepo } from '../../core/db/completion-runs-repo';
import { recordUsage } from '../../core/db/usage-repo';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { usePricesStore } from '../../core/stores/prices-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../../core/stores/workspace-store';
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
