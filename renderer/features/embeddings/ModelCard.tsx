import { useEffect } from 'react';
import { costUsd } from '../../../shared/pricing';
import { usePricesStore } from '../../core/stores/prices-store';
import type { ModelAnalysis } from './analysis';
import type { ModelRunView } from './comparison-run';
import { formatMs, formatUsd } from './format-embeddings';
import { Heatmap } from './Heatmap';

/** The cost of this run's requests (cache hits cost nothing); null when no price is known. */
function useRunCost(endpoint: string, tokens: number | null): number | null {
  // Subscribing to the overrides re-renders the card when a price is edited in Settings.
  usePricesStore((s) => s.overrides);
  const loaded = usePricesStore((s) => s.loaded);
  const load = usePricesStore((s) => s.load);
  const priceFor = usePricesStore((s) => s.priceFor);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  const price = priceFor(endpoint);
  if (!price) return null;
  return costUsd({ promptTokens: tokens ?? 0, completionTokens: 0 }, price);
}

/** One model's column: its numbers and its heatmap. */
export function ModelCard({
  model,
  run,
  texts,
}: {
  model: ModelAnalysis;
  run: ModelRunView | undefined;
  texts: string[];
}) {
  const tokens = run?.tokens ?? null;
  const cost = useRunCost(model.endpoint, tokens);
  return (
    <article className="emb-card" aria-label={model.endpoint}>
      <header className="emb-card__header">
        <h3>{model.endpoint}</h3>
        {run?.model && <span className="badge">{run.model}</span>}
      </header>
      <dl className="emb-stats" data-testid="model-stats" data-endpoint={model.endpoint}>
        <div>
          <dt>Dimension</dt>
          <dd>{model.dim}</dd>
        </div>
        <div>
          <dt>Mean L2 norm</dt>
          <dd>{model.meanNorm.toFixed(3)}</dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd title="Total request time over this run's batches; cache hits take none.">
            {run && run.progress.batchesTotal > 0 ? formatMs(run.latencyMs) : '—'}
          </dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd title="Input tokens of this run's requests (cache hits cost none).">
            {tokens === null ? '—' : tokens.toLocaleString('en-US')}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd title="This run's tokens at the price in Settings; — when no price is known.">
            {formatUsd(cost)}
          </dd>
        </div>
      </dl>
      <Heatmap model={model} texts={texts} />
    </article>
  );
}
