import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import type { EvalResultRecord, EvalRunRecord, ScorerConfig } from '../../core/db/eval-records';
import { formatCost } from '../../core/format';
import { expectedOf } from './create-evaluate-store';
import { scorerName } from './eval-scorers';
import { summarise, type VariantSummary } from './eval-summary';
import { useEvaluateStore } from './evaluate-store';

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
const ms = (value: number | null) => (value === null ? '—' : `${(value / 1000).toFixed(2)} s`);

/** Pass rate per scorer per variant, as horizontal bars (SVG; no chart library needed for bars). */
function PassRateChart({
  run,
  scorers,
  summary,
}: {
  run: EvalRunRecord;
  scorers: readonly ScorerConfig[];
  summary: VariantSummary[];
}) {
  const barH = 14;
  const gap = 4;
  const groupGap = 12;
  const labelW = 150;
  const width = 460;
  const barW = width - labelW - 70;
  let y = 0;
  const bars: ReactElement[] = [];
  scorers.forEach((s, si) => {
    bars.push(
      <text key={`l${s.id}`} x={0} y={y + barH - 3} className="ev-chart__label">
        {scorerName(s).slice(0, 24)}
      </text>,
    );
    summary.forEach((v, vi) => {
      const rate = v.scorers[si]?.rate ?? null;
      const yy = y + vi * (barH + gap);
      bars.push(
        <g key={`${s.id}-${v.variantId}`}>
          <rect x={labelW} y={yy} width={barW} height={barH} className="ev-chart__track" rx={3} />
          <rect
            x={labelW}
            y={yy}
            width={Math.max(0, (rate ?? 0) * barW)}
            height={barH}
            className={`ev-chart__bar ev-chart__bar--${vi % 6}`}
            rx={3}
          >
            <title>{`${scorerName(s)}, variant ${vi + 1} (${run.variants[vi]?.endpoint ?? ''}): ${pct(rate)}`}</title>
          </rect>
          <text x={labelW + barW + 6} y={yy + barH - 3} className="ev-chart__value">
            {vi + 1}: {pct(rate)}
          </text>
        </g>,
      );
    });
    y += summary.length * (barH + gap) + groupGap;
  });
  if (scorers.length === 0) return null;
  return (
    <svg
      className="ev-chart"
      role="img"
      aria-label="Pass rate per scorer and variant"
      viewBox={`0 0 ${width} ${y}`}
      width={width}
      height={y}
    >
      {bars}
    </svg>
  );
}

/** A run's per-variant numbers as a table. */
function SummaryTable({
  run,
  scorers,
  summary,
  label,
}: {
  run: EvalRunRecord;
  scorers: readonly ScorerConfig[];
  summary: VariantSummary[];
  label: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table ev-summary" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            {scorers.map((s) => (
              <th key={s.id} scope="col">
                {scorerName(s)}
              </th>
            ))}
            <th scope="col">Mean</th>
            <th scope="col">p95</th>
            <th scope="col">Tokens in/out</th>
            <th scope="col">Cost</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {summary.map((v, i) => (
            <tr key={v.variantId}>
              <th scope="row">
                {i + 1}. {run.variants[i]?.endpoint}
              </th>
              {v.scorers.map((t) => (
                <td key={t.scorerId} title={`${t.passed} of ${t.scored}`}>
                  {pct(t.rate)}
                </td>
              ))}
              <td>{ms(v.meanLatencyMs)}</td>
              <td>{ms(v.p95LatencyMs)}</td>
              <td>
                {v.promptTokens.toLocaleString('en-US')} / {v.completionTokens.toLocaleString('en-US')}
              </td>
              <td>
                {v.costUsd === null ? '—' : formatCost(v.costUsd)}
                {v.judgeCostUsd !== null && (
                  <span className="muted"> + judge {formatCost(v.judgeCostUsd)}</span>
                )}
              </td>
              <td>{v.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How often a running run's summary is recomputed (it reads every result). */
const SUMMARY_EVERY_MS = 1_000;

/**
 * `version`, changing at most every SUMMARY_EVERY_MS while it keeps changing (a run lands
 * dozens of results a second; summarising 100,000 of them each time would stall the page).
 */
function useThrottled(version: number): number {
  const [shown, setShown] = useState(version);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + SUMMARY_EVERY_MS - Date.now();
    const timer = setTimeout(
      () => {
        last.current = Date.now();
        setShown(version);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [version]);
  return shown;
}

/** The summary of a run given its results. */
function useSummary(
  run: EvalRunRecord | null,
  scorers: readonly ScorerConfig[],
  results: () => EvalResultRecord[],
  rows: readonly Record<string, string>[],
  version: number,
) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the results, which live outside the state
  return useMemo(
    () => (run ? summarise(run.variants, scorers, results(), (i) => expectedOf(run, rows, i)) : []),
    [run, scorers, rows, version],
  );
}

/** Per-variant summary with its chart, and another saved run beside it when chosen. */
export function SummaryPanel() {
  const run = useEvaluateStore((s) => s.run);
  const scorers = useEvaluateStore((s) => s.scorers);
  const rows = useEvaluateStore((s) => s.runRows);
  const version = useThrottled(useEvaluateStore((s) => s.resultsVersion));
  const allResults = useEvaluateStore((s) => s.allResults);
  const runs = useEvaluateStore((s) => s.runs);
  const other = useEvaluateStore((s) => s.compareRun);
  const setCompareRun = useEvaluateStore((s) => s.setCompareRun);
  const summary = useSummary(run, scorers, allResults, rows, version);
  const otherSummary = useMemo(
    () =>
      other
        ? summarise(other.run.variants, other.run.scorers, other.results, (i) =>
            expectedOf(other.run, other.rows, i),
          )
        : [],
    [other],
  );
  if (!run) return null;
  return (
    <section className="ev-card" aria-labelledby="ev-summary-title">
      <div className="ev-card__head">
        <h3 id="ev-summary-title">Summary</h3>
        <label className="ev-inline">
          Compare with
          <select
            aria-label="Compare with another run"
            value={other?.run.id ?? ''}
            onChange={(e) => void setCompareRun(e.target.value || null)}
          >
            <option value="">(none)</option>
            {runs
              .filter((r) => r.id !== run.id)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <div className={other ? 'ev-compare' : ''}>
        <div>
          {other && <h4>This run</h4>}
          <SummaryTable run={run} scorers={scorers} summary={summary} label="Summary per variant" />
          <PassRateChart run={run} scorers={scorers} summary={summary} />
        </div>
        {other && (
          <div data-testid="ev-compare-run">
            <h4>{other.run.name}</h4>
            <SummaryTable
              run={other.run}
              scorers={other.run.scorers}
              summary={otherSummary}
              label="Summary of the other run"
            />
            <PassRateChart run={other.run} scorers={other.run.scorers} summary={otherSummary} />
          </div>
        )}
      </div>
    </section>
  );
}
