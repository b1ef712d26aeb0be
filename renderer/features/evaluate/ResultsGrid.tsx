import { memo, useCallback, useMemo } from 'react';
import { TableVirtuoso } from 'react-virtuoso';
import type { EvalResultRecord, EvalRunRecord, ScorerConfig } from '../../core/db/eval-records';
import { formatCost, formatError } from '../../core/format';
import { expectedOf } from './create-evaluate-store';
import { scorerName } from './eval-scorers';
import { scoreResult } from './eval-summary';
import { useEvaluateStore } from './evaluate-store';

/** The grid's height: about five rows of answers, the page scrolls around it. */
const GRID_HEIGHT = 460;

/**
 * Every row's height, px, fixed (the CSS clamps each cell to it: two lines of answer, one of
 * latency, tokens and cost, one of scores). With it the list places a jump's rows at once,
 * without rendering them first to measure them and again where they belong.
 */
export const ROW_HEIGHT = 88;

/** Rows rendered beyond the visible ones, px each way: enough for a wheel step, not a jump's worth. */
const OVERSCAN_PX = ROW_HEIGHT;

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

/** What every cell of the grid needs from the store (read once by the grid, not per cell). */
interface GridView {
  run: EvalRunRecord;
  rows: readonly Record<string, string>[];
  scorers: readonly ScorerConfig[];
  resultOf: (rowIndex: number, variantId: string) => EvalResultRecord | undefined;
  open: (rowIndex: number, variantId: string) => void;
  inputColumns: readonly string[];
  hasExpected: boolean;
}

/** One answer: its text, latency and tokens, its scores; a click opens the row in chat. */
function Cell({ view, rowIndex, variantIndex }: { view: GridView; rowIndex: number; variantIndex: number }) {
  const { run } = view;
  const variant = run.variants[variantIndex];
  if (!variant) return <td />;
  const result = view.resultOf(rowIndex, variant.id);
  const label = `Row ${rowIndex + 1}, variant ${variantIndex + 1}`;
  if (!result)
    return (
      <td className="ev-cell ev-cell--pending" aria-label={`${label}: not run yet`}>
        <div className="ev-cell__box">
          <span className="muted">…</span>
        </div>
      </td>
    );
  const m = result.metrics;
  return (
    <td className={`ev-cell ev-cell--${result.status}`}>
      <button
        type="button"
        className="ev-cell__button ev-cell__box"
        title="Open this row in chat"
        onClick={() => view.open(rowIndex, variant.id)}
      >
        {/* The name starts with where the cell is; the visible text follows (what axe asks). */}
        <span className="visually-hidden">{label}, open in chat: </span>
        <span className="ev-cell__text">
          {result.status === 'error' && result.error ? formatError(result.error) : result.output || '(empty)'}
          {result.toolCalls?.map((call, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the calls of one answer, in order
            <code key={n} className="ev-cell__call">
              {' '}
              → {call.name}({call.arguments})
            </code>
          ))}
        </span>
        <span className="ev-cell__meta">
          {m
            ? `${(m.totalMs / 1000).toFixed(2)} s · ${m.promptTokens ?? '?'}→${m.completionTokens ?? '?'} tok`
            : ''}
          {result.costUsd !== null ? ` · ${formatCost(result.costUsd)}` : ''}
        </span>
        <Scores scorers={view.scorers} result={result} expected={expectedOf(run, view.rows, rowIndex)} />
      </button>
    </td>
  );
}

/**
 * One row's cells. Memoised: a scroll re-renders only the rows it brings in; a result landing
 * (a new `version`) re-renders the rows on screen.
 */
const Row = memo(function Row({ view, rowIndex }: { view: GridView; rowIndex: number; version: number }) {
  const { run, rows } = view;
  return (
    <>
      <td className="ev-grid__n muted">
        <div className="ev-cell__box">{rowIndex + 1}</div>
      </td>
      {view.inputColumns.map((c) => (
        <td key={c} className="ev-grid__input" title={rows[rowIndex]?.[c]}>
          <div className="ev-cell__box">
            <span className="ev-cell__text">{rows[rowIndex]?.[c]}</span>
          </div>
        </td>
      ))}
      {view.hasExpected && (
        <td className="ev-grid__input">
          <div className="ev-cell__box">
            <span className="ev-cell__text">{expectedOf(run, rows, rowIndex)}</span>
          </div>
        </td>
      )}
      {run.variants.map((v, i) => (
        <Cell key={v.id} view={view} rowIndex={rowIndex} variantIndex={i} />
      ))}
    </>
  );
});

/**
 * Rows × variants, virtualized (react-virtuoso): only the rows on screen are in the page, so
 * 100,000 rows scroll like ten. Rows have one fixed height, so a jump renders its rows once.
 * Results live outside the store state; `resultsVersion` re-renders the visible rows when one
 * lands. The grid reads the store once; its rows and cells only take props.
 */
export function ResultsGrid() {
  const run = useEvaluateStore((s) => s.run);
  const rows = useEvaluateStore((s) => s.runRows);
  const version = useEvaluateStore((s) => s.resultsVersion);
  const scorers = useEvaluateStore((s) => s.scorers);
  const resultOf = useEvaluateStore((s) => s.resultOf);
  const open = useEvaluateStore((s) => s.openRowInChat);
  const view = useMemo((): GridView | null => {
    if (!run) return null;
    return {
      run,
      rows,
      scorers,
      resultOf,
      open,
      inputColumns: run.columns.filter((c) => c.toLowerCase() !== 'expected').slice(0, 2),
      hasExpected: run.columns.some((c) => c.toLowerCase() === 'expected'),
    };
  }, [run, rows, scorers, resultOf, open]);
  const header = useCallback(
    () =>
      view && (
        <tr>
          <th scope="col" className="ev-grid__n">
            #
          </th>
          {view.inputColumns.map((c) => (
            <th key={c} scope="col" className="ev-grid__input">
              {c}
            </th>
          ))}
          {view.hasExpected && (
            <th scope="col" className="ev-grid__input">
              expected
            </th>
          )}
          {view.run.variants.map((v, i) => (
            <th key={v.id} scope="col">
              {i + 1}. {v.endpoint}
            </th>
          ))}
        </tr>
      ),
    [view],
  );
  const item = useCallback(
    (rowIndex: number, _data: unknown, context: number) =>
      view && <Row view={view} rowIndex={rowIndex} version={context} />,
    [view],
  );
  if (!run || !view) return null;
  return (
    <section className="ev-card ev-results" aria-label="Results">
      <TableVirtuoso
        className="ev-grid"
        style={{ height: GRID_HEIGHT }}
        data-testid="ev-grid"
        totalCount={run.rowCount}
        context={version}
        fixedItemHeight={ROW_HEIGHT}
        increaseViewportBy={OVERSCAN_PX}
        fixedHeaderContent={header}
        itemContent={item}
      />
    </section>
  );
}
