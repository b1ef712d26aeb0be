import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { UsageEntry } from '../../../../../renderer/core/db/usage-repo';
import { createEmbeddingsStore } from '../../../../../renderer/features/embeddings/create-embeddings-store';
import { createEmbeddingCache } from '../../../../../renderer/features/embeddings/embedding-cache';
import { computeInline } from '../../../../../renderer/features/embeddings/similarity-client';
import type { StudioApi } from '../../../../../shared/contract';
import { fail, ok } from '../../../../../shared/errors';
import { packVectors } from './pack-vectors';

/* Every model run that sent requests records its usage exactly once (renderer/core/db/usage-repo.ts). */

let dbCount = 0;

function setup(failFor: string[] = []) {
  const createEmbeddings: StudioApi['createEmbeddings'] = async ({ endpoint, input }) => {
    if (failFor.includes(endpoint)) return fail('RATE_LIMITED', 'Too many requests.', { status: 429 });
    const metrics = {
      startedAt: 0,
      firstByteMs: 5,
      ttftMs: null,
      totalMs: 12,
      tokensPerSec: null,
      promptTokens: input.length * 3,
      completionTokens: 0,
      usageReported: true,
      retries: 0,
    };
    const vectors = input.map((t) => [t.length, t.charCodeAt(0) % 7, 1]);
    return ok({ model: 'fake', ...packVectors(vectors), usage: null, metrics });
  };
  const usage: UsageEntry[] = [];
  const store = createEmbeddingsStore({
    getApi: () => ({ createEmbeddings }),
    openCache: () => createEmbeddingCache(`emb-usage-${++dbCount}`),
    compute: computeInline,
    recordUsage: (entry) => usage.push(entry),
    costOf: (endpoint, tokens) => (endpoint === 'priced' ? tokens / 1_000_000 : null),
    workspaceId: () => 'ws',
  });
  store.getState().setSource('cats purr\nkittens play\nbonds pay interest');
  return { store, usage };
}

describe('embeddings usage recording', () => {
  it('records each model run once, with its input tokens and cost', async () => {
    const { store, usage } = setup();
    store.getState().toggleEndpoint('priced', true);
    store.getState().toggleEndpoint('unpriced', true);
    await store.getState().run();
    const byEndpoint = [...usage].sort((a, b) => a.endpoint.localeCompare(b.endpoint));
    expect(byEndpoint).toEqual([
      {
        workspaceId: 'ws',
        endpoint: 'priced',
        source: 'embeddings',
        promptTokens: 9,
        completionTokens: 0,
        costUsd: 0.000009,
      },
      {
        workspaceId: 'ws',
        endpoint: 'unpriced',
        source: 'embeddings',
        promptTokens: 9,
        completionTokens: 0,
        costUsd: null,
      },
    ]);
  });

  it('records nothing for a run served from the cache or one whose requests all failed', async () => {
    const { store, usage } = setup(['broken']);
    store.getState().toggleEndpoint('priced', true);
    await store.getState().run();
    expect(usage).toHaveLength(1);
    await store.getState().run();
    expect(usage).toHaveLength(1);
    store.getState().toggleEndpoint('priced', false);
    store.getState().toggleEndpoint('broken', true);
    await store.getState().run();
    expect(usage).toHaveLength(1);
  });
});
