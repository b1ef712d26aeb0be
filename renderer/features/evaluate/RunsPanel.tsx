import { downloadText, fileDate } from '../../core/download';
import { resultsCsv, resultsJsonl, resultsMlflow } from './eval-export';
import { useEvaluateStore } from './evaluate-store';

/** The saved runs (open, delete) and the exports of the run on screen. */
export function RunsPanel() {
  const runs = useEvaluateStore((s) => s.runs);
  const run = useEvaluateStore((s) => s.run);
  const phase = useEvaluateStore((s) => s.phase);
  const openRun = useEvaluateStore((s) => s.openRun);
  const removeRun = useEvaluateStore((s) => s.removeRun);
  const busy = phase === 'running' || phase === 'pausing';

  function download(kind: 'csv' | 'jsonl' | 'mlflow') {
    const s = useEvaluateStore.getState();
    if (!s.run) return;
    const results = s.allResults();
    const base = `evaluation-${fileDate(s.run.createdAt)}`;
    if (kind === 'csv') downloadText(`${base}.csv`, resultsCsv(s.run, s.runRows, results), 'text/csv');
    else if (kind === 'jsonl')
      downloadText(`${base}.jsonl`, resultsJsonl(s.run, s.runRows, results), 'application/jsonl');
    else downloadText(`${base}-mlflow.jsonl`, resultsMlflow(s.run, s.runRows, results), 'application/jsonl');
  }

  return (
    <section className="ev-card" aria-labelledby="ev-runs-title">
      <div className="ev-card__head">
        <h3 id="ev-runs-title">Runs</h3>
        {run && (
          <div className="row">
            <span className="muted">Export:</span>
            <button type="button" className="button button--small" onClick={() => download('csv')}>
              CSV
            </button>
            <button type="button" className="button button--small" onClick={() => download('jsonl')}>
              JSONL
            </button>
            <button type="button" className="button button--small" onClick={() => download('mlflow')}>
              MLflow dataset
            </button>
          </div>
        )}
      </div>
      {runs.length === 0 ? (
        <p className="hint">Runs are saved as they go; they appear here.</p>
      ) : (
        <ul className="ev-runs">
          {runs.map((r) => (
            <li key={r.id} className={r.id === run?.id ? 'ev-runs__current' : undefined}>
              <button
                type="button"
                className="button button--ghost button--small"
                disabled={busy || r.id === run?.id}
                onClick={() => void openRun(r.id)}
              >
                {r.name}
              </button>
              <span className="muted">
                {r.variants.length} variant{r.variants.length === 1 ? '' : 's'} ·{' '}
                {r.rowCount.toLocaleString('en-US')} rows ·{' '}
                {r.status === 'running' && r.id !== run?.id ? 'interrupted' : r.status}
              </span>
              <button
                type="button"
                className="button button--ghost button--small"
                aria-label={`Delete run ${r.name}`}
                disabled={busy && r.id === run?.id}
                onClick={() => void removeRun(r.id)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
