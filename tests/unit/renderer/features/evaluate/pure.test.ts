import { describe, expect, it } from 'vitest';
import type { EvalResultRecord, EvalRunRecord } from '../../../../../renderer/core/db/eval-records';
import { estimateRun } from '../../../../../renderer/features/evaluate/eval-cost';
import {
  DatasetError,
  datasetFormat,
  MAX_DATASET_ROWS,
  parseDataset,
} from '../../../../../renderer/features/evaluate/eval-dataset';
import {
  resultsCsv,
  resultsJsonl,
  resultsMlflow,
} from '../../../../../renderer/features/evaluate/eval-export';
import { parseVerdict } from '../../../../../renderer/features/evaluate/eval-judge';
import {
  firstNumber,
  scoreOutput,
  scorerProblem,
} from '../../../../../renderer/features/evaluate/eval-scorers';
import { percentile, summarise } from '../../../../../renderer/features/evaluate/eval-summary';
import {
  renderTemplate,
  templateParts,
  templateProblem,
  templateVariables,
} from '../../../../../shared/eval-template';

describe('template', () => {
  it('finds placeholders (spaces inside allowed) and renders them, leaving unknown ones as written', () => {
    const t = { system: 'Be {{ tone }}.', user: 'Q: {{question}} ({{question}}) {{missing}} {not a var}' };
    expect(templateVariables(t)).toEqual(['tone', 'question', 'missing']);
    expect(renderTemplate(t, { tone: 'brief', question: 'Why "x"?\nReally' })).toEqual({
      system: 'Be brief.',
      user: 'Q: Why "x"?\nReally (Why "x"?\nReally) {{missing}} {not a var}',
    });
    expect(templateParts('a {{b}}')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'var', name: 'b', raw: '{{b}}' },
    ]);
  });

  it('names unknown variables and the columns there are', () => {
    const t = { system: '', user: '{{a}} {{b}} {{c}}' };
    expect(templateProblem(t, ['a'])).toBe("Unknown variables {{b}}, {{c}}: the dataset's columns are a.");
    expect(templateProblem(t, ['a', 'b', 'c'])).toBeNull();
    expect(templateProblem({ system: '', user: ' ' }, ['a'])).toBe('Write the user message of the template.');
    expect(templateProblem(t, null)).toBe('Import a dataset.');
  });
});

describe('dataset parsing', () => {
  it('reads CSV with quotes, commas and newlines inside fields, and a BOM', () => {
    const parsed = parseDataset('\uFEFFq,expected\r\n"a, ""b""",1\r\n"two\nlines",2\r\n', 'csv');
    expect(parsed.columns).toEqual(['q', 'expected']);
    expect(parsed.rows).toEqual([
      { q: 'a, "b"', expected: '1' },
      { q: 'two\nlines', expected: '2' },
    ]);
  });

  it('refuses malformed CSV with the line the record starts on', () => {
    expect(() => parseDataset('a,b\n1,2\n\n"x\ny",3\n4,5,6\n', 'csv')).toThrow(
      'Line 6: 3 fields, but the header has 2.',
    );
    expect(() => parseDataset('a,a\n1,2\n', 'csv')).toThrow('the header names "a" twice');
    expect(() => parseDataset('a,b\n', 'csv')).toThrow('no data rows');
  });

  it('reads JSONL: every key a column, non-strings as JSON, missing keys empty', () => {
    const parsed = parseDataset('{"q":"hi","n":2}\n\n{"q":"yo","tags":["x"],"ok":null}\n', 'jsonl');
    expect(parsed.columns).toEqual(['q', 'n', 'tags', 'ok']);
    expect(parsed.rows[1]).toEqual({ q: 'yo', n: '', tags: '["x"]', ok: '' });
    expect(() => parseDataset('{"q":1}\n{oops}\n', 'jsonl')).toThrow(/^Line 2: not valid JSON/);
    expect(() => parseDataset('[1]\n', 'jsonl')).toThrow('Line 1: each line must be a JSON object');
  });

  it('stops above the row limit with a clear error', () => {
    const text = `a\n${'1\n'.repeat(MAX_DATASET_ROWS + 1)}`;
    expect(() => parseDataset(text, 'csv')).toThrow(DatasetError);
    expect(() => parseDataset(text, 'csv')).toThrow('more than 100,000 rows');
    expect(parseDataset(`a\n${'1\n'.repeat(MAX_DATASET_ROWS)}`, 'csv').rows).toHaveLength(MAX_DATASET_ROWS);
  });

  it('tells the format by the name, else by the first character', () => {
    expect(datasetFormat('x.jsonl', 'a,b')).toBe('jsonl');
    expect(datasetFormat('x.csv', '{')).toBe('csv');
    expect(datasetFormat('x', ' {"a":1}')).toBe('jsonl');
  });
});

describe('scorers', () => {
  it('exact match and contains compare with expected (trimmed, case-insensitive unless asked)', () => {
    const exact = { id: 'e', kind: 'exact' as const, caseSensitive: false };
    expect(scoreOutput(exact, ' Paris\n', 'paris').pass).toBe(true);
    expect(scoreOutput({ ...exact, caseSensitive: true }, 'Paris', 'paris').pass).toBe(false);
    expect(scoreOutput(exact, 'Paris', null).pass).toBeNull();
    const contains = { id: 'c', kind: 'contains' as const, caseSensitive: false };
    expect(scoreOutput(contains, 'It is PARIS.', 'paris').pass).toBe(true);
    expect(scoreOutput(contains, 'Rome', 'paris')).toEqual({
      pass: false,
      detail: 'does not contain "paris"',
    });
  });

  it('regex, JSON (schema optional, one fence allowed) and numeric within tolerance', () => {
    expect(scoreOutput({ id: 'r', kind: 'regex', pattern: '^yes', flags: 'ig' }, 'Yes.', null).pass).toBe(
      true,
    );
    const json = { id: 'j', kind: 'json' as const, schema: '' };
    expect(scoreOutput(json, '```json\n{"a":1}\n```', null).pass).toBe(true);
    expect(scoreOutput(json, 'nope', null).pass).toBe(false);
    const schema = { ...json, schema: '{"type":"object","required":["answer"]}' };
    expect(scoreOutput(schema, '{"answer":1}', null).pass).toBe(true);
    expect(scoreOutput(schema, '{"x":1}', null).pass).toBe(false);
    const numeric = { id: 'n', kind: 'numeric' as const, tolerance: 0.1 };
    expect(scoreOutput({ ...numeric, tolerance: 0.01 }, 'About 3.14159.', '3.1').pass).toBe(false);
    expect(scoreOutput({ ...numeric, tolerance: 0.05 }, 'About 3.14', '3.1').pass).toBe(true);
    expect(scoreOutput(numeric, 'none', '3').detail).toBe('no number in the answer');
    expect(firstNumber('total: 1,234.5 kg')).toBe(1234.5);
    expect(firstNumber('-2e3')).toBe(-2000);
  });

  it('says what is wrong with a scorer', () => {
    expect(scorerProblem({ id: 'r', kind: 'regex', pattern: '(', flags: '' })).toMatch(/invalid/);
    expect(scorerProblem({ id: 'j', kind: 'json', schema: '{' })).toMatch(/not JSON/);
    expect(scorerProblem({ id: 'n', kind: 'numeric', tolerance: -1 })).toMatch(/≥ 0/);
    expect(scorerProblem({ id: 'x', kind: 'judge', endpoint: '', rubric: '' })).toMatch(/judge endpoint/);
  });

  it('reads the judge verdict from its first word', () => {
    expect(parseVerdict('**PASS** — correct.')).toEqual({ pass: true, reason: 'correct.' });
    expect(parseVerdict('fail: wrong city')).toEqual({ pass: false, reason: 'wrong city' });
    expect(parseVerdict('Maybe').pass).toBeNull();
  });
});

const metrics = (totalMs: number) => ({
  startedAt: 0,
  firstByteMs: 1,
  ttftMs: 1,
  totalMs,
  tokensPerSec: null,
  promptTokens: 10,
  completionTokens: 5,
  usageReported: true,
  retries: 0,
});

const RUN: EvalRunRecord = {
  id: 'run',
  name: 'Run',
  createdAt: 0,
  updatedAt: 0,
  where: 'local',
  workspaceId: null,
  datasetId: 'd',
  datasetName: 'd.csv',
  rowCount: 2,
  columns: ['q', 'expected'],
  template: { system: '', user: '{{q}}' },
  variants: [
    { id: 'v1', endpoint: 'a', params: {} },
    { id: 'v2', endpoint: 'b', params: {} },
  ],
  scorers: [{ id: 's', kind: 'exact', caseSensitive: false }],
  status: 'done',
  synthetic: true,
};
const ROWS = [
  { q: 'one, "1"', expected: '1' },
  { q: 'two', expected: '2' },
];
const result = (
  rowIndex: number,
  variantId: string,
  output: string,
  patch: Partial<EvalResultRecord> = {},
): EvalResultRecord => ({
  runId: 'run',
  rowIndex,
  variantId,
  status: 'done',
  output,
  finishReason: 'stop',
  metrics: metrics(100 * (rowIndex + 1)),
  costUsd: 0.001,
  error: null,
  finishedAt: 0,
  ...patch,
});
const RESULTS = [
  result(1, 'v1', '2'),
  result(0, 'v1', '1'),
  result(0, 'v2', 'x'),
  result(1, 'v2', '', {
    status: 'error',
    finishReason: null,
    metrics: null,
    costUsd: null,
    error: { code: 'SERVER', message: 'boom' },
  }),
];

describe('summary', () => {
  it('nearest-rank percentiles', () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
  });

  it('pass rates, latency, tokens, cost and failures per variant', () => {
    const [v1, v2] = summarise(RUN.variants, RUN.scorers, RESULTS, (i) => ROWS[i]?.expected ?? null);
    expect(v1).toMatchObject({
      results: 2,
      done: 2,
      failed: 0,
      meanLatencyMs: 150,
      p95LatencyMs: 200,
      promptTokens: 20,
      completionTokens: 10,
      costUsd: 0.002,
    });
    expect(v1?.scorers[0]).toEqual({ scorerId: 's', passed: 2, scored: 2, rate: 1 });
    expect(v2).toMatchObject({ results: 2, done: 1, failed: 1, costUsd: 0.001 });
    // The failed request is not scored.
    expect(v2?.scorers[0]).toEqual({ scorerId: 's', passed: 0, scored: 1, rate: 0 });
  });
});

describe('exports', () => {
  it('CSV: one line per row × variant in order, inputs, output, scores, quoting', () => {
    const lines = resultsCsv(RUN, ROWS, RESULTS).split('\r\n');
    expect(lines[0]).toBe(
      'row,variant,endpoint,q,expected,status,output,error,finish_reason,latency_ms,prompt_tokens,completion_tokens,cost_usd,score: Exact match',
    );
    expect(lines[1]).toBe('1,1,a,"one, ""1""",1,done,1,,stop,100,10,5,0.001,true');
    expect(lines[4]).toBe('2,2,b,two,2,error,,boom,,,,,,');
  });

  it('JSONL and the MLflow-style dataset (failed requests left out)', () => {
    const jsonl = resultsJsonl(RUN, ROWS, RESULTS)
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(4);
    expect(jsonl[2]).toMatchObject({ row: 2, variant: 1, output: '2', 'score: Exact match': true });
    const mlflow = resultsMlflow(RUN, ROWS, RESULTS)
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(mlflow).toHaveLength(3);
    expect(mlflow[0]).toEqual({
      inputs: { q: 'one, "1"' },
      outputs: { response: '1' },
      expectations: { expected_response: '1' },
      tags: { run: 'Run', variant: '1', endpoint: 'a' },
    });
  });
});

describe('worst-case cost', () => {
  it('prompt estimate + max_tokens per row at each price; unpriced endpoints named; threshold', () => {
    const price = (e: string) => (e === 'a' ? { inputPerMillion: 1, outputPerMillion: 2 } : null);
    const variants = [
      { id: 'v1', endpoint: 'a', params: { max_tokens: 100 } },
      { id: 'v2', endpoint: 'b', params: {} },
    ];
    const estimate = estimateRun(
      { system: '', user: '{{q}}' },
      [{ q: '12345678' }, { q: '1234' }],
      variants,
      price,
    );
    // Prompt: (4 + 2) + (4 + 1) = 11 tokens; output 2 × 100.
    expect(estimate.variants[0]).toMatchObject({
      promptTokens: 11,
      maxOutputTokens: 200,
      costUsd: (11 + 400) / 1e6,
    });
    expect(estimate.variants[1]).toMatchObject({
      assumedMaxTokens: true,
      maxOutputTokens: 8192,
      costUsd: null,
    });
    expect(estimate).toMatchObject({ requests: 4, unpriced: ['b'], needsConfirmation: false });
    const many = Array.from({ length: 501 }, () => ({ q: 'x' }));
    expect(estimateRun({ system: '', user: '{{q}}' }, many, variants, price).needsConfirmation).toBe(true);
  });
});
