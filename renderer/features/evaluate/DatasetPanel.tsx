import { useId, useState } from 'react';
import { expectedColumn, MAX_DATASET_ROWS } from './eval-dataset';
import { useEvaluateStore } from './evaluate-store';

const PREVIEW_ROWS = 5;

/** Import a CSV/JSONL file or pick a stored dataset; the first rows as a preview. */
export function DatasetPanel({ disabled }: { disabled: boolean }) {
  const id = useId();
  const datasets = useEvaluateStore((s) => s.datasets);
  const dataset = useEvaluateStore((s) => s.dataset);
  const rows = useEvaluateStore((s) => s.rows);
  const importing = useEvaluateStore((s) => s.importing);
  const importError = useEvaluateStore((s) => s.importError);
  const importDataset = useEvaluateStore((s) => s.importDataset);
  const selectDataset = useEvaluateStore((s) => s.selectDataset);
  const removeDataset = useEvaluateStore((s) => s.removeDataset);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const expected = dataset ? expectedColumn(dataset.columns) : null;

  async function onFile(file: File | undefined) {
    if (!file) return;
    await importDataset(file.name, await file.text());
  }

  return (
    <section className="ev-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Dataset</h3>
      <div className="row">
        <label className="button button--small ev-file">
          {importing ? 'Importing…' : 'Import CSV or JSONL…'}
          <input
            type="file"
            accept=".csv,.tsv,.jsonl,.ndjson,.json,text/csv"
            className="visually-hidden"
            aria-label="Import a dataset (CSV or JSONL)"
            disabled={disabled || importing}
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        {datasets.length > 0 && (
          <select
            aria-label="Stored datasets"
            value={dataset?.id ?? ''}
            disabled={disabled}
            onChange={(e) => void selectDataset(e.target.value)}
          >
            {!dataset && <option value="">Pick a dataset</option>}
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.rowCount.toLocaleString('en-US')} rows)
              </option>
            ))}
          </select>
        )}
        {dataset &&
          (confirmDelete ? (
            <>
              <span className="muted">Delete it and its runs?</span>
              <button
                type="button"
                className="button button--danger button--small"
                onClick={() => {
                  setConfirmDelete(false);
                  void removeDataset(dataset.id);
                }}
              >
                Delete
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setConfirmDelete(false)}
              >
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={disabled}
              onClick={() => setConfirmDelete(true)}
            >
              Delete dataset
            </button>
          ))}
      </div>
      {importError && (
        <p className="alert" role="alert" data-testid="ev-import-error">
          {importError}
        </p>
      )}
      {!dataset && !importError && (
        <p className="hint">
          A header row (CSV) or one JSON object per line (JSONL); up to{' '}
          {MAX_DATASET_ROWS.toLocaleString('en-US')} rows. Every column is a variable; a column named{' '}
          <code>expected</code> is what scorers compare with.
        </p>
      )}
      {dataset && (
        <>
          <p className="hint" data-testid="ev-dataset-summary">
            {dataset.rowCount.toLocaleString('en-US')} rows · {dataset.columns.length} columns
            {expected ? ` · expected answers in "${expected}"` : ' · no expected column'}
          </p>
          <div className="table-wrap ev-preview">
            <table className="table" aria-label="Dataset preview">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  {dataset.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, PREVIEW_ROWS).map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; the order is fixed
                  <tr key={i}>
                    <td className="muted">{i + 1}</td>
                    {dataset.columns.map((c) => (
                      <td key={c}>{row[c]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
