import { Dialog } from '../../components/Dialog';
import { formatCost } from '../../core/format';
import { ASSUMED_MAX_TOKENS } from './eval-cost';
import { formatDuration } from './eval-format';
import type { RunProgress, RunWhere } from './eval-types';
import { useEvaluateStore } from './evaluate-store';
import { WorkspacePanel, WorkspaceRunStatus } from './WorkspacePanel';

const COUNT = new Intl.NumberFormat('en-US');

export { formatDuration };

/**
 * Where the requests run: this machine, or the workspace's SQL engine (Databricks SQL
 * `ai_query()` on a SQL warehouse), which an OpenAI-compatible server doesn't have.
 */
function WhereToRun({ disabled }: { disabled: boolean }) {
  const where = useEvaluateStore((s) => s.where);
  const setWhere = useEvaluateStore((s) => s.setWhere);
  const unavailable = useEvaluateStore((s) => s.sqlUnavailable());
  const option = (value: RunWhere, label: string, note: string, off: boolean) => (
    <label className={`ev-where__option${off ? ' ev-where__option--off' : ''}`}>
      <input
        type="radio"
        name="ev-where"
        value={value}
        checked={where === value}
        disabled={disabled || off}
        onChange={() => setWhere(value)}
      />
      <span>
        {label}
        <span className="hint"> — {note}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="ev-where">
      <legend>Where to run</legend>
      {option('local', 'This machine', 'one request per row and variant, through this app', false)}
      {option(
        'workspace',
        'Workspace (Databricks SQL)',
        unavailable ?? 'one ai_query statement per variant on a SQL warehouse; only results come back',
        unavailable !== null,
      )}
    </fieldset>
  );
}

/** The progress bar and its numbers. */
function Progress({ progress }: { progress: RunProgress }) {
  const phase = useEvaluateStore((s) => s.phase);
  const inWorkspace = useEvaluateStore((s) => s.run?.where === 'workspace');
  const now = Date.now();
  const finished = progress.done + progress.failed;
  const held = progress.limits.filter((l) => l.blockedUntil > now);
  return (
    <div className="ev-progress" data-testid="ev-progress">
      <progress
        max={Math.max(1, progress.total)}
        value={finished}
        aria-label={`Rows done: ${finished} of ${progress.total}`}
      />
      <p className="ev-progress__numbers" role="status">
        <span data-testid="ev-progress-done">
          {COUNT.format(finished)} / {COUNT.format(progress.total)} done
        </span>
        {progress.failed > 0 && <span className="ev-failed"> · {COUNT.format(progress.failed)} failed</span>}
        {inWorkspace ? (
          <span className="muted"> · tokens, latency and cost are not reported by SQL</span>
        ) : (
          <>
            <span>
              {' '}
              · {COUNT.format(progress.promptTokens)} in / {COUNT.format(progress.completionTokens)} out
              tokens
            </span>
            <span> · {progress.costUsd === null ? 'cost unknown' : formatCost(progress.costUsd)}</span>
          </>
        )}
        {phase === 'running' && progress.etaMs !== null && (
          <span> · about {formatDuration(progress.etaMs)} left</span>
        )}
        {phase === 'running' && progress.limits.length > 0 && (
          <span className="muted"> · {progress.inFlight} in flight</span>
        )}
      </p>
      {progress.limits.length > 0 && phase === 'running' && (
        <p className="hint" data-testid="ev-limits">
          {progress.limits
            .map(
              (l) =>
                `${l.endpoint}: ${l.limit} at a time${l.pace ? `, ${l.pace} a second` : ''}${l.rateLimited > 0 ? `, ${l.rateLimited}× rate-limited` : ''}`,
            )
            .join(' · ')}
          {held.length > 0 && ' · waiting as the server asked (Retry-After)'}
        </p>
      )}
    </div>
  );
}

/** The worst case before a large run: requests and cost, Run or Cancel. */
function ConfirmDialog() {
  const confirm = useEvaluateStore((s) => s.confirm);
  const confirmRun = useEvaluateStore((s) => s.confirmRun);
  const dismiss = useEvaluateStore((s) => s.dismissConfirm);
  if (!confirm) return null;
  return (
    <Dialog open title="Run this evaluation?" onClose={dismiss} testId="ev-confirm">
      <p>
        {COUNT.format(confirm.requests)} requests; worst case <strong>{formatCost(confirm.costUsd)}</strong>
        {confirm.unpriced.length > 0 && ` plus ${confirm.unpriced.join(', ')} (no price known)`}.
      </p>
      <ul className="ev-estimate">
        {confirm.variants.map((v, i) => (
          <li key={v.variantId}>
            Variant {i + 1}, {v.endpoint}: ~{COUNT.format(v.promptTokens)} prompt +{' '}
            {COUNT.format(v.maxOutputTokens)} output tokens
            {v.assumedMaxTokens ? ` (max_tokens unset: ${COUNT.format(ASSUMED_MAX_TOKENS)} assumed)` : ''} ={' '}
            {v.costUsd === null ? 'no price' : formatCost(v.costUsd)}
          </li>
        ))}
      </ul>
      <p className="hint">
        The worst case counts every answer at its full max_tokens; most stop well before.
      </p>
      <div className="row">
        <button type="button" className="button button--primary" onClick={() => void confirmRun()}>
          Run {COUNT.format(confirm.requests)} requests
        </button>
        <button type="button" className="button" onClick={dismiss}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

/** Where to run, Run (or why not), the progress with pause, resume and cancel. */
export function RunPanel() {
  const phase = useEvaluateStore((s) => s.phase);
  const progress = useEvaluateStore((s) => s.progress);
  const problem = useEvaluateStore((s) => s.runProblem());
  const requestRun = useEvaluateStore((s) => s.requestRun);
  const pause = useEvaluateStore((s) => s.pause);
  const resume = useEvaluateStore((s) => s.resume);
  const cancel = useEvaluateStore((s) => s.cancel);
  const where = useEvaluateStore((s) => s.where);
  const runWhere = useEvaluateStore((s) => s.run?.where ?? 'local');
  const uploading = useEvaluateStore((s) => s.uploading);
  const busy = phase === 'running' || phase === 'pausing';
  return (
    <section className="ev-card ev-run" aria-label="Run">
      <WhereToRun disabled={busy} />
      {where === 'workspace' && <WorkspacePanel disabled={busy} />}
      <div className="row">
        <button
          type="button"
          className="button button--primary"
          disabled={problem !== null}
          onClick={() => void requestRun()}
        >
          {where === 'workspace' ? 'Run in the workspace' : 'Run here'}
        </button>
        {uploading && <span className="muted">Uploading the dataset…</span>}
        {phase === 'running' && runWhere === 'local' && (
          <button type="button" className="button" onClick={pause}>
            Pause
          </button>
        )}
        {phase === 'pausing' && <span className="muted">Pausing: finishing the requests in flight…</span>}
        {phase === 'paused' && (
          <>
            <span className="badge badge--warn" data-testid="ev-paused">
              Paused
            </span>
            <button type="button" className="button" onClick={() => void resume()}>
              Resume
            </button>
          </>
        )}
        {(busy || phase === 'paused') && (
          <button type="button" className="button button--danger" onClick={() => void cancel()}>
            Cancel run
          </button>
        )}
        {phase === 'done' && <span className="badge badge--ok">Finished</span>}
        {phase === 'cancelled' && <span className="badge">Cancelled</span>}
        {problem && !busy && (
          <span className="hint" data-testid="ev-run-problem">
            {problem}
          </span>
        )}
      </div>
      {progress && <Progress progress={progress} />}
      {runWhere === 'workspace' && <WorkspaceRunStatus />}
      <ConfirmDialog />
    </section>
  );
}
