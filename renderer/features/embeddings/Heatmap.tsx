import { type CSSProperties, type KeyboardEvent, type MouseEvent, useEffect, useRef, useState } from 'react';
import type { ModelAnalysis } from './analysis';
import { truncate } from './format-embeddings';
import { cellAt, drawHeatmap, RAMP_CSS, SCALE } from './heatmap-draw';

/** Up to this many texts, each gets a text label on the axes; beyond, index ticks only. */
const LABELLED_MAX = 24;
/** Up to this many texts, a visually hidden table carries every value for screen readers. */
const TABLE_MAX = 40;

/** Beyond this many texts a cell is under a screen pixel: smooth scaling beats dropped rows. */
const DENSE = 240;

type Cell = { i: number; j: number };

/** Every `step`-th index below `n`, for axis ticks. */
const ticks = (n: number, step: number) => Array.from({ length: Math.ceil(n / step) }, (_, k) => k * step);

/** Row labels: the texts themselves for small sets, otherwise index ticks. */
function RowLabels({ texts }: { texts: string[] }) {
  const n = texts.length;
  if (n <= LABELLED_MAX)
    return (
      <div className="heatmap__rows" aria-hidden="true">
        {texts.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: texts may repeat; the position is the identity.
          <span key={i} title={t}>
            {i + 1}. {truncate(t, 22)}
          </span>
        ))}
      </div>
    );
  return (
    <div className="heatmap__rows heatmap__rows--ticks" aria-hidden="true">
      {ticks(n, Math.ceil(n / 10)).map((i) => (
        <span key={i} style={{ top: `${(i / n) * 100}%` }}>
          {i + 1}
        </span>
      ))}
    </div>
  );
}

/** Column labels: indices (text labels would not fit across). */
function ColumnLabels({ n }: { n: number }) {
  return (
    <div className="heatmap__cols" aria-hidden="true">
      {ticks(n, n <= LABELLED_MAX ? 1 : Math.ceil(n / 10)).map((j) => (
        <span key={j} style={{ left: `${((j + 0.5) / n) * 100}%` }}>
          {j + 1}
        </span>
      ))}
    </div>
  );
}

/** Every value in a table only screen readers see (small sets; larger ones: export). */
function ValueTable({ model, texts }: { model: ModelAnalysis; texts: string[] }) {
  const n = model.count;
  if (n > TABLE_MAX)
    return (
      <p className="visually-hidden">
        Export CSV to read the {n} × {n} values.
      </p>
    );
  return (
    <table className="visually-hidden" data-testid="similarity-table">
      <caption>Cosine similarity between texts, {model.endpoint}</caption>
      <thead>
        <tr>
          <th scope="col">Text</th>
          {texts.map((t, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: texts may repeat; the position is the identity.
            <th key={j} scope="col">
              {j + 1}. {truncate(t, 40)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {texts.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: texts may repeat; the position is the identity.
          <tr key={i}>
            <th scope="row">
              {i + 1}. {truncate(t, 40)}
            </th>
            {texts.map((_, j) => {
              const v = model.matrix[i * n + j] as number;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions.
                <td key={j} data-i={i} data-j={j} data-value={v}>
                  {v.toFixed(3)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The hovered (or keyboard-selected) cell: both texts and their similarity. */
function Tooltip({
  model,
  texts,
  cell,
  at,
}: {
  model: ModelAnalysis;
  texts: string[];
  cell: Cell;
  at: CSSProperties;
}) {
  const value = model.matrix[cell.i * model.count + cell.j] as number;
  return (
    <div className="heatmap__tooltip" data-testid="heatmap-tooltip" role="status" style={at}>
      <div className="heatmap__value">{value.toFixed(3)}</div>
      <div>
        <b>{cell.i + 1}.</b> {truncate(texts[cell.i] ?? '', 160)}
      </div>
      <div>
        <b>{cell.j + 1}.</b> {truncate(texts[cell.j] ?? '', 160)}
      </div>
    </div>
  );
}

/** Places the tooltip beside the cell, on the side with more room, inside the figure. */
function tooltipPlace(canvas: HTMLCanvasElement | null, cell: Cell, n: number): CSSProperties {
  if (!canvas) return {};
  const x = canvas.offsetLeft + ((cell.j + 0.5) / n) * canvas.clientWidth;
  const y = canvas.offsetTop + ((cell.i + 1) / n) * canvas.clientHeight + 6;
  const width = (canvas.offsetParent as HTMLElement | null)?.clientWidth ?? 0;
  const horizontal = cell.j < n / 2 ? { left: x } : { right: width - x };
  return { ...horizontal, top: y };
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/**
 * One model's texts × texts cosine-similarity heatmap on a canvas, with the value of the
 * cell under the pointer (or moved to with the arrow keys) and a hidden table for screen readers.
 */
export function Heatmap({ model, texts }: { model: ModelAnalysis; texts: string[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [cell, setCell] = useState<Cell | null>(null);
  const n = model.count;

  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    // Each heatmap paints in a task of its own, not in the commit that shows the results:
    // two 500 × 500 paints on top of that render could hold the main thread past a frame.
    // (With the worker's bitmap the paint is a hand-over, but it still waits for the commit.)
    const paint = setTimeout(() => drawHeatmap(target, model.matrix, n, model.heatmap ?? null), 0);
    return () => clearTimeout(paint);
  }, [model, n]);

  const onMove = (event: MouseEvent<HTMLCanvasElement>) =>
    setCell(cellAt(event.currentTarget.getBoundingClientRect(), event.clientX, event.clientY, n));
  const onKey = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const move = ARROWS[event.key];
    if (!move) return;
    event.preventDefault();
    const from = cell ?? { i: 0, j: 0 };
    const clamp = (x: number) => Math.min(n - 1, Math.max(0, x));
    setCell({ i: clamp(from.i + move[0]), j: clamp(from.j + move[1]) });
  };

  return (
    <figure className="heatmap" data-testid="heatmap" data-endpoint={model.endpoint} data-count={n}>
      <div className="heatmap__grid">
        <span />
        <ColumnLabels n={n} />
        <RowLabels texts={texts} />
        <canvas
          // A canvas keeps its first kind of context: the worker's bitmap and pixels painted
          // here each get their own element (see drawHeatmap).
          key={model.heatmap ? 'bitmap' : 'pixels'}
          ref={canvas}
          className={`heatmap__canvas${n > DENSE ? ' heatmap__canvas--dense' : ''}`}
          tabIndex={0}
          aria-label={`Similarity heatmap for ${model.endpoint}, ${n} by ${n}. Arrow keys move between cells.`}
          onMouseMove={onMove}
          onMouseLeave={() => setCell(null)}
          onKeyDown={onKey}
          onBlur={() => setCell(null)}
        />
      </div>
      {cell && <Tooltip model={model} texts={texts} cell={cell} at={tooltipPlace(canvas.current, cell, n)} />}
      <figcaption className="heatmap__legend">
        <span>≤ {SCALE.min.toFixed(1)}</span>
        <span className="heatmap__ramp" style={{ background: RAMP_CSS }} />
        <span>{SCALE.max.toFixed(1)}</span>
        <span className="hint" data-testid="heatmap-range">
          cosine similarity; off-diagonal {model.range.min.toFixed(2)}–{model.range.max.toFixed(2)}, the
          diagonal is 1
        </span>
      </figcaption>
      <ValueTable model={model} texts={texts} />
    </figure>
  );
}
