import Papa from 'papaparse';
import type { EvalResultRecord, EvalRunRecord } from '../../core/db/eval-records';
import { expectedColumn } from './eval-dataset';
import { scorerName } from './eval-scorers';
import { scoreResult } from './eval-summary';

/*
 * A run's results as files: CSV (one line per row × variant, a column per scorer), JSONL
 * (the same, as objects), and an MLflow-style evaluation dataset (JSONL records with
 * `inputs`, `outputs` and `expectations`, what `mlflow.genai` evaluation datasets hold).
 * Pure: the view downloads the text (core/download.ts).
 */

/** One exported line, before formatting. */
interface ExportLine {
  row: number;
  variant: number;
  endpoint: string;
  inputs: Record<string, string>;
  expected: string | null;
  result: EvalResultRecord;
  scores: Record<string, boolean | null>;
}

/** Results in row order, then variant order, with their inputs and scores. */
function exportLines(
  run: EvalRunRecord,
  rows: readonly Record<string, string>[],
  results: Iterable<EvalResultRecord>,
): ExportLine[] {
  const expectedKey = expectedColumn(run.columns);
  const variantIndex = new Map(run.variants.map((v, i) => [v.id, i]));
  const lines: ExportLine[] = [];
  for (const result of results) {
    const variant = variantIndex.get(result.variantId);
    if (variant === undefined) continue;
    const values = rows[result.rowIndex] ?? {};
    const expected = expectedKey ? (values[expectedKey] ?? null) : null;
    const inputs = Object.fromEntries(Object.entries(values).filter(([k]) => k !== expectedKey));
    const scores = Object.fromEntries(
      run.scorers.map((s) => [scorerName(s), scoreResult(s, result, expected).pass]),
    );
    lines.push({
      row: result.rowIndex,
      variant,
      endpoint: run.variants[variant]?.endpoint ?? '',
      inputs,
      expected,
      result,
      scores,
    });
  }
  return lines.sort((a, b) => a.row - b.row || a.variant - b.variant);
}

/** The flat record of one line (CSV columns, JSONL keys). */
function flat(line: ExportLine): Record<string, unknown> {
  const { result, scores } = line;
  return {
    row: line.row + 1,
    variant: line.variant + 1,
    endpoint: line.endpoint,
    ...line.inputs,
    ...(line.expected === null ? {} : { expected: line.expected }),
    status: result.status,
    output: result.output,
    error: result.error ? (result.error.serverMessage ?? result.error.message) : '',
    finish_reason: result.finishReason ?? '',
    ...(result.toolCalls ? { tool_calls: JSON.stringify(result.toolCalls) } : {}),
    latency_ms: result.metrics ? Math.round(result.metrics.totalMs) : '',
    prompt_tokens: result.metrics?.promptTokens ?? '',
    completion_tokens: result.metrics?.completionTokens ?? '',
    cost_usd: result.costUsd ?? '',
    ...Object.fromEntries(Object.entries(scores).map(([k, v]) => [`score: ${k}`, v === null ? '' : v])),
  };
}

/** The results as CSV (RFC 4180 quoting, a header line). */
export function resultsCsv(
  run: EvalRunRecord,
  rows: readonly Record<string, string>[],
  results: Iterable<EvalResultRecord>,
): string {
  const records = exportLines(run, rows, results).map(flat);
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return Papa.unparse({ fields: columns, data: records.map((r) => columns.map((c) => r[c] ?? '')) });
}

/** The results as JSON Lines (one object per row × variant). */
export function resultsJsonl(
  run: EvalRunRecord,
  rows: readonly Record<string, string>[],
  results: Iterable<EvalResultRecord>,
): string {
  return exportLines(run, rows, results)
    .map((line) => JSON.stringify(flat(line)))
    .join('\n');
}

/**
 * An MLflow-style evaluation dataset: per row × variant, `inputs` (the row's variables),
 * `outputs` (`response`), `expectations` (`expected_response`, when the dataset has one) and
 * `tags` naming the variant. Failed requests are left out: they have no output to evaluate.
 */
export function resultsMlflow(
  run: EvalRunRecord,
  rows: readonly Record<string, string>[],
  results: Iterable<EvalResultRecord>,
): string {
  return exportLines(run, rows, results)
    .filter((line) => line.result.status === 'done')
    .map((line) =>
      JSON.stringify({
        inputs: line.inputs,
        outputs: { response: line.result.output },
        expectations: line.expected === null ? {} : { expected_response: line.expected },
        tags: { run: run.name, variant: String(line.variant + 1), endpoint: line.endpoint },
      }),
    )
    .join('\n');
}
