import { useId, useState } from 'react';
import { downloadText, fileDate } from '../../core/download';
import { toJsonl, toMarkdown } from './compare-export';
import { anyStreaming } from './compare-model';
import { useCompareStore } from './compare-store';
import { comparisonRecordOf } from './export-source';

/** Save the setup by name, load a saved one. */
export function SetupControls() {
  const id = useId();
  const setups = useCompareStore((s) => s.setups);
  const saveSetup = useCompareStore((s) => s.saveSetup);
  const loadSetup = useCompareStore((s) => s.loadSetup);
  const streaming = useCompareStore((s) => anyStreaming(s.panes));
  const [name, setName] = useState('');
  const [picked, setPicked] = useState('');
  const chosen = setups.find((s) => s.id === picked) ?? setups[0];
  return (
    <div className="cmp-setups row">
      <label htmlFor={`${id}-name`} className="visually-hidden">
        Setup name
      </label>
      <input
        id={`${id}-name`}
        placeholder="Setup name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button
        type="button"
        className="button"
        disabled={name.trim() === ''}
        onClick={() => void saveSetup(name)}
      >
        Save setup
      </button>
      <label htmlFor={`${id}-pick`} className="visually-hidden">
        Saved setups
      </label>
      <select id={`${id}-pick`} value={chosen?.id ?? ''} onChange={(e) => setPicked(e.target.value)}>
        {setups.length === 0 && <option value="">No saved setups</option>}
        {setups.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.panes.length} panes)
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={!chosen || streaming}
        onClick={() => chosen && void loadSetup(chosen.id)}
      >
        Load setup
      </button>
    </div>
  );
}

/** Export the comparison on screen as Markdown or JSONL. */
export function ExportButtons() {
  const turns = useCompareStore((s) => s.turns.length);
  const streaming = useCompareStore((s) => anyStreaming(s.panes));
  const exportAs = (kind: 'md' | 'jsonl') => {
    const c = comparisonRecordOf(useCompareStore.getState());
    const base = `comparison-${fileDate()}`;
    if (kind === 'md') downloadText(`${base}.md`, toMarkdown(c), 'text/markdown');
    else downloadText(`${base}.jsonl`, toJsonl(c), 'application/jsonl');
  };
  return (
    <div className="row">
      <button
        type="button"
        className="button button--small"
        disabled={turns === 0 || streaming}
        onClick={() => exportAs('md')}
      >
        Export Markdown
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={turns === 0 || streaming}
        onClick={() => exportAs('jsonl')}
      >
        Export JSONL
      </button>
    </div>
  );
}

/** The saved comparisons (newest first), each reopened with its outputs and metrics. */
export function SavedComparisons() {
  const comparisons = useCompareStore((s) => s.comparisons);
  const current = useCompareStore((s) => s.comparisonId);
  const open = useCompareStore((s) => s.openComparison);
  const streaming = useCompareStore((s) => anyStreaming(s.panes));
  if (comparisons.length === 0) return null;
  return (
    <details className="cmp-saved" data-testid="saved-comparisons">
      <summary>Saved comparisons ({comparisons.length})</summary>
      <ul>
        {comparisons.slice(0, 50).map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={streaming || c.id === current}
              aria-label={`Open ${c.title}`}
              onClick={() => void open(c.id)}
            >
              {c.title}
            </button>
            <span className="muted">
              {c.panes.length} panes · {c.turns.length} {c.turns.length === 1 ? 'turn' : 'turns'}
              {c.blind ? ' · blind' : ''} · {new Date(c.updatedAt).toLocaleString()}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
