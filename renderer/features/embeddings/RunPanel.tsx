import { useEffect } from 'react';
import { formatError } from '../../core/format';
import type { ModelRunView } from './comparison-run';
import { useEmbeddingsStore } from './embeddings-store';

const STATUS_LABEL: Record<ModelRunView['status'], string> = {
  running: 'Embedding…',
  done: 'Done',
  error: 'Failed',
  cancelled: 'Cancelled',
};

/** One model's progress (batches done / total) and, if it failed, why. */
function RunRow({ run }: { run: ModelRunView }) {
  const { batchesDone, batchesTotal } = run.progress;
  return (
    <li className="emb-run" data-testid="model-run" data-endpoint={run.endpoint} data-status={run.status}>
      <span className="emb-run__name">{run.endpoint}</span>
      <progress
        max={Math.max(1, batchesTotal)}
        value={batchesTotal === 0 && run.status === 'done' ? 1 : batchesDone}
        aria-label={`${run.endpoint}: batches done`}
      />
      <span className="muted">
        {batchesDone} / {batchesTotal} batches
      </span>
      <span
        className={`badge ${run.status === 'error' ? 'badge--warn' : run.status === 'done' ? 'badge--ok' : ''}`}
      >
        {STATUS_LABEL[run.status]}
      </span>
      {run.error && (
        <p className="alert emb-run__error" role="alert">
          {formatError(run.error)}
        </p>
      )}
    </li>
  );
}

/** How many texts each model got from the cache, and the cache's size with a way to clear it. */
function CacheStats() {
  const runs = useEmbeddingsStore((s) => s.runs);
  const count = useEmbeddingsStore((s) => s.cacheCount);
  const running = useEmbeddingsStore((s) => s.phase !== 'idle');
  const clear = useEmbeddingsStore((s) => s.clearCache);
  const refresh = useEmbeddingsStore((s) => s.refreshCacheCount);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <div className="emb-cache" data-testid="cache-stats">
      {runs.map((r) => (
        <span key={r.endpoint} data-endpoint={r.endpoint}>
          {r.endpoint}: {r.progress.fromCache} of {r.progress.total} from cache
        </span>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => void clear()}
        disabled={running || !count}
        title="Deletes the cached vectors only; conversations are kept in a separate database."
      >
        Clear cache{count === null ? '' : ` (${count.toLocaleString('en-US')})`}
      </button>
    </div>
  );
}

/** Embed / Cancel, per-model progress and errors, and the cache line. */
export function RunPanel() {
  const phase = useEmbeddingsStore((s) => s.phase);
  const runs = useEmbeddingsStore((s) => s.runs);
  const problem = useEmbeddingsStore((s) => s.problem);
  const run = useEmbeddingsStore((s) => s.run);
  const cancel = useEmbeddingsStore((s) => s.cancel);
  return (
    <div className="emb-run-panel">
      <div className="row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void run()}
          disabled={phase !== 'idle'}
        >
          Embed
        </button>
        {phase !== 'idle' && (
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        )}
        {phase === 'computing' && (
          <span className="muted" role="status">
            Computing similarities…
          </span>
        )}
      </div>
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
      {runs.length > 0 && (
        <ul className="emb-runs" aria-label="Progress per model">
          {runs.map((r) => (
            <RunRow key={r.endpoint} run={r} />
          ))}
        </ul>
      )}
      <CacheStats />
    </div>
  );
}
