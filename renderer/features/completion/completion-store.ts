import { getStudioApi } from '../../core/bridge';
import { type CompletionRunsRepo, completionRunsRepo } from '../../core/db/completion-runs-repo';
import { recordUsage } from '../../core/db/usage-repo';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { costOfAnswer } from '../../core/stores/prices-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../../core/stores/workspace-store';
import { createCompletionStore } from './create-completion-store';

let repo: CompletionRunsRepo | null = null;

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
  costOf: costOfAnswer,
});
