import { describe, expect, it } from 'vitest';
import { base64Bytes, unpackVectors } from '../../../../../renderer/features/embeddings/packed-vectors';
import { packVectors } from './pack-vectors';

describe('unpackVectors', () => {
  it('gives back each vector as its own Float32Array, in order', () => {
    const vectors = unpackVectors(
      packVectors([
        [1, 2.5, -3],
        [0, 0.125, 7],
      ]),
    );
    expect(vectors.map((v) => Array.from(v))).toEqual([
      [1, 2.5, -3],
      [0, 0.125, 7],
    ]);
    // Separate buffers: a cached vector must not carry its neighbours (IndexedDB stores the buffer).
    expect(vectors[0]?.buffer).not.toBe(vectors[1]?.buffer);
    expect(vectors[0]?.buffer.byteLength).toBe(12);
  });

  it('refuses bytes that are not count × dim numbers', () => {
    const packed = packVectors([[1, 2, 3]]);
    expect(() => unpackVectors({ ...packed, dim: 4 })).toThrow(/expected 1 × 4 numbers/);
  });

  it('decodes base64 with or without the native decoder', () => {
    expect(Array.from(base64Bytes('AAEC/w=='))).toEqual([0, 1, 2, 255]);
    const native = (Uint8Array as { fromBase64?: unknown }).fromBase64;
    try {
      (Uint8Array as { fromBase64?: unknown }).fromBase64 = undefined;
      expect(Array.from(base64Bytes('AAEC/w=='))).toEqual([0, 1, 2, 255]);
    } finally {
      (Uint8Array as { fromBase64?: unknown }).fromBase64 = native;
    }
  });
});
