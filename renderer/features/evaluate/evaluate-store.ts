import { getStudioApi } from '../../core/bridge';
import { evalDatasetsRepo, evalRunsRepo } from '../../core/db/eval-repo';
import { recordUsage } from '../../core/db/usage-repo';
import { openEndpointIn } from '../../core/open-endpoint';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { costOfAnswer, usePricesStore } from '../../core/stores/prices-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../../core/stores/workspace-store';
import { createEvaluateStore, type EvalRepos } from './create-evaluate-store';

let repos: EvalRepos | null = null;

/** The app's Evaluate store, on the real bridge, database and price table. */
export const useEvaluateStore = createEvaluateStore({
  getApi: getStudioApi,
  repos: () => {
    repos ??= { datasets: evalDatasetsRepo(), runs: evalRunsRepo() };
    return repos;
  },
  recordUsage: (entry) => recordUsage(entry),
  costOf: costOfAnswer,
  priceFor: (endpoint) => usePricesStore.getState().priceFor(endpoint),
  isDemoWorkspace: () => selectCurrentWorkspace(useWorkspaceStore.getState())?.isDemo ?? false,
  workspaceId: () => useWorkspaceStore.getState().currentId,
  endpointInfo: (name) => useEndpointsStore.getState().endpoints.find((e) => e.name === name),
  openInChat: (endpoint, seed) => openEndpointIn('chat', endpoint, seed),
  getSqlApi: getStudioApi,
  sqlUnavailable: () => {
    const current = selectCurrentWorkspace(useWorkspaceStore.getState());
    if (!current) return 'Connect a Databricks workspace to run in its SQL engine.';
    if (current.authKind === 'openai')
      return 'An OpenAI-compatible server has no SQL warehouses: run on this machine.';
    return null;
  },
});
