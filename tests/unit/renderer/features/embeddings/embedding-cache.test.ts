import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  createEmbeddingCache,
  EMBEDDINGS_DB_NAME,
} from '../../../../../renderer/features/embeddings/embedding-cache';

describe('embedding cache', () => {
  it('is its own database, apart from the app database', () => {
    expect(EMBEDDINGS_DB_NAME).toBe('serving-studio-embeddings');
  });

  it('stores Float32Arrays by (endpoint, text) and clears them', async () => {
    const cache = createEmbeddingCache('emb-cache-test');
    await cache.putMany('bge', [
      ['a', Float32Array.from([1, 2])],
      ['b', Float32Array.from([3, 4])],
    ]);
    await cache.putMany('gte', [['a', Float32Array.from([9, 9, 9])]]);
    const [a, missing, b] = await cache.getMany('bge', ['a', 'zzz', 'b']);
    expect(a).toBeInstanceOf(Float32Array);
    expect(Array.from(a ?? [])).toEqual([1, 2]);
    expect(missing).toBeUndefined();
    expect(Array.from(b ?? [])).toEqual([3, 4]);
    expect(Array.from((await cache.getMany('gte', ['a']))[0] ?? [])).toEqual([9, 9, 9]);
    expect(await cache.count()).toBe(3);
    await cache.clear();
    expect(await cache.count()).toBe(0);
  });

  it('reads and writes many vectors in slices, in order', async () => {
    const cache = createEmbeddingCache('emb-cache-slices');
    const texts = Array.from({ length: 260 }, (_, k) => `text ${k}`);
    await cache.putMany(
      'bge',
      texts.map((t, k) => [t, Float32Array.of(k)] as const),
    );
    const got = await cache.getMany('bge', [...texts, 'missing']);
    expect(got.map((v) => v?.[0])).toEqual([...texts.map((_, k) => k), undefined]);
    expect(await cache.count()).toBe(260);
  });
});

describe('embedding cache writes', () => {
  it('stores each vector alone even when it is a view into a larger buffer', async () => {
    const cache = createEmbeddingCache('emb-cache-views');
    const batch = Float32Array.from([1, 2, 3, 4, 5, 6]);
    await cache.putMany('bge', [
      ['a', batch.subarray(0, 3)],
      ['b', batch.subarray(3, 6)],
    ]);
    const [a, b] = await cache.getMany('bge', ['a', 'b']);
    expect(Array.from(a ?? [])).toEqual([1, 2, 3]);
    expect(Array.from(b ?? [])).toEqual([4, 5, 6]);
    expect(b?.buffer.byteLength).toBe(12);
  });
});
