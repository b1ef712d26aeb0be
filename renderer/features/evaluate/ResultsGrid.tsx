import { useMemo } from 'react';
import { TableVirtuoso } from 'react-virtuoso';
import type { EvalResultRecord, EvalRunRecord, ScorerConfig } from '../../core/db/eval-records';
import { formatCost, formatError } from '../../core/format';
import { expectedOf } from './create-evaluate-store';
import { scorerName } from './eval-scorers';
import { scoreResult } from './eval-summary';
import { useEvaluateStore } from './evaluate-store';

/** The grid's height: about eight rows of answers, the page scrolls around it. */
const GRID_HEIGHT = 460;

/** The score badges of one answer. */
function Scores({
  scorers,
  result,
  expected,
}: {
  scorers: readonly ScorerConfig[];
  result: EvalResultRecord;
  expected: string | null;
}) {
  return (
    <span className="ev-scores">
      {scorers.map((s) => {
        const score = scoreResult(s, result, expected);
        if (score.pass === null) return null;
        return (
          <span
            key={s.id}
            className={`ev-score ev-score--${score.pass ? 'pass' : 'fail'}`}
            title={`${scorerName(s)}: ${score.pass ? 'pass' : `fail${score.detail ? ` — ${score.detail}` : ''}`}`}
          >
            {score.pass ? '✓' : '✗'} {scorerName(s)}
          </span>
        );
      })}
    </span>
  );
}

/** One answer: its text, latency and tokens, its scores; a click opens the row in chat. */
function Cell({
  run,
  rowIndex,
  variantIndex,
}: {
  run: EvalRunRecord;
  rowIndex: number;
  variantIndex: number;
}) {
  const variant = run.variants[variantIndex];
  const result = useEvaluateStore((s) => (variant ? s.resultOf(rowIndex, variant.id) : undefined));
  const rows = useEvaluateStore((s) => s.runRows);
  const scorers = useEvaluateStore((s) => s.scorers);
  const open = useEvaluateStore((s) => s.openRowInChat);
  if (!variant) return <td />;
  const label = `Row ${rowIndex + 1}, variant ${variantIndex + 1}`;
  if (!result)
    return (
      <td className="ev-cell ev-cell--pending" aria-label={`${label}: not run yet`}>
        <span className="muted">…</span>
      </td>
    );
  const m = result.metrics;
  return (
    <td className={`ev-cell ev-cell--${result.status}`}>
      <button
        type="button"
        className="ev-cell__button"
        title="Open this row in chat"
        onClick={() => open(rowIndex, variant.id)}
      >
        {/* The name starts with where the cell is; the visible text follows (what axe asks). */}
        <span className="visually-hidden">{label}, open in chat: </span>
        <span className="ev-cell__text">
          {result.status === 'error' && result.error ? formatError(result.error) : result.output || '(empty)'}
        </span>
        {result.toolCalls?.map((call, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the calls of one answer, in order
          <code key={n} className="ev-cell__call">
            → {call.name}({call.arguments})
          </code>
        ))}
        <span className="ev-cell__meta">
          {m
            ? `${(m.totalMs / 1000).toFixed(2)} s · ${m.promptTokens ?? '?'}→${m.completionTokens ?? '?'} tok`
            : ''}
          {result.costUsd !== null ? ` · ${formatCost(result.costUsd)}` : ''}
        </span>
        <Scores scorers={scorers} result={result} expected={expectedOf(run, rows, rowIndex)} />
      </button>
    </td>
  );
}

/**
 * Rows × variants, virtualized (react-virtuoso): only the rows on screen are in the page, so
 * 100,000 rows scroll like ten. Results live outside the store state; `resultsVersion`
 * re-renders the visible cells when one lands.
 */
export function ResultsGrid() {
  const run = useEvaluateStore((s) => s.run);
  const rows = useEvaluateStore((s) => s.runRows);
  const version = useEvaluateStore((s) => s.resultsVersion);
  const inputColumns = useMemo(
    () => (run ? run.columns.filter((c) => c.toLowerCase() !== 'expected').slice(0, 2) : []),
    [run],
  );
  const hasExpected = run ? run.columns.some((c) => c.toLowerCase() === 'expected') : false;
  if (!run) return null;
  return (
    <section className="ev-card ev-results" aria-label="Results">
      <TableVirtuoso
        className="ev-grid"
        style={{ height: GRID_HEIGHT }}
        data-testid="ev-grid"
        totalCount={run.rowCount}
        context={version}
        increaseViewportBy={400}
        fixedHeaderContent={() => (
          <tr>
            <th scope="col" className="ev-grid__n">
              #
            </th>
            {inputColumns.map((c) => (
              <th key={c} scope="col" className="ev-grid__input">
                {c}
              </th>
            ))}
            {hasExpected && (
              <th scope="col" className="ev-grid__input">
                expected
              </th>
            )}
            {run.variants.map((v, i) => (
              <th key={v.id} scope="col">
                {i + 1}. {v.endpoint}
              </th>
            ))}
          </tr>
        )}
        itemContent={(rowIndex) => (
          <>
            <td className="ev-grid__n muted">{rowIndex + 1}</td>
            {inputColumns.map((c) => (
              <td key={c} className="ev-grid__input" title={rows[rowIndex]?.[c]}>
                <span className="ev-cell__text">{rows[rowIndex]?.[c]}</span>
              </td>
            ))}
            {hasExpected && (
              <td className="ev-grid__input">
                <span className="ev-cell__text">{expectedOf(run, rows, rowIndex)}</span>
              </td>
            )}
            {run.variants.map((v, i) => (
              <Cell key={v.id} run={run} rowIndex={rowIndex} variantIndex={i} />
            ))}
          </>
        )}
      />
    </section>
  );
}
