import { costUsd } from '../../../shared/pricing';
import { getStudioApi } from '../../core/bridge';
import { recordUsage } from '../../core/db/usage-repo';
import { usePricesStore } from '../../core/stores/prices-store';
import { useWorkspaceStore } from '../../core/stores/workspace-store';
import { createEmbeddingsStore } from './create-embeddings-store';
import { createEmbeddingCache } from './embedding-cache';
import { createWorkerCompute } from './similarity-client';

/**
 * The app's embeddings store (see `create-embeddings-store.ts`), bound to the real bridge,
 * the IndexedDB vector cache, the similarity worker, and the usage table (with today's prices).
 */
export const useEmbeddingsStore = createEmbeddingsStore({
  getApi: getStudioApi,
  openCache: () => {
    // Without IndexedDB (locked-down profiles) the pane still works, only without a cache.
    if (typeof indexedDB === 'undefined') return null;
    return createEmbeddingCache();
  },
  compute: createWorkerCompute(),
  recordUsage,
  costOf: (endpoint, promptTokens) => {
    const price = usePricesStore.getState().priceFor(endpoint);
    return price ? costUsd({ promptTokens, completionTokens: 0 }, price) : null;
  },
  workspaceId: () => useWorkspaceStore.getState().currentId,
});
