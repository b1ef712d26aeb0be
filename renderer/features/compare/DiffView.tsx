import { useId, useMemo, useState } from 'react';
import { anyStreaming, blindLabel, displayOrder, type PaneState } from './compare-model';
import { namesHidden } from './compare-persist';
import { useCompareStore } from './compare-store';
import { diffStats, wordDiff } from './word-diff';

const lastText = (p: PaneState | undefined) => p?.answers.at(-1)?.content ?? '';

/** Pick two panes and see their last answers diffed word by word. */
export function DiffView() {
  const id = useId();
  const s = useCompareStore();
  const shown = displayOrder(s.panes, s.blind, s.order);
  const hidden = namesHidden(s);
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(1);
  const streaming = anyStreaming(s.panes);
  const a = shown[from];
  const b = shown[to];
  const before = lastText(a);
  const after = lastText(b);
  const parts = useMemo(() => (streaming ? [] : wordDiff(before, after)), [before, after, streaming]);
  if (s.turns.length === 0 || shown.length < 2) return null;
  const name = (p: PaneState, i: number) => (hidden ? blindLabel(i) : `${i + 1}: ${p.endpoint ?? '—'}`);
  const stats = diffStats(parts);
  const options = shown.map((p, i) => (
    <option key={p.id} value={i}>
      {name(p, i)}
    </option>
  ));
  return (
    <details className="cmp-diff">
      <summary>Diff two answers</summary>
      <div className="row">
        <label htmlFor={`${id}-from`}>Diff from</label>
        <select id={`${id}-from`} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
          {options}
        </select>
        <label htmlFor={`${id}-to`}>Diff to</label>
        <select id={`${id}-to`} value={to} onChange={(e) => setTo(Number(e.target.value))}>
          {options}
        </select>
        {!streaming && (
          <span className="muted">
            {stats.inserted} words inserted, {stats.removed} removed
          </span>
        )}
      </div>
      <div className="cmp-diff__text" data-testid="diff-view">
        {streaming
          ? 'Waiting for the answers to finish…'
          : parts.map((p, i) =>
              p.type === 'same' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts are recomputed as a whole.
                <span key={i}>{p.text}</span>
              ) : p.type === 'ins' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                <ins key={i}>{p.text}</ins>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                <del key={i}>{p.text}</del>
              ),
            )}
      </div>
    </details>
  );
}
