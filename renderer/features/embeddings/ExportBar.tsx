import { useState } from 'react';
import type { Comparison } from './comparison-run';
import { type CsvContent, comparisonToCsv, comparisonToJson, exportFileName } from './export';

/** Saves `content` as a file: a Blob behind a temporary <a download>, no server involved. */
function downloadText(fileName: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next tick: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Export of the comparison: CSV (vectors or similarity matrices) or JSON (everything). */
export function ExportBar({ comparison }: { comparison: Comparison }) {
  const [content, setContent] = useState<CsvContent>('similarity');
  return (
    <div className="row emb-export">
      <label>
        CSV contents{' '}
        <select value={content} onChange={(e) => setContent(e.target.value as CsvContent)}>
          <option value="similarity">Similarity matrices</option>
          <option value="vectors">Vectors</option>
        </select>
      </label>
      <button
        type="button"
        className="button button--small"
        onClick={() =>
          downloadText(exportFileName(content, 'csv'), 'text/csv', comparisonToCsv(comparison, content))
        }
      >
        Export CSV
      </button>
      <button
        type="button"
        className="button button--small"
        title="Texts, query, and per model its vectors, similarity matrix and query scores"
        onClick={() =>
          downloadText(exportFileName('comparison', 'json'), 'application/json', comparisonToJson(comparison))
        }
      >
        Export JSON
      </button>
    </div>
  );
}
