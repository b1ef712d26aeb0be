import { useState } from 'react';
import type { ModelAnalysis } from './analysis';
import { rankChange, truncate } from './format-embeddings';

/** How many ranked texts show before "Show all". */
const TOP = 10;

/** Position of each text in a ranking (text index → 0-based rank). */
function positions(order: number[]): Map<number, number> {
  return new Map(order.map((text, rank) => [text, rank]));
}

function RankList({
  model,
  reference,
  texts,
  limit,
}: {
  model: ModelAnalysis;
  reference: Map<number, number> | null;
  texts: string[];
  limit: number;
}) {
  const order = model.queryOrder ?? [];
  return (
    <section className="emb-ranking" data-testid="query-ranking" data-endpoint={model.endpoint}>
      <h4>{model.endpoint}</h4>
      <ol>
        {order.slice(0, limit).map((text, rank) => {
          const change = reference ? rankChange(reference.get(text) ?? rank, rank) : null;
          return (
            <li key={text} data-index={text} data-rank={rank + 1}>
              <span className="emb-ranking__rank">{rank + 1}</span>
              <span className="emb-ranking__text" title={texts[text]}>
                {truncate(texts[text] ?? '', 90)}
              </span>
              <span className="emb-ranking__score">{(model.queryScores?.[text] ?? 0).toFixed(3)}</span>
              {change && (
                <span
                  className={`badge emb-move emb-move--${change.up ? 'up' : 'down'}`}
                  title={`${change.label} compared with the first model`}
                >
                  {change.text}
                  <span className="visually-hidden"> ({change.label} compared with the first model)</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * Each model's ranking of the texts against the query, side by side. Badges mark texts that
 * moved compared with the first model (↑ ranked better here, ↓ worse).
 */
export function QueryRankings({
  models,
  texts,
  query,
}: {
  models: ModelAnalysis[];
  texts: string[];
  query: string;
}) {
  const [showAll, setShowAll] = useState(false);
  const first = models[0];
  if (!first?.queryOrder) return null;
  const reference = positions(first.queryOrder);
  const limit = showAll ? texts.length : TOP;
  return (
    <section className="emb-section" aria-labelledby="emb-ranking-title">
      <div className="row">
        <h3 id="emb-ranking-title">Ranking against “{truncate(query, 60)}”</h3>
        {texts.length > TOP && (
          <button type="button" className="button button--small" onClick={() => setShowAll(!showAll)}>
            {showAll ? `Top ${TOP}` : `Show all ${texts.length}`}
          </button>
        )}
      </div>
      {models.length > 1 && (
        <p className="hint">Badges compare each text's place with {first.endpoint}'s ranking.</p>
      )}
      <div className="emb-columns">
        {models.map((m, k) => (
          <RankList
            key={m.endpoint}
            model={m}
            reference={k === 0 ? null : reference}
            texts={texts}
            limit={limit}
          />
        ))}
      </div>
    </section>
  );
}
