import { type ChangeEvent, useMemo } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import { inputTokenLimit, oversizedTexts } from './batching';
import { useEmbeddingsStore } from './embeddings-store';
import { countDuplicates, parseLines, TEXT_COUNT_LIMITS } from './text-input';

/** The column picker of an imported CSV file. */
function CsvPicker() {
  const csv = useEmbeddingsStore((s) => s.csv);
  const pick = useEmbeddingsStore((s) => s.pickCsvColumn);
  const setHeader = useEmbeddingsStore((s) => s.setCsvHeader);
  if (!csv) return null;
  return (
    <div className="row emb-csv">
      <span className="muted">{csv.fileName}:</span>
      <label>
        Column{' '}
        <select value={csv.column} onChange={(e) => pick(Number(e.target.value))}>
          {csv.table.headers.map((h, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: header names may repeat; the column is its position.
            <option key={k} value={k}>
              {h}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={csv.firstRowIsHeader} onChange={(e) => setHeader(e.target.checked)} />{' '}
        First row is a header
      </label>
    </div>
  );
}

/** Warnings about the texts: duplicates, and texts likely over a selected model's input limit. */
function TextWarnings({ texts }: { texts: string[] }) {
  const selected = useEmbeddingsStore((s) => s.selected);
  const endpoints = useEndpointsStore((s) => s.endpoints);
  const duplicates = countDuplicates(texts);
  const oversized = useMemo(
    () =>
      selected
        .map((name) => endpoints.find((e) => e.name === name))
        .filter((e): e is Endpoint => e !== undefined)
        .map((e) => ({
          endpoint: e.name,
          limit: inputTokenLimit(e),
          over: oversizedTexts(texts, inputTokenLimit(e)),
        }))
        .filter((o) => o.over.length > 0),
    [selected, endpoints, texts],
  );
  return (
    <>
      {duplicates > 0 && (
        <p className="notice" data-testid="duplicates-warning">
          {duplicates} duplicate text{duplicates === 1 ? '' : 's'}: kept (they score 1.0 with each other) and
          embedded once.
        </p>
      )}
      {oversized.map((o) => (
        <p key={o.endpoint} className="notice" data-testid="oversize-warning">
          {o.over.length} text{o.over.length === 1 ? ' is' : 's are'} likely over {o.endpoint}'s {o.limit}
          -token input limit (estimated at 4 characters per token):{' '}
          {o.over
            .slice(0, 8)
            .map((i) => `#${i + 1}`)
            .join(', ')}
          {o.over.length > 8 ? '…' : ''}. The endpoint may refuse them (failing their whole batch) or truncate
          them.
        </p>
      ))}
    </>
  );
}

/** The texts box (one per line), file import, and the optional query. */
export function TextsInput() {
  const source = useEmbeddingsStore((s) => s.source);
  const query = useEmbeddingsStore((s) => s.query);
  const setSource = useEmbeddingsStore((s) => s.setSource);
  const setQuery = useEmbeddingsStore((s) => s.setQuery);
  const importFile = useEmbeddingsStore((s) => s.importFile);
  const texts = useMemo(() => parseLines(source), [source]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) importFile(file.name, await file.text());
  };

  return (
    <div className="emb-input">
      <div className="row">
        <label htmlFor="emb-texts" className="emb-label">
          Texts
        </label>
        <span id="emb-texts-hint" className="hint">
          one per line, {TEXT_COUNT_LIMITS.min} to {TEXT_COUNT_LIMITS.max}
        </span>
      </div>
      <textarea
        id="emb-texts"
        aria-describedby="emb-texts-hint"
        className="emb-texts"
        rows={8}
        value={source}
        spellCheck={false}
        placeholder={'The cat sleeps on the sofa.\nStocks fell sharply today.\n…'}
        onChange={(e) => setSource(e.target.value)}
      />
      <div className="row">
        <span className="muted" data-testid="text-count">
          {texts.length} text{texts.length === 1 ? '' : 's'}
        </span>
        <label className="button button--small emb-file">
          Import .txt or .csv
          <input
            type="file"
            accept=".txt,.csv,text/plain,text/csv"
            className="visually-hidden"
            onChange={onFile}
          />
        </label>
      </div>
      <CsvPicker />
      <TextWarnings texts={texts} />
      <div className="row">
        <label htmlFor="emb-query" className="emb-label">
          Query
        </label>
        <span id="emb-query-hint" className="hint">
          optional: each model ranks the list by similarity to it
        </span>
      </div>
      <input
        id="emb-query"
        type="text"
        aria-describedby="emb-query-hint"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
    </div>
  );
}
