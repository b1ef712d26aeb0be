import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BATCH_LIMITS,
  estimateTokens,
  inputTokenLimit,
  oversizedTexts,
  planBatches,
} from '../../../../../renderer/features/embeddings/batching';
import { EMBEDDING_LIMITS } from '../../../../../shared/limits';

const texts = (n: number, length = 5) => Array.from({ length: n }, (_, i) => `${i}`.padEnd(length, 'x'));

describe('planBatches', () => {
  it('never puts more than maxInputsPerRequest texts in one request', () => {
    const batches = planBatches(texts(500));
    expect(DEFAULT_BATCH_LIMITS.maxInputs).toBe(EMBEDDING_LIMITS.maxInputsPerRequest);
    expect(batches.map((b) => b.length)).toEqual([150, 150, 150, 50]);
    expect(batches.flat()).toEqual(texts(500));
  });

  it('closes a batch before the character budget is passed', () => {
    const batches = planBatches(texts(10, 30), { maxInputs: 100, maxChars: 100 });
    // 30 characters each: three fit in 100, a fourth would make 120.
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    for (const b of batches) expect(b.reduce((n, t) => n + t.length, 0)).toBeLessThanOrEqual(100);
  });

  it('gives a text longer than the budget a batch of its own, keeping order', () => {
    const long = 'y'.repeat(150);
    const batches = planBatches(['a', long, 'b'], { maxInputs: 10, maxChars: 100 });
    expect(batches).toEqual([['a'], [long], ['b']]);
  });

  it('plans nothing for nothing', () => {
    expect(planBatches([])).toEqual([]);
  });
});

describe('per-input limits', () => {
  const endpoint = (name: string, contextWindow: number | null = null) => ({
    name,
    model: null,
    contextWindow,
  });

  it('prefers the endpoint metadata, else knows BGE and GTE', () => {
    expect(inputTokenLimit(endpoint('x', 1000))).toBe(1000);
    expect(inputTokenLimit(endpoint('databricks-bge-large-en'))).toBe(512);
    expect(inputTokenLimit(endpoint('databricks-gte-large-en'))).toBe(8192);
    expect(inputTokenLimit(endpoint('my-custom-embedder'))).toBeNull();
  });

  it('flags texts whose estimate (4 characters a token) passes the limit', () => {
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    const list = ['short', 'z'.repeat(2048), 'z'.repeat(2049)];
    expect(oversizedTexts(list, 512)).toEqual([2]);
    expect(oversizedTexts(list, null)).toEqual([]);
  });
});
