import type { ModelAnalysis } from './analysis';
import type { Comparison } from './comparison-run';

/*
 * Exports of a comparison: JSON (everything) and CSV (vectors or similarity matrices). Pure
 * string builders, unit-tested; the pane hands the string to `downloadText`.
 */

/** What a CSV export contains (a CSV holds one table, so the user picks which). */
export type CsvContent = 'similarity' | 'vectors';

/** Six decimals: more than float32 similarity carries meaningfully, and half the size of full precision. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function rows(data: Float32Array, count: number, width: number): number[][] {
  return Array.from({ length: count }, (_, r) =>
    Array.from(data.subarray(r * width, (r + 1) * width), round),
  );
}

/** The JSON export's shape (also what its unit test and the e2e test check). */
export interface ComparisonJson {
  format: 'serving-studio.embeddings-comparison';
  version: 1;
  texts: string[];
  query: string | null;
  models: {
    endpoint: string;
    dimension: number;
    meanNorm: number;
    vectors: number[][];
    similarity: number[][];
    queryScores: number[] | null;
  }[];
  agreement: { a: string; b: string; spearman: number | null }[];
}

function modelJson(m: ModelAnalysis): ComparisonJson['models'][number] {
  return {
    endpoint: m.endpoint,
    dimension: m.dim,
    meanNorm: round(m.meanNorm),
    vectors: rows(m.vectors, m.count, m.dim),
    similarity: rows(m.matrix, m.count, m.count),
    queryScores: m.queryScores ? Array.from(m.queryScores, round) : null,
  };
}

/** The whole comparison as JSON: texts, query, and per model its vectors and matrix. */
export function comparisonToJson(c: Comparison): string {
  const out: ComparisonJson = {
    format: 'serving-studio.embeddings-comparison',
    version: 1,
    texts: c.texts,
    query: c.query,
    models: c.models.map(modelJson),
    agreement: c.agreement.map(({ a, b, spearman }) => ({
      a,
      b,
      spearman: spearman === null ? null : round(spearman),
    })),
  };
  return JSON.stringify(out);
}

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (fields: (string | number)[]) => fields.map(csvField).join(',');

/**
 * One CSV for all models: `endpoint,index,text` then either the vector's dimensions
 * (`d0…`) or the similarity to each text (`s0…`, by text index).
 */
export function comparisonToCsv(c: Comparison, content: CsvContent): string {
  const width = content === 'vectors' ? (c.models[0]?.dim ?? 0) : c.texts.length;
  const prefix = content === 'vectors' ? 'd' : 's';
  const lines = [
    csvLine(['endpoint', 'index', 'text', ...Array.from({ length: width }, (_, k) => `${prefix}${k}`)]),
  ];
  for (const m of c.models) {
    const data = content === 'vectors' ? m.vectors : m.matrix;
    const w = content === 'vectors' ? m.dim : m.count;
    rows(data, m.count, w).forEach((values, i) => {
      lines.push(csvLine([m.endpoint, i, c.texts[i] ?? '', ...values]));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name like `embeddings-similarity-2025-01-31T12-00-00.csv`. */
export function exportFileName(kind: string, extension: 'csv' | 'json', at = new Date()): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  return `embeddings-${kind}-${stamp}.${extension}`;
}
