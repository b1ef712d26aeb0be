import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../../renderer/features/embeddings/analysis';
import type { Comparison } from '../../../../../renderer/features/embeddings/comparison-run';
import {
  type ComparisonJson,
  comparisonToCsv,
  comparisonToJson,
  csvField,
  exportFileName,
} from '../../../../../renderer/features/embeddings/export';
import { parseCsv } from '../../../../../renderer/features/embeddings/text-input';

function comparison(): Comparison {
  const texts = ['cats, "kittens"', 'bonds'];
  const result = analyze({
    id: 1,
    models: [
      { endpoint: 'm1', data: Float32Array.from([1, 0, 0, 1]), count: 2, dim: 2, query: null },
      { endpoint: 'm2', data: Float32Array.from([1, 1, 1, 0]), count: 2, dim: 2, query: null },
    ],
    topDisagreements: 1,
  });
  return {
    texts,
    query: null,
    models: result.models,
    agreement: result.agreement,
    computeMs: 1,
    startedAt: 0,
  };
}

describe('export', () => {
  it('JSON holds texts and, per model, vectors and the similarity matrix', () => {
    const json = JSON.parse(comparisonToJson(comparison())) as ComparisonJson;
    expect(json.format).toBe('serving-studio.embeddings-comparison');
    expect(json.texts).toHaveLength(2);
    expect(json.models.map((m) => m.endpoint)).toEqual(['m1', 'm2']);
    expect(json.models[0]?.vectors).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(json.models[1]?.similarity[0]?.[1]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(json.agreement).toEqual([{ a: 'm1', b: 'm2', spearman: null }]);
  });

  it('CSV quotes texts with commas and quotes, one row per model and text', () => {
    const rows = parseCsv(comparisonToCsv(comparison(), 'similarity'));
    expect(rows[0]).toEqual(['endpoint', 'index', 'text', 's0', 's1']);
    expect(rows[1]).toEqual(['m1', '0', 'cats, "kittens"', '1', '0']);
    expect(rows).toHaveLength(5);
    const vectors = parseCsv(comparisonToCsv(comparison(), 'vectors'));
    expect(vectors[0]).toEqual(['endpoint', 'index', 'text', 'd0', 'd1']);
    expect(vectors[3]).toEqual(['m2', '0', 'cats, "kittens"', '1', '1']);
  });

  it('escapes fields only when needed and names files by time', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(exportFileName('vectors', 'csv', new Date('2025-01-31T12:34:56Z'))).toBe(
      'embeddings-vectors-2025-01-31T12-34-56.csv',
    );
  });
});
