import '../../styles/embeddings.css';
import { useEffect } from 'react';
import { Agreement } from './Agreement';
import type { Comparison } from './comparison-run';
import { EndpointChecklist } from './EndpointChecklist';
import { ExportBar } from './ExportBar';
import { useEmbeddingsStore } from './embeddings-store';
import { formatMs } from './format-embeddings';
import { ModelCard } from './ModelCard';
import { QueryRankings } from './QueryRanking';
import { RunPanel } from './RunPanel';
import { TextsInput } from './TextsInput';
import { measureRunRendered } from './timing';

/** The results of a comparison: heatmaps side by side, rankings, agreement, export. */
function Results({ comparison }: { comparison: Comparison }) {
  const runs = useEmbeddingsStore((s) => s.runs);
  const { models, texts, query } = comparison;
  // Effects run children first, so each heatmap's paint is queued before this timeout: the
  // run is measured once the results are committed and every heatmap is painted.
  useEffect(() => {
    const detail = { models: comparison.models.length, texts: comparison.texts.length };
    const done = setTimeout(() => measureRunRendered(comparison, detail), 0);
    return () => clearTimeout(done);
  }, [comparison]);
  return (
    <div className="emb-results">
      <div className="row emb-results__bar">
        <h3>Similarity</h3>
        <span className="hint" data-testid="compute-time" data-ms={comparison.computeMs}>
          {models.length} model{models.length === 1 ? '' : 's'} × {texts.length} texts computed in{' '}
          {formatMs(comparison.computeMs)} (off the main thread)
        </span>
        <ExportBar comparison={comparison} />
      </div>
      <div className="emb-columns">
        {models.map((m) => (
          <ModelCard
            key={m.endpoint}
            model={m}
            run={runs.find((r) => r.endpoint === m.endpoint)}
            texts={texts}
          />
        ))}
      </div>
      {query !== null && <QueryRankings models={models} texts={texts} query={query} />}
      <Agreement agreement={comparison.agreement} texts={texts} />
    </div>
  );
}

/** Why nothing is shown yet. */
function EmptyState() {
  const phase = useEmbeddingsStore((s) => s.phase);
  const ran = useEmbeddingsStore((s) => s.runs.length > 0);
  if (phase !== 'idle')
    return (
      <p className="emb-empty muted" role="status">
        {phase === 'computing' ? 'Computing similarities…' : 'Embedding…'}
      </p>
    );
  return (
    <p className="emb-empty muted">
      {ran
        ? 'No model finished, so there is nothing to compare: see the errors above.'
        : 'Enter a few texts, tick one or more embedding endpoints and press Embed: each model gets a similarity heatmap, side by side.'}
    </p>
  );
}

/**
 * The embedding-comparison pane: several embedding models side by side on the same texts,
 * with a similarity heatmap each, a ranking against an optional query, and how far the
 * models agree.
 */
export function EmbeddingsPane() {
  const comparison = useEmbeddingsStore((s) => s.comparison);
  return (
    <section className="pane pane--embeddings" aria-label="Embeddings" data-testid="embeddings-pane">
      <header className="pane__header">
        <h2>Embeddings</h2>
        <span className="hint">Compare embedding models on your own texts</span>
      </header>
      <div className="emb-setup">
        <TextsInput />
        <div className="emb-setup__side">
          <EndpointChecklist />
          <RunPanel />
        </div>
      </div>
      {comparison ? <Results comparison={comparison} /> : <EmptyState />}
    </section>
  );
}
