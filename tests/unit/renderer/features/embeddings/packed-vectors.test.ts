import { describe, expect, it } from 'vitest';
import {
  base64Bytes,
  ownCopy,
  unpackVectors,
} from '../../../../../renderer/features/embeddings/packed-vectors';
import { packVectors } from './pack-vectors';

describe('unpackVectors', () => {
  it('gives back each vector as a view into one buffer, in order', () => {
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
    // Views, not copies: the batch is decoded once and nothing is copied per vector.
    expect(vectors[0]?.buffer).toBe(vectors[1]?.buffer);
  });

  it('ownCopy gives a vector alone on its buffer (what the cache stores)', () => {
    const [first, second] = unpackVectors(
      packVectors([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    const copy = ownCopy(second as Float32Array);
    expect(Array.from(copy)).toEqual([4, 5, 6]);
    expect(copy.buffer.byteLength).toBe(12);
    expect(ownCopy(copy)).toBe(copy);
    expect(ownCopy(first as Float32Array)).not.toBe(first);
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
