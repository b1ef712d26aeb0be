import { useEffect, useState } from 'react';
import { downloadText, fileDate } from '../../core/download';
import { formatDuration } from './eval-format';
import { defaultVolumePath, sqlFile } from './eval-workspace';
import { useEvaluateStore } from './evaluate-store';

/** Re-renders every second while `on` (elapsed times). */
function useTick(on: boolean) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, [on]);
}

/** The warehouse picker: name and state; a stopped one has a Start button. */
function WarehousePicker({ disabled }: { disabled: boolean }) {
  const view = useEvaluateStore((s) => s.warehouses);
  const picked = useEvaluateStore((s) => s.workspaceSetup.warehouseId);
  const setSetup = useEvaluateStore((s) => s.setWorkspaceSetup);
  const load = useEvaluateStore((s) => s.loadWarehouses);
  const start = useEvaluateStore((s) => s.startWarehouse);
  const current = view.list?.find((w) => w.id === picked);
  return (
    <div className="ev-ws__row">
      <label className="ev-label" htmlFor="ev-warehouse">
        SQL warehouse
      </label>
      <div className="row">
        <select
          id="ev-warehouse"
          className="ev-input ev-ws__select"
          value={picked ?? ''}
          disabled={disabled || !view.list}
          onChange={(e) => setSetup({ warehouseId: e.target.value || null })}
        >
          {!view.list && <option value="">{view.loading ? 'Loading…' : 'No warehouses'}</option>}
          {view.list?.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name} — {w.state}
            </option>
          ))}
        </select>
        {current && (
          <span
            className={`badge${current.state === 'RUNNING' ? ' badge--ok' : ' badge--warn'}`}
            data-testid="ev-warehouse-state"
          >
            {current.state}
          </span>
        )}
        {current &&
          (current.state === 'STOPPED' || current.state === 'STOPPING') &&
          view.starting !== current.id && (
            <button type="button" className="button button--small" onClick={() => void start(current.id)}>
              Start warehouse
            </button>
          )}
        {view.starting && <span className="muted">Starting… (checking every second)</span>}
        <button
          type="button"
          className="button button--small"
          disabled={view.loading}
          onClick={() => void load()}
        >
          Refresh
        </button>
      </div>
      {current && current.state !== 'RUNNING' && !view.starting && (
        <p className="hint">A statement sent to a stopped warehouse fails: start it first.</p>
      )}
      {view.error && (
        <p className="ev-error" role="alert">
          {view.error}
        </p>
      )}
    </div>
  );
}

/** Where the dataset comes from: uploaded to a volume, or a table; and the optional results table. */
function SourcePicker({ disabled }: { disabled: boolean }) {
  const setup = useEvaluateStore((s) => s.workspaceSetup);
  const datasetName = useEvaluateStore((s) => s.dataset?.name ?? 'dataset');
  const setSetup = useEvaluateStore((s) => s.setWorkspaceSetup);
  const uploadError = useEvaluateStore((s) => s.workspaceError);
  return (
    <div className="ev-ws__row">
      <fieldset className="ev-where">
        <legend>Dataset in the workspace</legend>
        <label className="ev-where__option">
          <input
            type="radio"
            name="ev-ws-source"
            checked={setup.source === 'volume'}
            disabled={disabled}
            onChange={() => setSetup({ source: 'volume' })}
          />
          <span>Upload this dataset to a volume path</span>
        </label>
        <label className="ev-where__option">
          <input
            type="radio"
            name="ev-ws-source"
            checked={setup.source === 'table'}
            disabled={disabled}
            onChange={() => setSetup({ source: 'table' })}
          />
          <span>Read a table</span>
        </label>
      </fieldset>
      {setup.source === 'volume' ? (
        <>
          <label className="ev-label" htmlFor="ev-volume-path">
            Volume path
          </label>
          <input
            id="ev-volume-path"
            className="ev-input"
            value={setup.volumePath}
            placeholder={defaultVolumePath(datasetName)}
            disabled={disabled}
            spellCheck={false}
            onChange={(e) => setSetup({ volumePath: e.target.value })}
          />
          <p className="hint">
            The CSV is uploaded here (replacing a file of that name) with a _row column numbering the rows.
          </p>
        </>
      ) : (
        <>
          <label className="ev-label" htmlFor="ev-table">
            Table (catalog.schema.table)
          </label>
          <input
            id="ev-table"
            className="ev-input"
            value={setup.tableName}
            disabled={disabled}
            spellCheck={false}
            onChange={(e) => setSetup({ tableName: e.target.value })}
          />
          <label className="ev-label" htmlFor="ev-table-id">
            Row id column
          </label>
          <input
            id="ev-table-id"
            className="ev-input"
            value={setup.tableIdColumn}
            disabled={disabled}
            spellCheck={false}
            onChange={(e) => setSetup({ tableIdColumn: e.target.value })}
          />
          <p className="hint">
            The table's columns are the variables. Import the same rows here as a dataset too: the app checks
            the template against its columns and matches results to rows by the id column.
          </p>
        </>
      )}
      <label className="ev-label" htmlFor="ev-keep-table">
        Keep results in the workspace as table (optional)
      </label>
      <input
        id="ev-keep-table"
        className="ev-input"
        value={setup.keepTable}
        placeholder="catalog.schema.table — leave empty to keep nothing"
        disabled={disabled}
        spellCheck={false}
        onChange={(e) => setSetup({ keepTable: e.target.value })}
      />
      {uploadError && (
        <p className="ev-error" role="alert" data-testid="ev-workspace-error">
          {uploadError}
        </p>
      )}
    </div>
  );
}

/** The SQL of each variant: shown, copyable, editable (marked "edited"), downloadable. */
function StatementsEditor({ disabled }: { disabled: boolean }) {
  // Re-plans whenever the setup changes (the plan is derived, not stored).
  useEvaluateStore((s) => s.template);
  useEvaluateStore((s) => s.workspaceSetup);
  useEvaluateStore((s) => s.dataset);
  const plan = useEvaluateStore.getState().workspacePlan();
  const variants = useEvaluateStore((s) => s.variants);
  const editStatement = useEvaluateStore((s) => s.editStatement);
  const [copied, setCopied] = useState<string | null>(null);
  if (plan.problem)
    return (
      <p className="hint" data-testid="ev-sql-problem">
        SQL: {plan.problem}
      </p>
    );
  const entries = plan.statements.map((p, i) => ({
    label: `Variant ${i + 1}: ${variants[i]?.endpoint ?? '?'}`,
    sql: p.sql ?? '',
    edited: p.edited,
  }));
  return (
    <div className="ev-ws__sql">
      <div className="ev-card__head">
        <h4>SQL per variant</h4>
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            downloadText(
              `evaluation-${fileDate()}.sql`,
              sqlFile(entries, 'Evaluate: one statement per variant'),
              'application/sql',
            )
          }
        >
          Download .sql
        </button>
      </div>
      {plan.statements.map((p, i) => (
        <div key={p.variantId} className="ev-ws__statement" data-testid="ev-sql">
          <div className="row">
            <label className="ev-label" htmlFor={`ev-sql-${p.variantId}`}>
              Variant {i + 1} ({variants[i]?.endpoint ?? 'no endpoint'})
            </label>
            {p.edited && <span className="badge badge--warn">edited</span>}
            <button
              type="button"
              className="button button--small"
              disabled={!p.sql}
              onClick={() => {
                void navigator.clipboard?.writeText(p.sql ?? '').then(
                  () => setCopied(p.variantId),
                  () => setCopied(null),
                );
              }}
            >
              {copied === p.variantId ? 'Copied' : 'Copy'}
            </button>
            {p.edited && (
              <button
                type="button"
                className="button button--small"
                disabled={disabled}
                onClick={() => editStatement(p.variantId, null)}
              >
                Use the generated SQL
              </button>
            )}
          </div>
          {p.problem && !p.sql ? (
            <p className="hint">{p.problem}</p>
          ) : (
            <textarea
              id={`ev-sql-${p.variantId}`}
              className="ev-textarea ev-ws__code"
              rows={Math.min(14, (p.sql ?? '').split('\n').length + 1)}
              value={p.sql ?? ''}
              disabled={disabled}
              spellCheck={false}
              onChange={(e) => editStatement(p.variantId, e.target.value)}
            />
          )}
        </div>
      ))}
    </div>
  );
}

/** The statements of the workspace run on screen: state per variant, elapsed time, errors. */
export function WorkspaceRunStatus() {
  const run = useEvaluateStore((s) => s.run);
  const phase = useEvaluateStore((s) => s.phase);
  useTick(phase === 'running');
  if (!run?.workspace) return null;
  const now = Date.now();
  const source = run.workspace.source;
  return (
    <div className="ev-ws__status" data-testid="ev-ws-status">
      <p className="hint">
        Warehouse {run.workspace.warehouseId} ·{' '}
        {source.kind === 'volume' ? `uploaded to ${source.path}` : `table ${source.name}`}
      </p>
      <ul className="ev-ws__list">
        {run.workspace.statements.map((st, i) => {
          const variant = run.variants.find((v) => v.id === st.variantId);
          const elapsed = st.submittedAt ? (st.finishedAt ?? now) - st.submittedAt : null;
          return (
            <li key={st.variantId} data-testid="ev-ws-statement">
              <span>
                Variant {i + 1} ({variant?.endpoint ?? '?'}){st.edited ? ' · edited' : ''}:{' '}
              </span>
              <span
                className={`badge${st.state === 'SUCCEEDED' ? ' badge--ok' : st.state === 'FAILED' ? ' badge--warn' : ''}`}
                data-testid="ev-ws-state"
              >
                {st.readBack && st.state !== 'SUCCEEDED' ? `reading ${st.table}: ${st.state}` : st.state}
              </span>
              {st.state === 'SUCCEEDED' && st.finishedAt === null && (
                <span className="muted"> · fetching the results…</span>
              )}
              {elapsed !== null && <span className="muted"> · {formatDuration(elapsed)}</span>}
              {st.table && st.state === 'SUCCEEDED' && <span className="muted"> · kept in {st.table}</span>}
              <button
                type="button"
                className="button button--small ev-ws__dl"
                onClick={() =>
                  downloadText(
                    `${run.name.replace(/[^A-Za-z0-9._-]+/g, '_')}-v${i + 1}.sql`,
                    sqlFile(
                      [
                        {
                          label: `Variant ${i + 1}: ${variant?.endpoint ?? '?'}`,
                          sql: st.sql,
                          edited: st.edited,
                        },
                      ],
                      run.name,
                    ),
                    'application/sql',
                  )
                }
              >
                .sql
              </button>
              {st.error && (
                <p className="ev-error" role="alert">
                  {st.error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The workspace path's settings: warehouse, source, results table, and the SQL per variant. */
export function WorkspacePanel({ disabled }: { disabled: boolean }) {
  return (
    <div className="ev-ws" data-testid="ev-workspace">
      <WarehousePicker disabled={disabled} />
      <SourcePicker disabled={disabled} />
      <StatementsEditor disabled={disabled} />
    </div>
  );
}
