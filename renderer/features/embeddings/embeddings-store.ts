import { getStudioApi } from '../../bridge';
import { createEmbeddingsStore } from './create-embeddings-store';
import { createEmbeddingCache } from './embedding-cache';
import { createWorkerCompute } from './similarity-client';

/**
 * The app's embeddings store (see `create-embeddings-store.ts`), bound to the real bridge,
 * the IndexedDB vector cache and the similarity worker.
 */
export const useEmbeddingsStore = createEmbeddingsStore({
  getApi: getStudioApi,
  openCache: () => {
    // Without IndexedDB (locked-down profiles) the pane still works, only without a cache.
    if (typeof indexedDB === 'undefined') return null;
    return createEmbeddingCache();
  },
  compute: createWorkerCompute(),
});
