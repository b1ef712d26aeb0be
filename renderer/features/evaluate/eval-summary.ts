import type { EvalResultRecord, EvalVariant, ScorerConfig } from '../../core/db/eval-records';
import { type Score, scoreOutput } from './eval-scorers';

/*
 * The numbers of a run per variant: pass rate per scorer, latency (mean and p95), tokens,
 * cost and failures. Pure, from the stored results, so a saved run summarises the same way.
 */

/** One scorer's tally for a variant. */
export interface ScorerTally {
  scorerId: string;
  passed: number;
  /** Results it applied to (a row without `expected` is not counted for exact match). */
  scored: number;
  /** passed / scored, or null when it applied to none. */
  rate: number | null;
}

/** A variant's summary. */
export interface VariantSummary {
  variantId: string;
  results: number;
  done: number;
  failed: number;
  meanLatencyMs: number | null;
  p95LatencyMs: number | null;
  promptTokens: number;
  completionTokens: number;
  /** Cost of the answers; null when no result had a known price. */
  costUsd: number | null;
  /** Cost of the judge's calls on this variant's answers. */
  judgeCostUsd: number | null;
  scorers: ScorerTally[];
}

/** The `p`th percentile (0–100) of `values`, nearest-rank; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? null;
}

/** The verdict of `scorer` on `result` (the judge's stored verdict for a judge). */
export function scoreResult(scorer: ScorerConfig, result: EvalResultRecord, expected: string | null): Score {
  if (result.status !== 'done') return { pass: null };
  if (scorer.kind === 'judge') {
    const verdict = result.judge?.find((j) => j.scorerId === scorer.id);
    return verdict ? { pass: verdict.pass, detail: verdict.reason } : { pass: null };
  }
  return scoreOutput(scorer, result.output, expected);
}

const addCost = (sum: number | null, cost: number | null | undefined) =>
  cost === null || cost === undefined ? sum : (sum ?? 0) + cost;

/** Summarises `results` per variant; `expectedOf(row)` is a row's expected value or null. */
export function summarise(
  variants: readonly EvalVariant[],
  scorers: readonly ScorerConfig[],
  results: Iterable<EvalResultRecord>,
  expectedOf: (rowIndex: number) => string | null,
): VariantSummary[] {
  const byVariant = new Map<string, EvalResultRecord[]>(variants.map((v) => [v.id, []]));
  for (const r of results) byVariant.get(r.variantId)?.push(r);
  return variants.map((v) => {
    const rows = byVariant.get(v.id) ?? [];
    const latencies: number[] = [];
    let promptTokens = 0;
    let completionTokens = 0;
    let costUsd: number | null = null;
    let judgeCostUsd: number | null = null;
    let failed = 0;
    const tallies = scorers.map((s) => ({
      scorerId: s.id,
      passed: 0,
      scored: 0,
      rate: null as number | null,
    }));
    for (const r of rows) {
      if (r.status === 'error') failed += 1;
      if (r.metrics) {
        if (r.status === 'done') latencies.push(r.metrics.totalMs);
        promptTokens += r.metrics.promptTokens ?? 0;
        completionTokens += r.metrics.completionTokens ?? 0;
      }
      costUsd = addCost(costUsd, r.costUsd);
      for (const j of r.judge ?? []) judgeCostUsd = addCost(judgeCostUsd, j.costUsd);
      const expected = expectedOf(r.rowIndex);
      scorers.forEach((s, i) => {
        const score = scoreResult(s, r, expected);
        const tally = tallies[i];
        if (!tally || score.pass === null) return;
        tally.scored += 1;
        if (score.pass) tally.passed += 1;
      });
    }
    for (const t of tallies) t.rate = t.scored > 0 ? t.passed / t.scored : null;
    return {
      variantId: v.id,
      results: rows.length,
      done: rows.length - failed,
      failed,
      meanLatencyMs: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null,
      p95LatencyMs: percentile(latencies, 95),
      promptTokens,
      completionTokens,
      costUsd,
      judgeCostUsd,
      scorers: tallies,
    };
  });
}
