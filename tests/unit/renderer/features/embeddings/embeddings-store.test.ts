import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createEmbeddingsStore } from '../../../../../renderer/features/embeddings/create-embeddings-store';
import { embedForModel } from '../../../../../renderer/features/embeddings/embed-run';
import { createEmbeddingCache } from '../../../../../renderer/features/embeddings/embedding-cache';
import { computeInline } from '../../../../../renderer/features/embeddings/similarity-client';
import type { StudioApi } from '../../../../../shared/contract';
import { fail, ok } from '../../../../../shared/errors';
import { packVectors } from './pack-vectors';

type Request = { endpoint: string; input: string[] };

/** A bridge double: deterministic 3-dimension vectors from the text, every call recorded. */
function fakeApi(failFor: string[] = []) {
  const calls: Request[] = [];
  const createEmbeddings: StudioApi['createEmbeddings'] = async (request) => {
    calls.push(request);
    if (failFor.includes(request.endpoint))
      return fail('RATE_LIMITED', 'Too many requests.', { limit: 'queries', status: 429 });
    const vectors = request.input.map((t) => [t.length, t.charCodeAt(0) % 7, 1]);
    const metrics = {
      startedAt: 0,
      firstByteMs: 5,
      ttftMs: null,
      totalMs: 12,
      tokensPerSec: null,
      promptTokens: request.input.length * 3,
      completionTokens: 0,
      usageReported: true,
      retries: 0,
    };
    const usage = {
      promptTokens: request.input.length * 3,
      completionTokens: 0,
      totalTokens: request.input.length * 3,
    };
    return ok({ model: 'fake-model', ...packVectors(vectors), usage, metrics });
  };
  return { calls, api: { createEmbeddings } };
}

let dbCount = 0;
function setup(failFor: string[] = []) {
  const { calls, api } = fakeApi(failFor);
  const cache = createEmbeddingCache(`emb-test-${++dbCount}`);
  const store = createEmbeddingsStore({ getApi: () => api, openCache: () => cache, compute: computeInline });
  return { calls, cache, store };
}

const TEXTS = 'cats purr\nkittens play\nbonds pay interest';

describe('embeddings store', () => {
  it('ticks the first two ready endpoints by default, but never over a choice', () => {
    const { store } = setup();
    store.getState().applyDefaultSelection(['bge', 'gte', 'e5']);
    expect(store.getState().selected).toEqual(['bge', 'gte']);

    const chosen = setup().store;
    chosen.getState().toggleEndpoint('e5', true);
    chosen.getState().applyDefaultSelection(['bge', 'gte']);
    expect(chosen.getState().selected).toEqual(['e5']);

    const cleared = setup().store;
    cleared.getState().applyDefaultSelection(['bge']);
    cleared.getState().toggleEndpoint('bge', false);
    cleared.getState().applyDefaultSelection(['bge', 'gte']);
    expect(cleared.getState().selected).toEqual([]);
  });

  it('embeds, then serves a second run from the cache without the network', async () => {
    const { calls, store } = setup();
    store.getState().setSource(TEXTS);
    store.getState().toggleEndpoint('bge', true);
    await store.getState().run();
    expect(calls).toHaveLength(1);
    expect(store.getState().runs[0]).toMatchObject({ status: 'done', tokens: 9, latencyMs: 12 });
    expect(store.getState().runs[0]?.progress).toEqual({
      batchesDone: 1,
      batchesTotal: 1,
      fromCache: 0,
      total: 3,
    });
    expect(store.getState().comparison?.models[0]?.count).toBe(3);
    expect(store.getState().cacheCount).toBe(3);

    await store.getState().run();
    expect(calls).toHaveLength(1);
    expect(store.getState().runs[0]?.progress).toEqual({
      batchesDone: 0,
      batchesTotal: 0,
      fromCache: 3,
      total: 3,
    });
    expect(store.getState().runs[0]?.tokens).toBeNull();
    expect(store.getState().comparison?.models[0]?.matrix[1]).toBeGreaterThan(0);
  });

  it('asks the network only for texts not cached, and caches per endpoint', async () => {
    const { calls, store } = setup();
    store.getState().setSource(TEXTS);
    store.getState().toggleEndpoint('bge', true);
    await store.getState().run();
    store.getState().setSource(`${TEXTS}\nstocks fell`);
    store.getState().setQuery('pets');
    store.getState().toggleEndpoint('gte', true);
    await store.getState().run();
    expect(calls.slice(1)).toEqual([
      { endpoint: 'bge', input: ['stocks fell', 'pets'] },
      { endpoint: 'gte', input: ['cats purr', 'kittens play', 'bonds pay interest', 'stocks fell', 'pets'] },
    ]);
    expect(store.getState().runs.map((r) => r.progress.fromCache)).toEqual([3, 0]);
    expect(store.getState().comparison?.models[0]?.queryOrder).toHaveLength(4);
  });

  it('clears the cache: the count drops to 0 and the next run uses the network again', async () => {
    const { calls, store } = setup();
    store.getState().setSource(TEXTS);
    store.getState().toggleEndpoint('bge', true);
    await store.getState().run();
    await store.getState().clearCache();
    expect(store.getState().cacheCount).toBe(0);
    await store.getState().run();
    expect(calls).toHaveLength(2);
    expect(store.getState().runs[0]?.progress.fromCache).toBe(0);
  });

  it('keeps duplicates in the matrix but embeds them once', async () => {
    const { calls, store } = setup();
    store.getState().setSource('same\nsame\nother');
    store.getState().toggleEndpoint('bge', true);
    await store.getState().run();
    expect(calls[0]?.input).toEqual(['same', 'other']);
    const model = store.getState().comparison?.models[0];
    expect(model?.count).toBe(3);
    expect(model?.matrix[1]).toBeCloseTo(1, 6);
  });

  it('shows one model failing (429 names its limit) while the other completes', async () => {
    const { store } = setup(['gte']);
    store.getState().setSource(TEXTS);
    store.getState().toggleEndpoint('bge', true);
    store.getState().toggleEndpoint('gte', true);
    await store.getState().run();
    const [bge, gte] = store.getState().runs;
    expect(bge?.status).toBe('done');
    expect(gte).toMatchObject({ status: 'error', error: { code: 'RATE_LIMITED', limit: 'queries' } });
    expect(store.getState().comparison?.models.map((m) => m.endpoint)).toEqual(['bge']);
  });

  it('refuses too few texts or no endpoint before any call', async () => {
    const { calls, store } = setup();
    store.getState().setSource('only one');
    store.getState().toggleEndpoint('bge', true);
    await store.getState().run();
    expect(store.getState().problem).toMatch(/at least 2/);
    store.getState().setSource(TEXTS);
    store.getState().toggleEndpoint('bge', false);
    await store.getState().run();
    expect(store.getState().problem).toMatch(/endpoint/);
    expect(calls).toHaveLength(0);
  });

  it('imports a CSV column picked by header', () => {
    const { store } = setup();
    store.getState().importFile('t.csv', 'id,text\n1,"a, b"\n2,c');
    expect(store.getState().source).toBe('1\n2');
    store.getState().pickCsvColumn(1);
    expect(store.getState().source).toBe('a, b\nc');
    store.getState().importFile('t.txt', 'x\n\ny\n');
    expect(store.getState().source).toBe('x\ny');
    expect(store.getState().csv).toBeNull();
  });
});

describe('embedForModel', () => {
  it('stops issuing batches on cancel and ignores the batch in flight', async () => {
    const { calls, api } = fakeApi();
    let cancelled = false;
    const outcome = await embedForModel('bge', ['a', 'b', 'c', 'd', 'e'], {
      createEmbeddings: async (request) => {
        const answer = await api.createEmbeddings(request);
        cancelled = true; // the user presses Cancel while this batch is on its way
        return answer;
      },
      cache: null,
      isCancelled: () => cancelled,
      onProgress: () => undefined,
      limits: { maxInputs: 2, maxChars: 1000 },
    });
    expect(calls).toHaveLength(1);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.vectors.size).toBe(0);
    expect(outcome.progress.batchesTotal).toBe(3);
  });

  it('reports batches done / total as they complete', async () => {
    const { api } = fakeApi();
    const seen: string[] = [];
    await embedForModel('bge', ['a', 'b', 'c'], {
      createEmbeddings: api.createEmbeddings,
      cache: null,
      isCancelled: () => false,
      onProgress: (p) => seen.push(`${p.batchesDone}/${p.batchesTotal}`),
      limits: { maxInputs: 2, maxChars: 1000 },
    });
    expect(seen).toEqual(['0/2', '1/2', '2/2']);
  });
});
