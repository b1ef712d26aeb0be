import { describe, expect, it } from 'vitest';
import { packEmbeddings } from '../../../../../electron/services/handlers/model-handlers';
import { packedEmbeddingsSchema } from '../../../../../shared/contract';
import type { EmbeddingResult } from '../../../../../shared/domain';
import { StudioFailure } from '../../../../../shared/errors';

const metrics = {
  startedAt: 0,
  firstByteMs: 1,
  ttftMs: null,
  totalMs: 2,
  tokensPerSec: null,
  promptTokens: 2,
  completionTokens: 0,
  usageReported: false,
  retries: 0,
};
const result = (vectors: number[][]): EmbeddingResult => ({ model: 'm', vectors, usage: null, metrics });

/** The packed vectors back as numbers, the way the page reads them. */
const unpack = (base64: string) =>
  Array.from(new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer));

describe('packEmbeddings', () => {
  it('packs every vector as float32 bytes in one base64 string the contract accepts', () => {
    const packed = packEmbeddings(
      result([
        [0.5, -1, 2],
        [3, 0, -0.25],
      ]),
      'e',
    );
    expect(packed).toMatchObject({ model: 'm', count: 2, dim: 3, usage: null, metrics });
    expect(unpack(packed.vectors)).toEqual([0.5, -1, 2, 3, 0, -0.25]);
    expect(packedEmbeddingsSchema.safeParse(packed).success).toBe(true);
  });

  it('packs an empty answer', () => {
    const packed = packEmbeddings(result([]), 'e');
    expect(packed).toMatchObject({ count: 0, dim: 0, vectors: '' });
    expect(packedEmbeddingsSchema.safeParse(packed).success).toBe(true);
  });

  it('refuses vectors of different sizes, and numbers a float32 cannot hold', () => {
    const sizes = () => packEmbeddings(result([[1, 2], [3]]), 'e');
    expect(sizes).toThrow(StudioFailure);
    expect(sizes).toThrow(/different sizes/);
    expect(() => packEmbeddings(result([[1e39]]), 'e')).toThrow(/out of range/);
  });
});

describe('packedEmbeddingsSchema', () => {
  const valid = packEmbeddings(result([[1, 2, 3, 4]]), 'e');
  it('checks that the bytes hold count × dim numbers', () => {
    expect(packedEmbeddingsSchema.safeParse({ ...valid, dim: 5 }).success).toBe(false);
    expect(packedEmbeddingsSchema.safeParse({ ...valid, count: 2 }).success).toBe(false);
  });
  it('accepts base64 only', () => {
    expect(
      packedEmbeddingsSchema.safeParse({ ...valid, vectors: `${valid.vectors.slice(1)}!` }).success,
    ).toBe(false);
  });
});
