import { useEffect } from 'react';
import type { CompletionRunRecord } from '../../core/db/records';
import { formatCost } from '../../core/format';
import { useCompletionStore } from './completion-store';
import { useRunCost } from './use-run-cost';

/** The first line of the prompt's end: what the run continued. */
function promptSummary(prompt: string): string {
  const lastLine = prompt.trimEnd().split('\n').pop() ?? '';
  return lastLine.length > 60 ? `…${lastLine.slice(-60)}` : lastLine || '(blank line)';
}

function RunItem({
  run,
  current,
  disabled,
}: {
  run: CompletionRunRecord;
  current: boolean;
  disabled: boolean;
}) {
  const openRun = useCompletionStore((s) => s.openRun);
  const removeRun = useCompletionStore((s) => s.removeRun);
  const cost = useRunCost(run);
  const tokens = run.metrics
    ? `${run.metrics.promptTokens ?? '–'} in / ${run.metrics.completionTokens ?? '–'} out`
    : 'no metrics';
  const reasons = [...new Set(run.choices.map((c) => c.finishReason ?? '–'))].join(', ');
  return (
    <li className="completion-run-row">
      <button
        type="button"
        className={`completion-run${current ? ' completion-run--current' : ''}`}
        data-testid="completion-run"
        data-status={run.status}
        aria-current={current ? 'true' : undefined}
        disabled={disabled}
        onClick={() => void openRun(run.id)}
      >
        <span className="completion-run__prompt">{promptSummary(run.prompt)}</span>
        <span className="completion-run__meta">
          {new Date(run.createdAt).toLocaleTimeString()} · {run.endpoint} · {run.status}
          {run.choices.length > 1 ? ` · n=${run.choices.length}` : ''}
          {reasons ? ` · ${reasons}` : ''}
        </span>
        <span className="completion-run__meta">
          {tokens} · {formatCost(cost)}
        </span>
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={`Delete run from ${new Date(run.createdAt).toLocaleString()}`}
        disabled={disabled}
        onClick={() => void removeRun(run.id)}
      >
        ×
      </button>
    </li>
  );
}

/** Saved runs, newest first: open one to get its prompt, parameters and outputs back. */
export function RunHistory() {
  const runs = useCompletionStore((s) => s.runs);
  const status = useCompletionStore((s) => s.historyStatus);
  const error = useCompletionStore((s) => s.historyError);
  const load = useCompletionStore((s) => s.loadHistory);
  const currentId = useCompletionStore((s) => s.run?.id ?? null);
  const streaming = useCompletionStore((s) => s.streaming);

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  return (
    <section className="completion-history" aria-label="Runs">
      <h3>Runs</h3>
      {status === 'error' && error && (
        <p role="alert" className="alert alert--inline">
          {error}
        </p>
      )}
      {status === 'ready' && runs.length === 0 && (
        <p className="muted">Runs are kept here; open one to get it back.</p>
      )}
      <ul className="completion-history__list">
        {runs.map((run) => (
          <RunItem key={run.id} run={run} current={run.id === currentId} disabled={streaming} />
        ))}
      </ul>
    </section>
  );
}
